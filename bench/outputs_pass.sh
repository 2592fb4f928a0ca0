#!/bin/sh
# Issue 12: the forward-only pass that writes a run's outputs against the training loop, both
# figures from the same run. Each run is `train --model cnn-small --epochs 1` on the
# Fashion-MNIST demo project (70,000 samples; built once with `winnow-cli demo`), and prints
# the training loop's samples_per_s (epoch event), the outputs pass's outputs_rows /
# outputs_seconds, their ratio, and the rest of the wall time (input statistics, the epoch's
# evaluation on the test split, setup). Medians over RUNS; the load average is printed
# before and after, since the CPU may be shared.
# Usage: bench/outputs_pass.sh [BUILD_DIR] [RUNS] [THREADS] [SUBSET] [EVAL_BATCH]
#   SUBSET: training samples (0 = all 60,000 training images); the outputs pass always covers
#   every sample. WINNOW_FASHION_MNIST_DIR points the demo at another copy of the IDX files.
set -eu
BUILD=${1:-build}
RUNS=${2:-3}
THREADS=${3:-2}
SUBSET=${4:-0}
EVAL_BATCH=${5:-512}
CLI="$BUILD/app/winnow-cli"
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}
mkdir -p "$WORK"
SUBSET_ARG=""
[ "$SUBSET" -gt 0 ] && SUBSET_ARG="--subset $SUBSET"
P="$WORK/fmnist.winnow"
[ -f "$P" ] || "$CLI" demo --project "$P" >/dev/null
: >"$WORK/op_train.txt"
: >"$WORK/op_rows.txt"
: >"$WORK/op_ratio.txt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
field() { echo "$1" | sed -n "s/.*\"$2\":\([0-9.e+-]*\).*/\1/p"; }
i=0
while [ $i -lt "$RUNS" ]; do
  i=$((i + 1))
  out=$("$CLI" train --project "$P" --model cnn-small --epochs 1 --threads "$THREADS" --device cpu \
      $SUBSET_ARG --eval-batch "$EVAL_BATCH" --json)
  epoch=$(echo "$out" | grep '"event":"epoch"')
  done=$(echo "$out" | grep '"event":"done"')
  sps=$(field "$epoch" samples_per_s)
  rows=$(field "$done" outputs_rows)
  osec=$(field "$done" outputs_seconds)
  wall=$(field "$done" wall_seconds)
  tsec=$(field "$done" train_seconds)
  rps=$(awk "BEGIN {print $rows / $osec}")
  ratio=$(awk "BEGIN {printf \"%.3f\", $rps / $sps}")
  other=$(awk "BEGIN {printf \"%.1f\", $wall - $tsec - $osec}")
  echo "run $i: training $sps samples/s; outputs $rows rows in $osec s = $rps rows/s; ratio $ratio; rest of the run (stats, epoch evaluation, setup) $other s"
  echo "$sps" >>"$WORK/op_train.txt"
  echo "$rps" >>"$WORK/op_rows.txt"
  echo "$ratio" >>"$WORK/op_ratio.txt"
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "median of $RUNS: training $(median "$WORK/op_train.txt") samples/s, outputs $(median "$WORK/op_rows.txt") rows/s, ratio (per run) $(median "$WORK/op_ratio.txt")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
