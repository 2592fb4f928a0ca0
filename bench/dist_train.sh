#!/bin/sh
# Issue 12: data-parallel training throughput, one process with 2 compute threads against two
# processes (torchrun-style environment, Gloo on loopback) with 1 thread each, on the
# Fashion-MNIST demo project (built once with `winnow-cli demo`). Both train cnn-small for one
# epoch on the same seeded subset with the same global batch and --no-outputs, and print the
# epoch's samples_per_s (the global batch's samples over the rank's wall time) and the
# scaling efficiency (two processes / one). The load average is printed before and after:
# the machine may be shared.
# Usage: bench/dist_train.sh [BUILD_DIR] [SUBSET] [BATCH]
set -eu
BUILD=${1:-build}
SUBSET=${2:-10000}
BATCH=${3:-128}
CLI="$BUILD/app/winnow-cli"
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}
mkdir -p "$WORK"
P="$WORK/fmnist.winnow"
[ -f "$P" ] || "$CLI" demo --project "$P" >/dev/null
ARGS="train --project $P --model cnn-small --epochs 1 --batch $BATCH --subset $SUBSET --device cpu --no-outputs --json"
field() { echo "$1" | sed -n "s/.*\"$2\":\([0-9.e+-]*\).*/\1/p"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
one=$(env -u RANK -u WORLD_SIZE "$CLI" $ARGS --threads 2 | grep '"event":"epoch"')
one_sps=$(field "$one" samples_per_s)
PORT=${PORT:-29517}
for r in 1 0; do
  RANK=$r LOCAL_RANK=$r WORLD_SIZE=2 LOCAL_WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$PORT \
    "$CLI" $ARGS --threads 1 >"$WORK/dist_rank$r.txt" &
done
wait
two=$(grep '"event":"epoch"' "$WORK/dist_rank0.txt")
two_sps=$(field "$two" samples_per_s)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "1 process x 2 threads: $one_sps samples/s"
echo "2 processes x 1 thread: $two_sps samples/s"
awk -v a="$one_sps" -v b="$two_sps" 'BEGIN { printf "2 processes / 1 process: %.2f\n", b / a }'
