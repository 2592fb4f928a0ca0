#!/bin/bash
# Video segment sampling benchmark (issue 6): 8 eval-mode frames per clip, decoded to RGB24,
# Winnow's VideoDecoder against the ffmpeg tool decoding the same frames, in the same run.
#
# Clips: Debian opencv-doc's Megamind.avi, Megamind_bugy.avi and vtest.avi cut into
# consecutive 48-frame clips (tree.avi is left out of the timing: it stores only the frames
# that change, so the ffmpeg tool's frame numbering differs from a frame-accurate index).
# Peer, per clip, the fair equivalent of one forward pass: one ffmpeg process that seeks
# (accurately) to the clip start and keeps the 8 frames with a select filter:
#   ffmpeg -threads 1 -filter_threads 1 -ss S -i FILE -vf "select='eq(n,o1)+...'"
#          -vsync passthrough -frames:v 8 -pix_fmt rgb24 -f rawvideo -
# Both sides use one decoding thread and open the file once per clip. The frames returned
# are compared (mean absolute difference per frame) to show they are the same pictures.
# Peak memory: /usr/bin/time -v while sampling clips all along a 26-minute video (vtest.avi
# looped 20 times, stream copy), against the 80-second original.
#
# Usage: bench/video_sampling.sh [build-folder] [runs]
set -e
BUILD=${1:-build}
RUNS=${2:-5}
DATA=/usr/share/doc/opencv-doc/examples/data
cmake -S . -B "$BUILD" -DWINNOW_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target video_sampling_bench >/dev/null
BENCH=$(realpath "$BUILD/bench/video_sampling_bench")
W=$(mktemp -d /tmp/winnow-video-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
F=8
LEN=48

frames_of() { ffprobe -v error -select_streams v:0 -show_entries stream=nb_frames -of csv=p=0 "$1"; }
rate_of() { ffprobe -v error -select_streams v:0 -show_entries stream=avg_frame_rate -of csv=p=0 "$1"; }

# clips.txt: "path start end" for the Winnow bench; ffmpeg.sh: one ffmpeg command per clip.
make_clips() {  # $1 = list of videos, $2 = clip spacing in frames, $3 = out prefix
    : > "$3.txt"
    echo '#!/bin/sh' > "$3.sh"
    for v in $1; do
        n=$(frames_of "$v")
        r=$(rate_of "$v")
        for ((s = 0; s + LEN <= n; s += $2)); do
            echo "$v $s $((s + LEN))" >> "$3.txt"
            # Eval offsets by hand: floor((2k+1) * LEN / (2F)) for k = 0..F-1.
            sel=""
            for ((k = 0; k < F; k++)); do
                o=$(((2 * k + 1) * LEN / (2 * F)))
                sel="$sel${sel:+ + }eq(n\\,$o)"
            done
            # Seek to half a frame before the clip start, so the start frame is the first kept.
            ss=$(python3 -c "from fractions import Fraction as Q; print(max(0.0, float(($s - Q(1, 2)) / Q('$r'))))")
            echo "ffmpeg -nostdin -v error -threads 1 -filter_threads 1 -ss $ss -i $v" \
                 "-vf \"select='$sel'\" -vsync passthrough -frames:v $F -pix_fmt rgb24 -f rawvideo -" \
                 >> "$3.sh"
        done
    done
}

make_clips "$DATA/Megamind.avi $DATA/Megamind_bugy.avi $DATA/vtest.avi" $LEN "$W/clips"
echo "clips: $(wc -l < "$W/clips.txt") x $F frames; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== same pictures? (1) against a sequential decode of each whole video (no seeking)"
: > "$W/truth.rgb"
for v in $(cut -d' ' -f1 "$W/clips.txt" | uniq); do
    # Clips are back to back and LEN is a multiple of 2F, so the eval frames are exactly
    # the n with n mod (LEN/F) = LEN/(2F), up to the end of the last clip.
    end=$(grep "^$v " "$W/clips.txt" | tail -1 | cut -d' ' -f3)
    sel="eq(mod(n\\,$((LEN / F)))\\,$((LEN / (2 * F))))*lt(n\\,$end)"
    ffmpeg -nostdin -v error -threads 1 -i "$v" -vf "select='$sel'" -vsync passthrough \
        -pix_fmt rgb24 -f rawvideo - >> "$W/truth.rgb"
done
"$BENCH" "$W/clips.txt" --frames $F --compare "$W/truth.rgb"
echo "== same pictures? (2) against the ffmpeg peer (seek + select)"
sh "$W/clips.sh" > "$W/ffmpeg.rgb"
"$BENCH" "$W/clips.txt" --frames $F --compare "$W/ffmpeg.rgb"

echo "== throughput ($RUNS runs each, interleaved by hyperfine)"
hyperfine -N -w 1 -r "$RUNS" --export-json "$W/h.json" \
    -n winnow "$BENCH $W/clips.txt --frames $F" \
    -n ffmpeg-select "sh $W/clips.sh" >/dev/null
python3 - "$W/h.json" "$(wc -l < "$W/clips.txt")" <<'PY'
import json, sys, statistics
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
clips = int(sys.argv[2])
med = {k: statistics.median(v["times"]) for k, v in res.items()}
for k, m in med.items():
    print(f"{k:14s} median {m:.3f} s  ({clips / m:.1f} clips/s, {8 * clips / m:.1f} frames/s)"
          f"  runs {', '.join(f'{t:.3f}' for t in res[k]['times'])}")
print(f"ratio winnow/ffmpeg throughput: {med['ffmpeg-select'] / med['winnow']:.2f}x")
PY

echo "== CPU time (user+sys; less sensitive than wall time to other jobs on the machine)"
# The ffmpeg peer pays one process start per clip; 'ffmpeg -version' once per clip measures
# that start alone, so the last line compares the decoding work only.
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
N=$(wc -l < "$W/clips.txt")
for ((i = 0; i < 3; i++)); do
    a=$(cpu "$BENCH" "$W/clips.txt" --frames $F)
    b=$(cpu sh "$W/clips.sh")
    c=$(cpu sh -c "for i in \$(seq $N); do ffmpeg -nostdin -v error -version; done")
    echo "$a $b $c"
done | sort -n -k1 | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin]
a, b, c = (statistics.median(r[i] for r in rows) for i in range(3))
print(f'winnow {a:.2f} s, ffmpeg peer {b:.2f} s, ffmpeg process starts alone {c:.2f} s (medians of 3)')
print(f'CPU ratio: {b / a:.2f}x with process starts, {(b - c) / a:.2f}x without')"

echo "== peak memory, sampling along a long video"
ffmpeg -nostdin -v error -stream_loop 19 -i "$DATA/vtest.avi" -c copy "$W/long.avi"
make_clips "$W/long.avi" 480 "$W/long"
make_clips "$DATA/vtest.avi" 480 "$W/short"
echo "long.avi: $(frames_of "$W/long.avi") frames, $(du -m "$W/long.avi" | cut -f1) MB, $(wc -l < "$W/long.txt") clips"
for set in short long; do
    /usr/bin/time -v "$BENCH" "$W/$set.txt" --frames $F 2> "$W/time.txt" | sed "s/^/$set: /"
    echo "$set: peak RSS $(grep 'Maximum resident' "$W/time.txt" | awk '{print $NF}') KiB"
done
/usr/bin/time -v sh "$W/long.sh" 2> "$W/time.txt" > /dev/null
echo "ffmpeg long: peak RSS (largest single process) $(grep 'Maximum resident' "$W/time.txt" | awk '{print $NF}') KiB"
