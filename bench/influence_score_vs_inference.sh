#!/bin/sh
# Whole `winnow-cli score` command against one inference pass over the training set (issue 4:
# target <= 1.3x). Fashion-MNIST demo (60,000 training samples), cnn-small trained 1 epoch; the
# run summary's outputs_seconds is the eval pass over all 70,000 samples, scaled to the 60,000
# training ones. The score command is timed whole (process start, project and outputs
# loading, Hessian, OSM/OSD, GMM, writing the score file) with /usr/bin/time, RUNS times.
# Usage: bench/influence_score_vs_inference.sh [CLI] [WORKDIR] [RUNS]
set -e
CLI=${1:-build/app/winnow-cli}
W=${2:-$(mktemp -d)}
mkdir -p "$W"
RUNS=${3:-5}
P="$W/sv.winnow"
rm -rf "$P" "$P-wal" "$P-shm" "$W/sv.winnow-cache"
"$CLI" demo --project "$P" --json > /dev/null
"$CLI" noise --project "$P" --kind symmetric --rate 0.2 --seed 1 --trusted-per-class 10 --json > /dev/null
"$CLI" train --project "$P" --epochs 1 --json | tail -1 > "$W/train.json"
python3 - "$W/train.json" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read())
print(f"inference pass: {s['outputs_seconds']:.2f} s over {s['outputs_rows']} samples; "
      f"over the {s['n_train']} training samples: {s['outputs_seconds'] * s['n_train'] / s['outputs_rows']:.2f} s")
PY
i=0
while [ $i -lt "$RUNS" ]; do
  /usr/bin/time -f '%e %U %S' -o "$W/t$i" "$CLI" score --project "$P" --method influential-rank --json > /dev/null
  cat "$W/t$i"
  i=$((i + 1))
done | sort -n | awk '{a[NR]=$1} END {print "score command wall (sorted):", a[1], "...", a[NR], " median:", a[int((NR+1)/2)]}'
