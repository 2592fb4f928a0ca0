#!/bin/sh
# Influence scoring speed (issue 4): one Influential Rank scoring (Hessian, OSM, OSD, GMM,
# consensus) of N synthetic samples (L=128, K=10) in C++, then the PyTorch reference
# (per-sample autograd gradients + autograd Hessian + torch.linalg.solve) on the same data in
# the same run, with the score differences.
# Usage: bench/influence_scoring.sh [build-folder] [n-for-reference] [runs]
set -e
BUILD=${1:-build}
NREF=${2:-5000}
RUNS=${3:-5}
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target influence_bench
D=$(mktemp -d)
echo "C++, 60000 samples (Hessian from a seeded 50000 subsample, as by default):"
"$BUILD/bench/influence_bench" --n 60000 --repeat "$RUNS"
echo "C++ and reference on $NREF samples (Hessian from all of them):"
"$BUILD/bench/influence_bench" --n "$NREF" --repeat "$RUNS" --hessian-max "$NREF" --dump "$D"
/usr/bin/python3 "$(dirname "$0")/influence_reference.py" "$D"
rm -rf "$D"
