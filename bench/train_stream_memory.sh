#!/bin/sh
# Peak memory of a training run on an image-folder project as the folder grows (issue 3:
# streamed input). For each size N: an image folder of N files (hard links to 64 small
# random PNGs of 48x48, 4 classes), imported, then one epoch on a 512-sample subset at
# --input-size 32 (batch and eval batch 64) followed by the eval pass that writes run outputs for all N samples.
# The decoded pixels of the whole folder would take N x 32 x 32 x 3 bytes if held in memory;
# streamed, peak RSS should not grow with N beyond the per-sample metadata and outputs.
# Usage: bench/train_stream_memory.sh [BUILD_DIR] [SIZES...]
set -eu
BUILD=${1:-build}
shift || true
SIZES=${*:-"4000 32000"}
CLI="$BUILD/app/winnow-cli"
WORK=${WINNOW_BENCH_DIR:-/tmp/winnow-bench}/stream-memory
mkdir -p "$WORK"
for N in $SIZES; do
  D="$WORK/folder-$N"
  P="$WORK/p-$N.winnow"
  if [ ! -d "$D" ]; then
    python3 - "$D" "$N" <<'EOF'
import os, random, struct, sys, zlib
out, n = sys.argv[1], int(sys.argv[2])
def png(path, w, h, rnd):
    raw = b"".join(b"\0" + bytes(rnd.randrange(256) for _ in range(w * 3)) for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
rnd = random.Random(1)
src = os.path.join(out, ".src")
os.makedirs(src)
for i in range(64):
    png(os.path.join(src, "s%d.png" % i), 48, 48, rnd)
for k in range(4):
    os.makedirs(os.path.join(out, "c%d" % k))
for i in range(n):
    os.link(os.path.join(src, "s%d.png" % (i % 64)), os.path.join(out, "c%d" % (i % 4), "f%d.png" % i))
EOF
  fi
  rm -f "$P"
  rm -rf "$P-cache"
  "$CLI" import --project "$P" --format imagefolder --source "$D" --json >/dev/null
  /usr/bin/time -v "$CLI" train --project "$P" --model cnn-small --epochs 1 --subset 512 --batch 64 \
      --eval-batch 64 --input-size 32 --threads 2 --device cpu --json 2>"$WORK/time-$N.txt" | grep '"event":"done"' >"$WORK/done-$N.txt"
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time-$N.txt")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time-$N.txt")
  held=$(awk "BEGIN {printf \"%.0f\", $N * 32 * 32 * 3 / 1048576}")
  echo "N=$N: peak RSS $((rss / 1024)) MiB, wall $wall (all pixels in memory would be $held MiB)"
done
