#!/bin/sh
# Training-dynamics detectors (issue 17) on a small Fashion-MNIST subset: aum, early-loss,
# cl-early, small-loss, confident learning, Influential Rank (data gamma and METHODS' gamma),
# optionally 5-fold cross-validated confident learning. CPU-seconds per step.
# Usage: bench/dynamics_fmnist.sh CLI WORKDIR KEEP EPOCHS RATE VAL CV [KIND [SEED]]
#   KIND symmetric (default) | asymmetric; SEED (default 1) seeds the noise and the subset.
#   e.g. nice -n 10 bench/dynamics_fmnist.sh build/app/winnow-cli /tmp/dyn 3000 20 0.3 1000 0
#   AUGMENT=1 in the environment trains with augmentation (the ordinary regime), else without;
#   AUG_FLAGS then adds training flags (e.g. --no-hflip).
#   IMPORT_TRAIN=DIR IMPORT_TEST=DIR: ImageFolder trees to import instead of the demo.
#   THREADS=N (default 2) sets --threads for every training, so two runs can share a machine at one each.
#   A cross-validation run cut short resumes: CLI train --project WORKDIR/dyn.winnow --resume ID
set -e
CLI=$1; W=$2; KEEP=$3; EPOCHS=$4; RATE=$5; VAL=$6; CV=$7; KIND=${8:-symmetric}; SEED=${9:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
T=${THREADS:-2}
AUG=--no-augment; [ "${AUGMENT:-0}" = 1 ] && AUG=${AUG_FLAGS:-}
mkdir -p "$W"; P="$W/dyn.winnow"; LOG="$W/dyn.log"
rm -rf "$P" "$P-wal" "$P-shm" "$W/dyn.winnow-cache"
step() { echo "### $*" >> "$LOG"; /usr/bin/time -f '{"step_wall_s":%e,"step_cpu_s":%U,"step_sys_s":%S}' "$@" >> "$LOG" 2>&1; }
: > "$LOG"
if [ -n "${IMPORT_TRAIN:-}" ]; then  # another dataset: two ImageFolder trees (bench/dynamics_digits.sh)
  step "$CLI" import --project "$P" --format imagefolder --source "$IMPORT_TRAIN" --split train --json
  step "$CLI" import --project "$P" --format imagefolder --source "$IMPORT_TEST" --split test --json
else
  step "$CLI" demo --project "$P" --json
fi
python3 "$HERE/influence_val_split.py" "$P" "$VAL" "$SEED" >> "$LOG"
step "$CLI" noise --project "$P" --kind "$KIND" --rate "$RATE" --seed "$SEED" --trusted-per-class 10 --json
python3 "$HERE/influence_subset_ids.py" "$P" "$KEEP" "$SEED" "$W/dyn.exclude.txt" >> "$LOG"
step "$CLI" train --project "$P" --exclude-file "$W/dyn.exclude.txt" --epochs "$EPOCHS" $AUG --threads "$T" --json
for m in aum early-loss cl-early small-loss confident-learning influential-rank combined; do
  step "$CLI" score --project "$P" --run 1 --method "$m" --json
done
step "$CLI" score --project "$P" --run 1 --method influential-rank --gamma-rule methods --json
if [ "$CV" -gt 1 ]; then
  step "$CLI" train --project "$P" --exclude-file "$W/dyn.exclude.txt" --epochs "$EPOCHS" $AUG --threads "$T" --cross-val "$CV" --json
  CVRUN=$(sqlite3 "$P" "SELECT max(id) FROM runs WHERE kind='cross-val'")
  step "$CLI" score --project "$P" --run "$CVRUN" --method confident-learning --json
fi
step "$CLI" eval --project "$P" --json
"$CLI" eval --project "$P" >> "$LOG"
