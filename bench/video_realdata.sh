#!/bin/bash
# Real-data check for video clips (issue 6): Debian opencv-doc's videos cut into short clips
# labelled by their source video, clip label noise injected, a clip model trained with
# segment sampling, every detector scored, precision / recall / F1 of the flagged clips.
#
# Clips: each video is cut into CLIP_S-second clips through a video-csv manifest (path,
# label, split, start, end). The short videos are cut with overlapping windows so the four
# classes are not too unbalanced: Megamind.avi (11.3 s) and Megamind_bugy.avi (9.0 s, the
# same scene with damaged packets) every 0.5 s, tree.avi (29.6 s) every 1 s, vtest.avi
# (79.5 s) every 2 s. Every fifth clip of a video goes to the test split. The package has no
# mp4 files (the box/cup videos of OpenCV's source tree are not shipped by Debian).
#
# Usage: bench/video_realdata.sh [build-folder] [work-folder]
#   env: CLIP_S (1.0) RATE (0.2) TRUSTED (5) EPOCHS (15) FRAMES (8) SEED (1) INPUT (64)
#        MODEL (cnn-small) THREADS (2) TRAIN_ARGS (extra train options, e.g. "--lr 0.02")
#        VIDEOS ("Megamind.avi:0.5 Megamind_bugy.avi:0.5 tree.avi:1 vtest.avi:2", name:stride)
set -euo pipefail
BUILD=${1:-build}
W=${2:-$(mktemp -d /tmp/winnow-video-realdata.XXXXXX)}
CLI=$(realpath "$BUILD/app/winnow-cli")
DATA=/usr/share/doc/opencv-doc/examples/data
CLIP_S=${CLIP_S:-1.0}
RATE=${RATE:-0.2}
TRUSTED=${TRUSTED:-5}
EPOCHS=${EPOCHS:-15}
FRAMES=${FRAMES:-8}
SEED=${SEED:-1}
INPUT=${INPUT:-64}
MODEL=${MODEL:-cnn-small}
THREADS=${THREADS:-2}
TRAIN_ARGS=${TRAIN_ARGS:-}
VIDEOS=${VIDEOS:-"Megamind.avi:0.5 Megamind_bugy.avi:0.5 tree.avi:1 vtest.avi:2"}
mkdir -p "$W"
P="$W/clips.winnow"
rm -f "$P"
rm -rf "$W/clips.winnow-cache"

# 1. Manifest: video, label (its source), split, start, end in seconds.
MAN="$W/clips.csv"
echo "path,label,split,start,end" > "$MAN"
for spec in $VIDEOS; do
    name=${spec%%:*}
    stride=${spec##*:}
    file="$DATA/$name"
    if [ ! -f "$file" ]; then
        echo "skipping $name: not installed (apt-get install opencv-doc)" >&2
        continue
    fi
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$file")
    awk -v f="$file" -v l="${name%.avi}" -v d="$dur" -v s="$stride" -v c="$CLIP_S" 'BEGIN {
        i = 0
        for (t = 0; t + c <= d + 1e-9; t += s) {
            split_ = (i % 5 == 4) ? "test" : "train"
            printf "%s,%s,%s,%.3f,%.3f\n", f, l, split_, t, t + c
            ++i
        }
    }' >> "$MAN"
done
echo "manifest: $(($(wc -l < "$MAN") - 1)) clips"
cut -d, -f2,3 "$MAN" | tail -n +2 | sort | uniq -c

# 2. Import (probes each video once), 3. noise on the train split with a trusted set.
"$CLI" import --project "$P" --format video-csv --source "$MAN" --frames-per-clip "$FRAMES" --json \
    > "$W/import.json"
tail -n 1 "$W/import.json" | jq -c '{imported, issue_count, unreadable}'
"$CLI" noise --project "$P" --kind symmetric --rate "$RATE" --seed "$SEED" --trusted-per-class "$TRUSTED"

# 4. Train a clip model with segment sampling (clip logits = mean of frame logits).
if ! "$CLI" train --help 2>&1 | grep -q -- '--frames'; then
    echo "winnow-cli train has no --frames option in this build: clip training is missing" >&2
    exit 2
fi
/usr/bin/time -v "$CLI" train --project "$P" --frames "$FRAMES" --model "$MODEL" --input-size "$INPUT" \
    --epochs "$EPOCHS" --seed "$SEED" --threads "$THREADS" $TRAIN_ARGS --json > "$W/train.json" 2> "$W/train.time"
grep -E "Elapsed|Maximum resident" "$W/train.time"
tail -n 1 "$W/train.json" | jq -c 'del(.event)'

# 5. Every detector on the run, then precision / recall / F1 against the injected truth.
for m in influential-rank small-loss confident-learning self-confidence; do
    "$CLI" score --project "$P" --method "$m" --json > "$W/score-$m.json"
    echo "$m: $(tail -n 1 "$W/score-$m.json" | jq -c '{scoring_id, run_id, n, flagged, noise_rate_estimate}')"
done
"$CLI" eval --project "$P" --json > "$W/eval.json"
# Only this script's run: the project is fresh, so every stored scoring is from step 5.
echo -e "detector\tn\tnoisy\tflagged\tTP\tprecision\trecall\tF1\tAUROC"
tail -n 1 "$W/eval.json" | jq -r '.detectors[] | [.detector, .n, .noisy, .flagged, .true_positives,
    (.precision*1000|round/1000), (.recall*1000|round/1000), (.f1*1000|round/1000),
    (.auroc*1000|round/1000)] | @tsv'

# 6. The per-frame breakdown of the Influential Rank scoring: contributions of a clip's frames
# must sum to its OSD at the given class (NaN outside D_M); which frame leads in flagged clips.
# Plain Python (no numpy).
IR="$P-cache/$(tail -n 1 "$W/score-influential-rank.json" | jq -r .result_file)"
python3 - "$IR" <<'PY'
import json, math, sys
from array import array
d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
n, K, F = meta["n"], meta["classes"], meta.get("clip_frames", 0)
if not F:
    sys.exit("no clip breakdown in " + d)
def load(name, code):
    a = array(code)
    with open(d + "/" + name, "rb") as f:
        a.frombytes(f.read())
    return a
idx, con, nrm = load("clip_frame_index.i64", "q"), load("clip_frame_contrib.f32", "f"), load("clip_frame_norm.f32", "f")
osd, y, flag = load("osd.f32", "f"), load("given_label.i32", "i"), load("flag.u8", "B")
split, worst, top = 0, 0.0, []
for i in range(n):
    own = osd[i * K + y[i]]
    if math.isnan(own):
        continue
    c = con[i * F:(i + 1) * F]
    split += 1
    worst = max(worst, abs(sum(c) - own))
    if flag[i]:
        f = max(range(F), key=lambda j: c[j])
        top.append((i, own, idx[i * F + f], c[f], min(c), max(c)))
norms = [v for v in nrm if not math.isnan(v)]
print(f"clip breakdown: {n} clips x {F} frames, {split} with an OSD split; "
      f"max |sum(contrib) - OSD| = {worst:.2e}; frame norms {min(norms):.2f}..{max(norms):.2f}")
for i, own, fr, cf, lo, hi in top[:5]:
    print(f"  flagged row {i}: OSD {own:+.3f}; frame {fr} leads with {cf:+.3f} (range {lo:+.3f}..{hi:+.3f})")
PY
echo "work folder: $W"
