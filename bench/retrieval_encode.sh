#!/bin/sh
# Encoding throughput of a CLIP-shaped TorchScript dual encoder (issue 11): images/s and
# captions/s through core/retrieval (TorchScriptEncoder: preprocessing + model + normalisation),
# median of 3 runs, and PyTorch's own model-only throughput on the same module in the same run.
# The model ("CLIP-S/32"-like, random weights; shapes in retrieval_make_encoder.py) is made with
# Debian's python3-torch. Images are 640x480 RGB (resized and centre-cropped to 224), captions
# 10-12 words. On a GPU machine the encoder runs on CUDA when LibTorch sees one.
# Usage: bench/retrieval_encode.sh [build-folder] [images] [captions] [repeats]
set -e
BUILD=${1:-build}
IMAGES=${2:-128}
CAPTIONS=${3:-256}
RUNS=${4:-3}
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target retrieval_encode_bench
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (model time only, inputs prepared):"
/usr/bin/python3 "$(dirname "$0")/retrieval_make_encoder.py" "$D/clip_s32.pt" "$IMAGES" "$CAPTIONS" "$RUNS"
echo "Winnow core/retrieval (preprocessing + model + normalisation):"
"$BUILD/bench/retrieval_encode_bench" "$D/clip_s32.pt" "$IMAGES" "$CAPTIONS" "$RUNS" 32
