#!/usr/bin/env bash
# Issue 14: the image-quality pass (winnow-cli issues, thumbnail features) over
#  1. the images of Debian's opencv-doc examples (/usr/share/doc/opencv-doc/examples/data,
#     top-level .jpg/.png copied into one class folder: ImageFolder skips images outside a
#     class folder, and the walk follows no links out of the tree), and
#  2. the Fashion-MNIST demo (winnow-cli demo: 70,000 28x28 grey images).
# Prints the wall time of import and scan, the count of every issue type and each flagged
# opencv image with its quality flags and measures. Run once, at low priority, load beside it.
# Usage: bench/quality_pass.sh [BUILD_DIR] [WORK_DIR]   (WORK_DIR is removed first)
set -euo pipefail
build=$(realpath "${1:-build}")
work=${2:-/tmp/winnow-quality-pass}
cli="$build/app/winnow-cli"
src=/usr/share/doc/opencv-doc/examples/data
[ -x "$cli" ] || { echo "build winnow-cli first ($cli)" >&2; exit 1; }
[ -d "$src" ] || { echo "$src: not there (apt install opencv-doc)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/opencv/images"
run() { nice -n 10 "$@"; }
seconds() { local t0=$1; echo "$(( $(date +%s%N) - t0 ))" | awk '{printf "%.1f", $1 / 1e9}'; }
quality_types='dark|overexposed|low-contrast|blurry|low-information|extreme-aspect|tiny|grey-colour-mismatch'
uptime

echo "== opencv-doc images"
find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.png' \) -exec cp -t "$work/opencv/images" {} +
echo "images: $(ls "$work/opencv/images" | wc -l)"
t0=$(date +%s%N)
run "$cli" import --project "$work/opencv/p.winnow" --format imagefolder --source "$work/opencv" --json > "$work/opencv/import.jsonl"
echo "import: $(seconds "$t0") s"
t0=$(date +%s%N)
run "$cli" issues --project "$work/opencv/p.winnow" --json --export "$work/opencv/issues.csv" > "$work/opencv/issues.json"
echo "issues: $(seconds "$t0") s"
jq -r '"scanned \(.scanned), failed \(.scan_failed), median blur \(.median_blur), mostly grey \(.mostly_grey)",
       (.counts | to_entries[] | "  \(.key): \(.value)")' "$work/opencv/issues.json"
echo "flagged for quality (issue, score, file):"
grep -E "^($quality_types)," "$work/opencv/issues.csv" | awk -F, '{n=split($5,p,"/"); printf "  %-22s %10.4g  %s\n", $1, $4, p[n]}' | sort
echo "every other issue (issue, group, file):"
grep -vE "^($quality_types|issue)," "$work/opencv/issues.csv" | awk -F, '{n=split($5,p,"/"); printf "  %-22s %4s  %s\n", $1, $3, p[n]}' | sort

echo "== Fashion-MNIST demo"
t0=$(date +%s%N)
run "$cli" demo --project "$work/fmnist.winnow" --json > "$work/fmnist-demo.jsonl"
echo "demo import: $(seconds "$t0") s"
t0=$(date +%s%N)
run "$cli" issues --project "$work/fmnist.winnow" --json --export "$work/fmnist-issues.csv" > "$work/fmnist-issues.json"
echo "issues: $(seconds "$t0") s"
jq -r '"scanned \(.scanned), failed \(.scan_failed), median blur \(.median_blur), mostly grey \(.mostly_grey), neighbours \(.neighbours.method) recall@k \(.neighbours.recall_at_k)",
       (.counts | to_entries[] | "  \(.key): \(.value)")' "$work/fmnist-issues.json"
uptime
