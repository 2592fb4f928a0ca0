#!/bin/sh
# Issue 14: the Issues dock over a stored scan of 1,000,000 samples (bench/issues_dock_bench.cpp).
# The first run builds the project and scans it (timed); every run then times the dock.
# Usage: bench/issues_dock.sh [BUILD_DIR] [RUNS] [ROWS]   (project kept in /tmp/winnow-issues-bench)
set -e
BUILD=${1:-build}; RUNS=${2:-3}; ROWS=${3:-1000000}
[ -x "$BUILD/bench/issues_dock_bench" ] || { echo "configure with -DWINNOW_BUILD_BENCH=ON and build issues_dock_bench" >&2; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for r in $(seq "$RUNS"); do
  echo "run $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  QT_QPA_PLATFORM=offscreen /usr/bin/time -f 'peak RSS %M KiB, %e s wall' "$BUILD/bench/issues_dock_bench" --rows "$ROWS" \
    --project "/tmp/winnow-issues-bench/issues-$ROWS.winnow"
done
