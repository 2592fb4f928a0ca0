#!/bin/sh
# Test accuracy after cleaning (issue 17), on a finished bench/dynamics_fmnist.sh project whose
# CV argument was > 1: fine-tune run 1's checkpoint for E epochs
#   default  without the flagged set of the default detector (`eval`'s "without the self-test" choice),
#   cv       without the flagged set of cross-validated confident learning,
#   longer   on everything (the +Longer control).
# Prints the last epoch's test accuracy of each. CPU-seconds per step go to WORKDIR/clean.log.
# Usage: bench/dynamics_cleaning.sh CLI WORKDIR [E=20]   (THREADS=N as for dynamics_fmnist.sh, default 2)
set -e
CLI=$1; W=$2; E=${3:-20}; P="$W/dyn.winnow"; LOG="$W/clean.log"; T=${THREADS:-2}
step() { echo "### $*" >> "$LOG"; /usr/bin/time -f '{"step_wall_s":%e,"step_cpu_s":%U,"step_sys_s":%S}' "$@" >> "$LOG" 2>&1; }
DEF=$("$CLI" eval --project "$P" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["default_without_self_test"]["scoring_id"])')
CV=$(sqlite3 "$P" "SELECT s.id FROM scorings s JOIN runs r ON r.id=s.run_id WHERE r.kind='cross-val' AND s.detector='confident-learning' AND s.result_file IS NOT NULL ORDER BY s.id DESC LIMIT 1")
[ -n "$CV" ] || { echo "$P has no scored cross-validation run (run bench/dynamics_fmnist.sh with CV 5)" >&2; exit 1; }
for pair in "default $DEF" "cv $CV"; do
  set -- $pair
  RF=$(sqlite3 "$P" "SELECT result_file FROM scorings WHERE id=$2")
  python3 - "$P-cache/$RF" "$W/dyn.exclude.txt" "$W/clean-$1.exclude.txt" <<'PY'
import struct, sys
d, base, out = sys.argv[1:]
ids = open(d + "/sample_ids.i64", "rb").read(); flag = open(d + "/flag.u8", "rb").read()
ids = struct.unpack("<%dq" % (len(ids) // 8), ids)
ex = {int(l) for l in open(base).read().splitlines() if l.strip() and not l.startswith("#")}
ex |= {i for i, f in zip(ids, flag) if f}
open(out, "w").write("\n".join(str(x) for x in sorted(ex)) + "\n")
print(out, "removes", sum(flag))
PY
done
cp "$W/dyn.exclude.txt" "$W/clean-longer.exclude.txt"
for v in default cv longer; do
  step "$CLI" train --project "$P" --init "$P-cache/runs/1/checkpoint.pt" --exclude-file "$W/clean-$v.exclude.txt" \
    --epochs "$E" --no-augment --threads "$T" --no-outputs --json
  RUN=$(sqlite3 "$P" "SELECT max(id) FROM runs")
  echo "$v: run $RUN, test accuracy $(sqlite3 "$P" "SELECT json_extract(metrics_json,'\$.acc_test') FROM run_epochs WHERE run_id=$RUN ORDER BY epoch DESC LIMIT 1")"
done
