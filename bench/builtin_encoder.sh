#!/bin/sh
# The built-in dual encoder on the Fashion-MNIST demo caption set (issue 11): 1,000 images,
# 5,000 captions, default training (cnn-small, D = 64, 30 epochs, batch 64, 10 % held out),
# 3 runs (seeds 1..3): training time, clean R@1/5/10 both directions on the 100 held-out
# images and on all 1,000, encoding throughput (images/s, captions/s); medians last.
# Usage: bench/builtin_encoder.sh [build-folder] [runs] [threads (0: LibTorch's)] [merges-file]
set -e
BUILD=${1:-build}
RUNS=${2:-3}
THREADS=${3:-1}  # 1: on a shared, busy 2-core machine two OpenMP threads cost ~6x the CPU time
MERGES=${4:-$(dirname "$0")/../../shared/data/clip/bpe_simple_vocab_16e6.txt.gz}
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target builtin_encoder_bench
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$BUILD/bench/builtin_encoder_bench" "$MERGES" "$D" "$RUNS" "$THREADS"
