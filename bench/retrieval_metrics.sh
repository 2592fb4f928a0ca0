#!/bin/sh
# Retrieval metrics at COCO size (issue 11): 5,000 images, 25,010 ground-truth captions,
# four caption attacks (gallery 50,010 captions each) and two image attacks (gallery 10,000
# images each), D = 512, synthetic unit vectors. core/retrieval (blocked products, one pass
# per row, no sort) against RoCOCO's approach in NumPy (full matrix + per-row argsort) on the
# same data in the same run; both print their metrics, which must be equal; /usr/bin/time -v
# gives each one's peak memory.
# Usage: bench/retrieval_metrics.sh [build-folder] [cpp-repeats] [numpy-repeats]
set -e
BUILD=${1:-build}
RUNS=${2:-3}
REF_RUNS=${3:-1}
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target retrieval_metrics_bench
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
/usr/bin/python3 "$(dirname "$0")/retrieval_make_data.py" "$D"
echo "core/retrieval ($RUNS runs):"
/usr/bin/time -v "$BUILD/bench/retrieval_metrics_bench" "$D" "$RUNS" >"$D/cpp.json" 2>"$D/cpp.time"
cat "$D/cpp.json"
grep -E "Maximum resident|Elapsed|User time|System time|Percent of CPU" "$D/cpp.time"
echo "NumPy, RoCOCO's approach ($REF_RUNS runs):"
/usr/bin/time -v /usr/bin/python3 "$(dirname "$0")/retrieval_metrics_ref.py" "$D" "$REF_RUNS" >"$D/ref.json" 2>"$D/ref.time"
cat "$D/ref.json"
grep -E "Maximum resident|Elapsed|User time|System time|Percent of CPU" "$D/ref.time"
/usr/bin/python3 - "$D/cpp.json" "$D/ref.json" <<'PY'
import json, sys
cpp, ref = (json.load(open(f)) for f in sys.argv[1:3])
worst = 0.0
for direction in ("i2t", "t2i"):
    for attack, m in ref[direction].items():
        for key in ("r1", "r5", "r10", "fr1"):
            diff = abs(cpp[direction][attack][key] - m[key])
            worst = max(worst, diff)
            print(f"{direction:4} {attack:13} {key:4} C++ {100*cpp[direction][attack][key]:7.3f}  NumPy {100*m[key]:7.3f}"
                  + ("" if diff == 0 else f"  DIFFERS by {100*diff:.3f}"))
print(f"largest difference: {100*worst:.4f} points; median time C++ {cpp['median_seconds']:.2f} s, "
      f"NumPy {ref['median_seconds']:.2f} s, speed-up {ref['median_seconds']/cpp['median_seconds']:.1f}x; "
      f"CPU seconds C++ {sorted(cpp['cpu_seconds'])[len(cpp['cpu_seconds'])//2]:.1f}, "
      f"NumPy {sorted(ref['cpu_seconds'])[len(ref['cpu_seconds'])//2]:.1f}")
PY
