#!/usr/bin/env bash
# Issue 14: peak memory and time of the neighbour graph on a run's features, held in memory
# against memory-mapped (bench/feature_files_bench.cpp), alternating, RUNS times each, after one
# "mapped" run that builds the normalised copy (printed first, its own line).
# Usage: bench/feature_files.sh [BUILD_DIR=build] [RUNS=3] [N=1000000] [DIM=128] [WORK=/tmp/winnow-feature-files]
set -euo pipefail
build=${1:-build}; runs=${2:-3}; n=${3:-1000000}; dim=${4:-128}; work=${5:-/tmp/winnow-feature-files}
bin=$build/bench/feature_files_bench
[ -x "$bin" ] || { echo "configure with -DWINNOW_BUILD_BENCH=ON and build feature_files_bench" >&2; exit 1; }
rm -rf "$work"
"$bin" make "$work" "$n" "$dim"
echo "copy built: $("$bin" mapped "$work")"
for i in $(seq "$runs"); do
  echo "held: $("$bin" held "$work")"
  echo "mapped: $("$bin" mapped "$work")"
done
rm -rf "$work"
