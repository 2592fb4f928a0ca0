#!/bin/sh
# Detection results on Fashion-MNIST (issue 4, regimes a and b) on a seeded training subset.
# Usage: bench/influence_fmnist.sh CLI WORKDIR NAME KIND RATE KEEP EPOCHS AUG(yes|no) POST_EPOCHS CV_FOLDS [VAL]
# VAL (default 0): before the noise is injected, move VAL seeded training samples (VAL/K per
# class) to the validation split, as if the dataset had been imported with one; the noise
# then only touches the training split.
# e.g.   bench/influence_fmnist.sh build/app/winnow-cli /tmp/fm b20 symmetric 0.2 4000 40 no 10 5
# Every step prints JSON lines to WORKDIR/NAME.log; `winnow-cli eval` at the end has the table.
set -e
CLI=$1; W=$2; NAME=$3; KIND=$4; RATE=$5; KEEP=$6; EPOCHS=$7; AUG=$8; POST=$9; CV=${10}; VAL=${11:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W"; P="$W/$NAME.winnow"; LOG="$W/$NAME.log"
rm -rf "$P" "$P-wal" "$P-shm" "$P.winnow-cache" "$W/$NAME.winnow-cache"
step() { echo "### $*" >> "$LOG"; /usr/bin/time -f '{"step_wall_s":%e,"step_cpu_s":%U}' "$@" >> "$LOG" 2>&1; }
: > "$LOG"
step "$CLI" demo --project "$P" --json
if [ "$VAL" -gt 0 ]; then python3 "$HERE/influence_val_split.py" "$P" "$VAL" 1 >> "$LOG"; fi
step "$CLI" noise --project "$P" --kind "$KIND" --rate "$RATE" --seed 1 --trusted-per-class 10 --json
python3 "$HERE/influence_subset_ids.py" "$P" "$KEEP" 1 "$W/$NAME.exclude.txt" >> "$LOG"
NOAUG=""; [ "$AUG" = no ] && NOAUG="--no-augment"
step "$CLI" train --project "$P" --exclude-file "$W/$NAME.exclude.txt" --epochs "$EPOCHS" $NOAUG --json
for m in influential-rank small-loss confident-learning self-confidence; do
  step "$CLI" score --project "$P" --run 1 --method "$m" --json
done
step "$CLI" score --project "$P" --run 1 --method influential-rank --gamma 5 --json
step "$CLI" rank --project "$P" --run 1 --rounds 2 --epochs "$POST" --control-longer --json
if [ "$CV" -gt 1 ]; then
  step "$CLI" train --project "$P" --exclude-file "$W/$NAME.exclude.txt" --epochs "$EPOCHS" $NOAUG --cross-val "$CV" --json
  CVRUN=$(sqlite3 "$P" "SELECT max(id) FROM runs WHERE kind='cross-val'")
  step "$CLI" score --project "$P" --run "$CVRUN" --method confident-learning --json
fi
step "$CLI" eval --project "$P" --json
"$CLI" eval --project "$P" >> "$LOG"
