#!/bin/sh
# Training throughput of cnn-small on Fashion-MNIST (issue 3): Winnow vs the PyTorch eager
# reference (bench/train_throughput_ref.py, Debian's python3-torch = the same LibTorch 1.13),
# same threads, batch, model, optimiser and augmentation, interleaved in the same run.
# Usage: bench/train_throughput.sh [BUILD_DIR] [RUNS] [SAMPLES] [THREADS] [BATCH]
# Prints one line per measurement and the medians; figures are training-loop samples/s
# (wall clock), plus samples per CPU-second for Winnow (less sensitive to a shared CPU).
# Two PyTorch peers: as it runs by default, and with OPENBLAS_NUM_THREADS=1 — the BLAS
# thread policy Winnow applies to itself while training on the CPU (core/train/cpu_tuning.h),
# so the second ratio shows what remains once that setting is equal.
set -eu
BUILD=${1:-build}
RUNS=${2:-5}
SAMPLES=${3:-10000}
THREADS=${4:-2}
BATCH=${5:-128}
CLI="$BUILD/app/winnow-cli"
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}
mkdir -p "$WORK"
P="$WORK/fmnist.winnow"
[ -f "$P" ] || "$CLI" demo --project "$P" >/dev/null
: >"$WORK/tp_winnow.txt"
: >"$WORK/tp_torch.txt"
: >"$WORK/tp_winnow_cpu.txt"
: >"$WORK/tp_torch_cpu.txt"
: >"$WORK/tp_torch1.txt"
i=0
while [ $i -lt "$RUNS" ]; do
  i=$((i + 1))
  wl=$("$CLI" train --project "$P" --model cnn-small --epochs 1 --subset "$SAMPLES" --batch "$BATCH" \
      --lr 0.05 --schedule constant --threads "$THREADS" --device cpu --no-outputs --json |
      grep '"event":"epoch"')
  w=$(echo "$wl" | sed 's/.*"samples_per_s":\([0-9.e+-]*\).*/\1/')
  wc=$(echo "$wl" | sed 's/.*"train_cpu_seconds":\([0-9.e+-]*\).*/\1/')
  tl=$(OMP_NUM_THREADS=$THREADS /usr/bin/python3 "$HERE/train_throughput_ref.py" --threads "$THREADS" \
      --batch "$BATCH" --samples "$SAMPLES")
  t=$(echo "$tl" | sed 's/.*"samples_per_s": \([0-9.e+-]*\).*/\1/')
  tc=$(echo "$tl" | sed 's/.*"samples_per_cpu_s": \([0-9.e+-]*\).*/\1/')
  t1=$(OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$HERE/train_throughput_ref.py" \
      --threads "$THREADS" --batch "$BATCH" --samples "$SAMPLES" | sed 's/.*"samples_per_s": \([0-9.e+-]*\).*/\1/')
  wpc=$(awk "BEGIN {print $SAMPLES / $wc}")
  echo "run $i: winnow $w samples/s ($wpc per CPU-s), pytorch $t samples/s ($tc per CPU-s), pytorch with 1 BLAS thread $t1"
  echo "$w" >>"$WORK/tp_winnow.txt"
  echo "$t" >>"$WORK/tp_torch.txt"
  echo "$t1" >>"$WORK/tp_torch1.txt"
  echo "$wpc" >>"$WORK/tp_winnow_cpu.txt"
  echo "$tc" >>"$WORK/tp_torch_cpu.txt"
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mw=$(median "$WORK/tp_winnow.txt")
mt=$(median "$WORK/tp_torch.txt")
echo "median: winnow $mw samples/s, pytorch $mt samples/s, ratio $(awk "BEGIN {printf \"%.3f\", $mw/$mt}")"
mwc=$(median "$WORK/tp_winnow_cpu.txt")
mtc=$(median "$WORK/tp_torch_cpu.txt")
echo "median per CPU-second: winnow $mwc, pytorch $mtc, ratio $(awk "BEGIN {printf \"%.3f\", $mwc/$mtc}")"
mt1=$(median "$WORK/tp_torch1.txt")
echo "median: pytorch with 1 BLAS thread $mt1 samples/s, ratio winnow / it $(awk "BEGIN {printf \"%.3f\", $mw/$mt1}")"
