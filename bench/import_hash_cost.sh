#!/bin/bash
# Issue 14: what the content hash taken at import costs. Imports the same sources with two
# builds in one run (BASE: a build from before the hash, HEAD: this one), interleaved
# run by run, and prints each one's median wall and CPU (user + sys) and HEAD/BASE:
#   - a CSV manifest of ROWS rows (hard links to 48 small real PNG/JPEG files,
#     bench/import_make_fixture.cpp, as bench/import_csv_1m.sh builds it),
#   - Fashion-MNIST train + test (Debian's dataset-fashion-mnist), 70,000 IDX records.
#   BASE=/path/to/old/build HEAD=build ROWS=200000 RUNS=5 bench/import_hash_cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=$(realpath "${BASE:?a build folder from before the content hash}")
HEAD=$(realpath "${HEAD:-build}")
ROWS=${ROWS:-200000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/winnow-bench-csv-$ROWS}
FMNIST=${FMNIST:-/usr/share/datasets/fashion-mnist}
source bench/csv_fixture.sh
csv_fixture "$WORK" "$ROWS"
P="$WORK/hash.winnow"
clean="rm -rf $P $P-wal $P-shm $P-cache"
for source in csv idx; do
  if [ $source = csv ]; then args="--format csv --source $WORK/manifest.csv"; else args="--format idx --source $FMNIST"; fi
  json="$WORK/hash-$source.json"
  rm -f "$json.runs"
  for ((i = 0; i < RUNS; i++)); do
    for b in BASE HEAD; do
      dir=${!b}
      $clean
      /usr/bin/time -f "$b %e %U %S" "$dir/app/winnow-cli" import --project "$P" $args > /dev/null 2>> "$json.runs"
    done
  done
  $clean
  python3 - "$json.runs" "$source" "$RUNS" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.startswith(("BASE ", "HEAD "))]
med = {}
for b in ("BASE", "HEAD"):
    wall = [float(r[1]) for r in rows if r[0] == b]
    cpu = [float(r[2]) + float(r[3]) for r in rows if r[0] == b]
    med[b] = (statistics.median(wall), statistics.median(cpu), min(wall), max(wall))
    print(f"{sys.argv[2]} {b}: median wall {med[b][0]:.2f} s (min {med[b][2]:.2f}, max {med[b][3]:.2f}), "
          f"median CPU {med[b][1]:.2f} s over {len(wall)} runs")
print(f"{sys.argv[2]} HEAD/BASE: wall {med['HEAD'][0] / med['BASE'][0]:.2f}, CPU {med['HEAD'][1] / med['BASE'][1]:.2f}")
PY
done
