#!/usr/bin/env bash
# Durability of acknowledged review decisions through the GUI path: a driver process opens the
# ReviewWidget offscreen, presses decision keys and prints an ack line after each decision
# returns; it is killed with SIGKILL at a random moment; the project is reopened and every
# acknowledged decision must be stored, in order. Usage:
#   bench/review_durability.sh [build-dir] [trials] [decisions-per-trial] [seed]
set -euo pipefail
BUILD=${1:-build}
BIN="$BUILD/tests/tst_widgets_review_durability"
[ -x "$BIN" ] || { echo "build tst_widgets_review_durability first"; exit 1; }
export QT_QPA_PLATFORM=offscreen
export WINNOW_DURABILITY_TRIALS=${2:-20} WINNOW_DURABILITY_DECISIONS=${3:-5000} WINNOW_DURABILITY_SEED=${4:-$RANDOM}
echo "trials=$WINNOW_DURABILITY_TRIALS decisions/trial<=$WINNOW_DURABILITY_DECISIONS seed=$WINNOW_DURABILITY_SEED"
"$BIN" 2>&1 | grep -E '^(trial|total)|PASS|FAIL'
