#!/bin/sh
# cnn-small on Fashion-MNIST, 10 epochs (issue 3 target: test accuracy >= 91%), with the CPU
# time of the whole command (training, per-epoch evaluation and the run outputs).
# Usage: bench/train_fmnist_accuracy.sh [BUILD_DIR] [THREADS] [extra train options...]
set -eu
BUILD=${1:-build}
THREADS=${2:-2}
shift 2 2>/dev/null || true
CLI="$BUILD/app/winnow-cli"
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}
mkdir -p "$WORK"
P="$WORK/fmnist.winnow"
[ -f "$P" ] || "$CLI" demo --project "$P" >/dev/null
/usr/bin/time -v "$CLI" train --project "$P" --model cnn-small --epochs 10 --batch 128 --lr 0.05 \
  --schedule cosine --crop-padding 2 --threads "$THREADS" --device cpu --seed 1 --json "$@" \
  2>"$WORK/acc_time.txt" | grep -v '"event":"progress"' | tee "$WORK/acc_run.jsonl" |
  sed 's/.*"acc_test":\([0-9.]*\).*"epoch":\([0-9]*\).*/epoch \2: test accuracy \1/'
grep -E "User time|System time|Elapsed|Maximum resident" "$WORK/acc_time.txt"
