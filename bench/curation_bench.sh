#!/usr/bin/env bash
# Issue 14: the curation engine at 1,000,000 x 128-d (bench/curation_bench.cpp), run once at low
# priority with the load average beside it. Usage: bench/curation_bench.sh [BUILD_DIR] [N] [DIM]
set -euo pipefail
build=${1:-build}
[ -x "$build/bench/curation_bench" ] || { echo "configure with -DWINNOW_BUILD_BENCH=ON and build curation_bench" >&2; exit 1; }
uptime
nice -n 10 "$build/bench/curation_bench" "${2:-1000000}" "${3:-128}"
uptime
