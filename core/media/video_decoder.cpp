#include "core/media/video_decoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "core/util/error.h"

#ifdef WINNOW_HAVE_FFMPEG
#include "core/media/video_frame_convert.h"
#include "core/media/video_stream.h"
#endif

namespace winnow::core {

#ifdef WINNOW_HAVE_FFMPEG

namespace {
// Consecutive undecodable packets tolerated before a file counts as unreadable.
constexpr int kMaxConsecutiveErrors = 256;
}  // namespace

struct VideoDecoder::Impl {
    DecoderOptions options;
    std::unique_ptr<VideoStream> vs;
    VideoInfo info;
    DecoderStats stats;
    FrameConverter converter;
    AVPacket* pkt = nullptr;
    AVFrame* held = nullptr;   // last decoded frame at or before the last target
    AVFrame* next = nullptr;   // decoded but past the last target (lookahead)
    int64_t heldIdx = -1, nextIdx = -1, lastIdx = -1;
    bool haveHeld = false, haveNext = false;
    bool drained = false;      // the demuxer hit the end; the decoder is being flushed
    bool eof = false;          // the decoder returned its last frame
    bool atStart = true;       // decoding began at the start of the stream
    int errors = 0;

    ~Impl() {
        av_packet_free(&pkt);
        av_frame_free(&held);
        av_frame_free(&next);
    }

    void resetState() {
        av_frame_unref(held);
        av_frame_unref(next);
        haveHeld = haveNext = drained = eof = false;
        heldIdx = nextIdx = lastIdx = -1;
    }

    // Decodes the next frame into `next`. False at the end of the stream.
    bool decodeNext() {
        if (eof)
            return false;
        AVCodecContext* ctx = vs->codec();
        for (;;) {
            int rc = avcodec_receive_frame(ctx, next);
            if (rc == 0) {
                ++stats.decoded;
                errors = 0;
                int64_t ts = next->best_effort_timestamp;
                if (ts == AV_NOPTS_VALUE)
                    ts = next->pts;
                nextIdx = ts != AV_NOPTS_VALUE ? vs->indexOfPts(ts) : lastIdx + 1;
                lastIdx = nextIdx;
                haveNext = true;
                return true;
            }
            if (rc == AVERROR_EOF) {
                eof = true;
                return false;
            }
            if (rc != AVERROR(EAGAIN)) {
                noteError();
                continue;
            }
            if (drained) {
                eof = true;
                return false;
            }
            rc = av_read_frame(vs->format(), pkt);
            if (rc < 0) {
                // End of file, or a read error in a truncated file: flush what is buffered.
                avcodec_send_packet(ctx, nullptr);
                drained = true;
                continue;
            }
            if (pkt->stream_index != vs->index()) {
                av_packet_unref(pkt);
                continue;
            }
            rc = avcodec_send_packet(ctx, pkt);
            av_packet_unref(pkt);
            if (rc < 0 && rc != AVERROR(EAGAIN))
                noteError();  // a damaged packet: skip it, later keyframes may decode
        }
    }

    void noteError() {
        if (++errors > kMaxConsecutiveErrors)
            throw Error(vs->file().string() + ": too many undecodable packets (corrupt video)");
    }

