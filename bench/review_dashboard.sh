#!/usr/bin/env bash
# Influence dashboard responsiveness: building it over n samples x K classes (every class's
# OSD small multiple, the other plots, one other detector to compare with) and moving one
# class's cut (re-threshold the stored OSD, redraw that class, recount flags and the
# detector overlap live). Runs bench/review_dashboard_bench.
# Usage: bench/review_dashboard.sh [build-dir] [n-samples] [classes] [runs]
set -euo pipefail
BUILD=${1:-build}
N=${2:-1000000}
K=${3:-10}
RUNS=${4:-3}
BIN="$BUILD/bench/review_dashboard_bench"
[ -x "$BIN" ] || { echo "build review_dashboard_bench first (cmake -B $BUILD -DWINNOW_BUILD_BENCH=ON && cmake --build $BUILD --target review_dashboard_bench)"; exit 1; }
export QT_QPA_PLATFORM=offscreen WINNOW_DASHBOARD_BENCH=$N WINNOW_DASHBOARD_BENCH_CLASSES=$K
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$RUNS"); do
  "$BIN" cutMoveTiming 2>/dev/null | grep -o 'n = .*'
done
