#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/en and docs/screenshots/ko (README.md here
# lists them): builds winnow-cli and winnow-screenshots if needed, makes a small demo project
# in /tmp/winnow-screenshots-demo (3,000 + 600 Fashion-MNIST images, 20 % symmetric label
# noise, two short training runs, Influential Rank and small-loss scorings, a RoCOCO evaluation
# of a small built-in dual encoder), then opens every main view at 1366x768 on Qt's offscreen platform in
# English and in Korean. Fixed seeds throughout. Needs dataset-fashion-mnist and, for Korean,
# a CJK font (fonts-noto-cjk); both are in .ci/install-deps.sh.
# Usage: docs/screenshots/make.sh   (BUILD_DIR=... to use another build folder; KEEP=1 keeps
# the demo project; WORK_DIR=... puts it elsewhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build}
[[ $build = /* ]] || build=$root/$build

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "${JOBS:-2}" --target winnow-cli winnow-screenshots
cli=$build/app/winnow-cli
shots=$build/tools/screenshots/winnow-screenshots

if ! fc-list :lang=ko | grep -q .; then
  echo "no Korean font installed (fontconfig): the Korean pictures would show boxes;" \
       "install fonts-noto-cjk" >&2
  exit 1
fi

# A fixed folder (not mktemp's random name), so the paths the pictures show stay the same
# from one regeneration to the next. Only a folder this script made is ever removed.
work=${WORK_DIR:-/tmp/winnow-screenshots-demo}
if [ -e "$work" ] && [ ! -f "$work/.made-by-winnow-screenshots" ]; then
  echo "$work exists and was not made by this script: remove it or set WORK_DIR" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work"
touch "$work/.made-by-winnow-screenshots"
if [ "${KEEP:-0}" = 1 ]; then echo "demo project kept in $work"; else trap 'rm -rf "$work"' EXIT; fi
export OMP_NUM_THREADS=2 LC_ALL=C.UTF-8
p=$work/demo.winnow
step() { echo "== $*" >&2; }

step "demo project (Fashion-MNIST subset)"
python3 "$here/idx_subset.py" /usr/share/datasets/fashion-mnist "$work/fashion-mnist" 3000 600
WINNOW_FASHION_MNIST_DIR=$work/fashion-mnist "$cli" demo --project "$p" >/dev/null
step "noise self-test"
"$cli" noise --project "$p" --kind symmetric --rate 0.2 --seed 7 --trusted-per-class 10 >/dev/null
step "training run 1 (cross-entropy)"
"$cli" train --project "$p" --model cnn-small --epochs 6 --seed 1 --threads 2 >/dev/null
step "scoring run 1 (small-loss, Influential Rank)"
"$cli" score --project "$p" --run 1 --method small-loss >/dev/null
"$cli" score --project "$p" --run 1 --method influential-rank >/dev/null
step "training run 2 (focal loss, for Compare runs)"
"$cli" train --project "$p" --model cnn-small --epochs 6 --loss focal --seed 2 --threads 2 >/dev/null

step "retrieval: caption demo, built-in encoder, attack, evaluation"
"$cli" retrieval demo --out "$work/captions" --count 300 --seed 1 >/dev/null
"$cli" retrieval train --captions "$work/captions/captions.json" --images "$work/captions" \
  --out "$work/encoder.wbe" --epochs 20 --seed 1 --threads 2 >/dev/null
"$cli" retrieval attack --captions "$work/captions/captions.json" --policy same-concept \
  --model "$work/encoder.wbe" --seed 1 --out "$work/same-concept.json" >/dev/null
"$cli" retrieval import --project "$p" --captions "$work/captions/captions.json" --images "$work/captions" >/dev/null
"$cli" retrieval eval --project "$p" --set 1 --model "$work/encoder.wbe" --attacks "$work/same-concept.json" \
  --image-attacks mix --seeds 1 >/dev/null

for lang in en ko; do
  step "pictures ($lang)"
  mkdir -p "$here/$lang"
  rm -f "$here/$lang"/*.png
  "$shots" --project "$p" --out "$here/$lang" --lang "$lang" --scoring 2
done
du -ch "$here"/en/*.png "$here"/ko/*.png | tail -1