    void seekTo(int64_t target) {
        ++stats.seeks;
        AVFormatContext* fmt = vs->format();
        const int si = vs->index();
        int rc = -1;
        if (target > 0)
            rc = av_seek_frame(fmt, si, vs->ptsOfIndex(target), AVSEEK_FLAG_BACKWARD);
        atStart = rc < 0;
        if (atStart) {
            const int64_t start = vs->stream()->start_time != AV_NOPTS_VALUE
                                      ? vs->stream()->start_time : 0;
            rc = avformat_seek_file(fmt, si, INT64_MIN, start, start, 0);
            if (rc < 0)
                av_seek_frame(fmt, si, start, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
        }
        avcodec_flush_buffers(vs->codec());
        resetState();
    }

    // Position from which decoding forward continues, or -1 when unknown.
    int64_t position() const {
        if (haveNext)
            return nextIdx;
        if (haveHeld)
            return heldIdx;
        return atStart ? 0 : -1;
    }

    // True when jumping to the keyframe before `target` skips decoding work.
    bool seekPays(int64_t target) const {
        const int64_t pos = position();
        if (pos < 0)
            return true;
        if (target <= pos)
            return false;
        AVStream* st = vs->stream();
        if (avformat_index_get_entries_count(st) > 0) {
            const AVIndexEntry* e = avformat_index_get_entry_from_timestamp(
                st, vs->ptsOfIndex(target), AVSEEK_FLAG_BACKWARD);
            return e && vs->indexOfPts(e->timestamp) > pos + 1;
        }
        // No index: seeking costs a search, so only jump for gaps beyond a few seconds.
        return target - pos > std::max<int64_t>(48, std::llround(4 * vs->fps()));
    }

    // The decoded frame shown at `target`; sets `actual` to its index.
    AVFrame* locate(int64_t target, int64_t& actual) {
        bool mustSeek = (haveHeld && target < heldIdx) ||
                        (!haveHeld && haveNext && target < nextIdx && !atStart) ||
                        seekPays(target);
        int64_t back = 0;
        for (;;) {
            if (mustSeek)
                seekTo(std::max<int64_t>(target - back, 0));
            while (haveNext || decodeNext()) {
                if (nextIdx > target)
                    break;
                av_frame_unref(held);
                av_frame_move_ref(held, next);
                heldIdx = nextIdx;
                haveHeld = true;
                haveNext = false;
            }
            if (haveHeld) {
                actual = heldIdx;
                return held;
            }
            if (atStart) {
                if (haveNext) {  // target precedes the first frame: show the first one
                    actual = nextIdx;
                    return next;
                }
                throw Error(vs->file().string() + ": no decodable video frame");
            }
            // The seek landed after the target (inexact container index): go further back.
            back = back == 0 ? std::max<int64_t>(1, std::llround(vs->fps())) : back * 4;
            mustSeek = true;
        }
    }
};

VideoDecoder::VideoDecoder(const std::filesystem::path& file, const DecoderOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->options = options;
    m_impl->vs = std::make_unique<VideoStream>(file, options.threads);
    m_impl->info = describeStream(*m_impl->vs);
    m_impl->pkt = av_packet_alloc();
    m_impl->held = av_frame_alloc();
    m_impl->next = av_frame_alloc();
    if (!m_impl->pkt || !m_impl->held || !m_impl->next)
        throw Error(file.string() + ": out of memory opening the video");
    // Frame 0 is the first picture the decoder returns; its timestamp anchors every index.
    // The picture stays as lookahead, so reading from the start wastes nothing.
    Impl& d = *m_impl;
    if (d.decodeNext()) {
        int64_t ts = d.next->best_effort_timestamp;
        if (ts == AV_NOPTS_VALUE)
            ts = d.next->pts;
        if (ts != AV_NOPTS_VALUE) {
            d.vs->setOrigin(ts);
            d.nextIdx = d.lastIdx = 0;
        }
    }
}

VideoDecoder::~VideoDecoder() = default;

const VideoInfo& VideoDecoder::info() const { return m_impl->info; }
const DecoderStats& VideoDecoder::stats() const { return m_impl->stats; }

Image VideoDecoder::frame(int64_t index, int64_t* actualIndex) {
    std::vector<int64_t> actual;
    std::vector<Image> out = frames({index}, actualIndex ? &actual : nullptr);
    if (actualIndex)
        *actualIndex = actual.front();
    return std::move(out.front());
}

std::vector<Image> VideoDecoder::frames(const std::vector<int64_t>& indices,
                                        std::vector<int64_t>* actualIndices) {
    Impl& d = *m_impl;
    std::vector<size_t> order(indices.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return indices[a] < indices[b]; });
    std::vector<Image> out(indices.size());
    if (actualIndices)
        actualIndices->assign(indices.size(), -1);
    for (size_t k = 0; k < order.size(); ++k) {
        const size_t i = order[k];
        if (indices[i] < 0)
            throw Error(d.vs->file().string() + ": negative frame index " +
                        std::to_string(indices[i]));
        if (k > 0 && indices[i] == indices[order[k - 1]]) {  // repeated request
            out[i] = out[order[k - 1]];
            if (actualIndices)
                (*actualIndices)[i] = (*actualIndices)[order[k - 1]];
            continue;
        }
        int64_t actual = -1;
        AVFrame* f = d.locate(indices[i], actual);
        out[i] = d.converter.toRgb(f, d.options.maxSide,
                                   d.options.applyRotation ? d.vs->rotation() : 0);
        ++d.stats.converted;
        if (actualIndices)
            (*actualIndices)[i] = actual;
    }
    return out;
}

#else

struct VideoDecoder::Impl {};

VideoDecoder::VideoDecoder(const std::filesystem::path& file, const DecoderOptions&) {
    throw Error(file.string() + ": this build has no video support (built without FFmpeg)");
}
VideoDecoder::~VideoDecoder() = default;
const VideoInfo& VideoDecoder::info() const {
    static const VideoInfo none;
    return none;
}
const DecoderStats& VideoDecoder::stats() const {
    static const DecoderStats none;
    return none;
}
Image VideoDecoder::frame(int64_t, int64_t*) { return {}; }
std::vector<Image> VideoDecoder::frames(const std::vector<int64_t>&, std::vector<int64_t>*) {
    return {};
}

#endif

}  // namespace winnow::core
