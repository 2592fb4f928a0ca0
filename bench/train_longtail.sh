#!/bin/sh
# Long-tailed Fashion-MNIST (rho = 100, METHODS 11): CE vs CE+CMO vs IB with cnn-small, overall
# and tail accuracy on the (balanced) test split. Usage:
#   bench/train_longtail.sh [BUILD_DIR] [EPOCHS] [THREADS]
# With E epochs: CMO is active in epochs [1, E-1) (the default window [3, E-3) is empty for
# short runs), IB switches on at E/2 (its default).
set -eu
BUILD=${1:-build}
EPOCHS=${2:-10}
THREADS=${3:-2}
CLI="$BUILD/app/winnow-cli"
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}
mkdir -p "$WORK"
P="$WORK/fmnist.winnow"
[ -f "$P" ] || "$CLI" demo --project "$P" >/dev/null
"$CLI" longtail --project "$P" --rho 100 --seed 1 --out "$WORK/lt100.txt"
common="--project $P --model cnn-small --epochs $EPOCHS --batch 128 --lr 0.05 --crop-padding 2
  --threads $THREADS --device cpu --seed 1 --exclude-file $WORK/lt100.txt --no-outputs --json"
for variant in ce cmo ib; do
  case $variant in
    ce) extra="--loss ce" ;;
    cmo) extra="--loss ce --cmo --cmo-start 1 --cmo-end-margin 1" ;;
    ib) extra="--loss ib" ;;
  esac
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$WORK/lt_$variant.time" "$CLI" train $common $extra |
    grep '"event":"done"' >"$WORK/lt_$variant.json"
  awk -v v="$variant" -v t="$(cat "$WORK/lt_$variant.time")" '{
    match($0, /"acc_test":[0-9.]+/); at = substr($0, RSTART + 11, RLENGTH - 11);
    match($0, /"acc_many":[0-9.]+/); am = substr($0, RSTART + 11, RLENGTH - 11);
    match($0, /"acc_medium":[0-9.null]+/); ad = substr($0, RSTART + 13, RLENGTH - 13);
    match($0, /"acc_few":[0-9.null]+/); af = substr($0, RSTART + 10, RLENGTH - 10);
    match($0, /"per_class_acc":\[[^]]*\]/); pc = substr($0, RSTART + 16, RLENGTH - 16);
    match($0, /"train_counts":\[[^]]*\]/); tc = substr($0, RSTART + 15, RLENGTH - 15);
    printf "%-4s test %s  many %s  medium %s  few %s  per-class %s  n_k %s  cpu(user sys) %s\n", v, at, am, ad, af, pc, tc, t }' \
    "$WORK/lt_$variant.json"
done
