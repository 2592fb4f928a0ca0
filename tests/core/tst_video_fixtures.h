#pragma once
// Small test videos written with libavcodec. Every frame encodes its own index as bits:
// a 8x2 grid of cells, cell (c, r) is white when bit r*8+c of the index is set, so a frame
// read back can be identified independently of the decoder under test.
#ifdef WINNOW_HAVE_FFMPEG
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
}

#include "core/media/image.h"

namespace fixture {

struct Spec {
    std::string path;
    const char* codec = "mpeg4";
    int width = 64, height = 48;
    int frames = 100;
    AVRational fps{25, 1};
    int gop = 12;
    int bframes = 0;
    AVPixelFormat pixFmt = AV_PIX_FMT_YUV420P;
    std::vector<int64_t> ptsMs;   // when set: frame times in milliseconds (variable rate)
    double rotationCw = 0.0;      // av_display_rotation_set angle (clockwise degrees)
    // When set: paints frame `index` instead of the index bits (8-bit formats only).
    std::function<void(AVFrame*, int64_t index)> painter;
};

inline Spec make(std::string path, const char* codec, int w, int h, int frames, AVRational fps,
                 int gop, int bframes = 0) {
    Spec s;
    s.path = std::move(path);
    s.codec = codec;
    s.width = w;
    s.height = h;
    s.frames = frames;
    s.fps = fps;
    s.gop = gop;
    s.bframes = bframes;
    return s;
}

inline bool bitSet(int64_t index, int c, int r) { return (index >> (r * 8 + c)) & 1; }

inline void paint(AVFrame* f, int64_t index, bool tenBit) {
    const int w = f->width, h = f->height;
    for (int y = 0; y < h; ++y) {
        const int r = std::min(1, y * 2 / h);
        for (int x = 0; x < w; ++x) {
            const int c = std::min(7, x * 8 / w);
            const int v = bitSet(index, c, r) ? 235 : 16;
            if (tenBit)
                reinterpret_cast<uint16_t*>(f->data[0] + y * f->linesize[0])[x] = uint16_t(v << 2);
            else
                f->data[0][y * f->linesize[0] + x] = uint8_t(v);
        }
    }
    const int cw = (w + 1) / 2, ch = (h + 1) / 2;
    for (int p = 1; p <= 2; ++p)
        for (int y = 0; y < ch; ++y)
            for (int x = 0; x < cw; ++x) {
                if (tenBit)
                    reinterpret_cast<uint16_t*>(f->data[p] + y * f->linesize[p])[x] = 512;
                else
                    f->data[p][y * f->linesize[p] + x] = 128;
            }
}

// Reads the index back from an RGB image of the same layout (cell centres, red channel).
inline int64_t readIndex(const winnow::core::Image& img) {
    int64_t v = 0;
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 8; ++c) {
            const int x = (2 * c + 1) * img.width / 16, y = (2 * r + 1) * img.height / 4;
            if (img.pixels[(size_t(y) * img.width + x) * img.channels] > 128)
                v |= int64_t(1) << (r * 8 + c);
        }
    return v;
}

inline void check(int rc, const char* what) {
    if (rc < 0)
        throw std::runtime_error(std::string("fixture: ") + what + " failed");
}

inline void drain(AVCodecContext* ctx, AVFormatContext* oc, AVStream* st, AVPacket* pkt) {
    while (avcodec_receive_packet(ctx, pkt) == 0) {
        av_packet_rescale_ts(pkt, ctx->time_base, st->time_base);
        pkt->stream_index = st->index;
        check(av_interleaved_write_frame(oc, pkt), "write");
    }
}

inline void writeVideo(const Spec& s) {
    AVFormatContext* oc = nullptr;
    check(avformat_alloc_output_context2(&oc, nullptr, nullptr, s.path.c_str()), "muxer");
    const AVCodec* codec = avcodec_find_encoder_by_name(s.codec);
    if (!codec)
        throw std::runtime_error(std::string("fixture: no encoder ") + s.codec);
    AVStream* st = avformat_new_stream(oc, nullptr);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    ctx->width = s.width;
    ctx->height = s.height;
    ctx->pix_fmt = s.pixFmt;
    ctx->time_base = s.ptsMs.empty() ? AVRational{s.fps.den, s.fps.num} : AVRational{1, 1000};
    ctx->framerate = s.fps;
    ctx->gop_size = s.gop;
    ctx->max_b_frames = s.bframes;
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    ctx->global_quality = FF_QP2LAMBDA * 2;
    ctx->thread_count = 1;
    if (oc->oformat->flags & AVFMT_GLOBALHEADER)
        ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    check(avcodec_open2(ctx, codec, nullptr), "encoder open");
    check(avcodec_parameters_from_context(st->codecpar, ctx), "parameters");
    st->time_base = ctx->time_base;
    st->avg_frame_rate = s.fps;
    if (s.rotationCw != 0.0) {
        auto* m = reinterpret_cast<int32_t*>(
            av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t)));
        av_display_rotation_set(m, s.rotationCw);
    }
    check(avio_open(&oc->pb, s.path.c_str(), AVIO_FLAG_WRITE), "open output");
    check(avformat_write_header(oc, nullptr), "header");
    AVFrame* f = av_frame_alloc();
    f->format = s.pixFmt;
    f->width = s.width;
    f->height = s.height;
    check(av_frame_get_buffer(f, 0), "frame buffer");
    AVPacket* pkt = av_packet_alloc();
    const bool tenBit = s.pixFmt == AV_PIX_FMT_YUV420P10LE;
    for (int i = 0; i < s.frames; ++i) {
        check(av_frame_make_writable(f), "writable");
        if (s.painter) s.painter(f, i);
        else paint(f, i, tenBit);
        f->pts = s.ptsMs.empty() ? i : s.ptsMs[size_t(i)];
        f->quality = ctx->global_quality;
        check(avcodec_send_frame(ctx, f), "encode");
        drain(ctx, oc, st, pkt);
    }
    avcodec_send_frame(ctx, nullptr);
    drain(ctx, oc, st, pkt);
    check(av_write_trailer(oc), "trailer");
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&ctx);
    avio_closep(&oc->pb);
    avformat_free_context(oc);
}

// A 0.5 s mono 16-bit PCM WAV written byte by byte: audio only, no video stream.
inline void writeWav(const std::string& path) {
    const uint32_t rate = 8000, n = 4000, bytes = n * 2;
    std::ofstream o(path, std::ios::binary);
    auto u32 = [&](uint32_t v) { o.write(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [&](uint16_t v) { o.write(reinterpret_cast<const char*>(&v), 2); };
    o.write("RIFF", 4); u32(36 + bytes); o.write("WAVE", 4);
    o.write("fmt ", 4); u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16);
    o.write("data", 4); u32(bytes);
    for (uint32_t i = 0; i < n; ++i) u16(uint16_t((i * 37) & 0x7fff));
}

// Copies the first `fraction` of a file's bytes.
inline void truncateCopy(const std::string& from, const std::string& to, double fraction) {
    std::ifstream in(from, std::ios::binary);
    std::vector<char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream out(to, std::ios::binary);
    out.write(data.data(), std::streamsize(double(data.size()) * fraction));
}

}  // namespace fixture
#endif
