#!/bin/sh
# Grid benchmark (issue 2): open a 1,000,000-sample project and scroll through its grid.
# Usage: bench/grid_bench.sh [build-folder] [runs]   (the project is built once in /tmp)
set -e
BUILD=${1:-build}
RUNS=${2:-5}
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target grid_bench
for i in $(seq "$RUNS"); do
  QT_QPA_PLATFORM=offscreen "$BUILD/bench/grid_bench" --rows 1000000
done
