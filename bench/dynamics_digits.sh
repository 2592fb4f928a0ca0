#!/bin/sh
# Issue 17's noise-structure rule on a second real dataset: OpenCV's handwritten digits
# (opencv-doc's digits.png, 5,000 20x20 images, 10 classes; 400 per digit to train, 100 to
# test), through bench/dynamics_fmnist.sh with every training sample kept and no validation
# split. Prints what `eval` prints (noise structure, default, every detector's P/R/F1/AP).
# Usage: bench/dynamics_digits.sh CLI WORKDIR EPOCHS RATE KIND [SEED=1]
#   AUGMENT=1 for the ordinary regime (random crops, no flips: a mirrored digit is another shape), THREADS=N as for dynamics_fmnist.sh; CV > 1 via CV=5.
set -e
CLI=$1; W=$2; EPOCHS=$3; RATE=$4; KIND=$5; SEED=${6:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
SHEET=/usr/share/doc/opencv-doc/examples/data/digits.png
[ -f "$SHEET" ] || { echo "$SHEET is missing (Debian package opencv-doc)" >&2; exit 1; }
mkdir -p "$W"
[ -x "$W/digits_tiles" ] || c++ -O2 -std=c++17 "$HERE/digits_tiles.cpp" $(pkg-config --cflags --libs opencv4) -o "$W/digits_tiles"
[ -d "$W/tree" ] || "$W/digits_tiles" "$SHEET" "$W/tree"
IMPORT_TRAIN="$W/tree/train" IMPORT_TEST="$W/tree/test" AUG_FLAGS=--no-hflip \
  sh "$HERE/dynamics_fmnist.sh" "$CLI" "$W/$KIND-$RATE-e$EPOCHS-s$SEED" 4000 "$EPOCHS" "$RATE" 0 "${CV:-0}" "$KIND" "$SEED"
tail -n 40 "$W/$KIND-$RATE-e$EPOCHS-s$SEED/dyn.log"
