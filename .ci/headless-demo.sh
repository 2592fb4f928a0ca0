#!/usr/bin/env bash
# The main job without a display: on a new Fashion-MNIST demo project, inject 20% symmetric
# label noise (keeping the truth, 10 trusted samples per class), train cnn-small on the
# 60,000 training samples, run every detector (the training-dynamics ones read what the training
# recorded), and print how well each found the noise.
# Usage: .ci/headless-demo.sh [WORKDIR]   (default ~/.local/share/winnow/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CLI:-build/app/winnow-cli}
WORK=${1:-${XDG_DATA_HOME:-$HOME/.local/share}/winnow/demo}
mkdir -p "$WORK"
# A new project each run, so an earlier demo (and any review work in it) is never touched.
P="$WORK/headless-$(date +%Y%m%d-%H%M%S).winnow"
echo "== demo project: $P"
"$CLI" demo --project "$P"
"$CLI" noise --project "$P" --kind symmetric --rate 0.2 --seed 1 --trusted-per-class 10
echo "== training cnn-small (${EPOCHS:-3} epochs; minutes on a 2-core CPU, seconds on a GPU)"
"$CLI" train --project "$P" --model cnn-small --epochs "${EPOCHS:-3}" --json \
  | grep -E '"event":"(epoch|done)"' || true
for m in influential-rank small-loss confident-learning self-confidence aum early-loss cl-early combined; do
  "$CLI" score --project "$P" --method "$m"
done
echo "== detectors against the injected truth"
"$CLI" eval --project "$P"
"$CLI" export --project "$P" --format report --out "$WORK/report.html"
echo "== report: $WORK/report.html   (open the project in the GUI: build/app/winnow $P)"
