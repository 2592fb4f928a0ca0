#!/usr/bin/env bash
# Review workstation latency: p95 time from a decision key press to the next queue item fully
# shown (current, large image on screen, window repainted), through the real ReviewWidget on a
# generated project (direct SQL inserts). Decisions are committed with synchronous=FULL.
# Usage: bench/review_latency.sh [build-dir] [n-samples] [runs]
set -euo pipefail
BUILD=${1:-build}
N=${2:-1000000}
RUNS=${3:-3}
BIN="$BUILD/bench/review_latency_bench"
[ -x "$BIN" ] || { echo "build review_latency_bench first (cmake -B $BUILD -DWINNOW_BUILD_BENCH=ON && cmake --build $BUILD --target review_latency_bench)"; exit 1; }
WORK=$(mktemp -d /tmp/review-latency.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen WINNOW_REVIEW_BENCH_N=$N WINNOW_REVIEW_BENCH_DIR=$WORK
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for think in 150 0; do
  for r in $(seq "$RUNS"); do
    WINNOW_REVIEW_BENCH_THINK_MS=$think WINNOW_REVIEW_BENCH_PRESSES=${PRESSES:-100} "$BIN" 2>/dev/null | grep '^review latency'
  done
done
