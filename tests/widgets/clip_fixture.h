// Tiny solid-colour test videos for the clip review tests: every frame is one colour of a
// 27-entry palette, so a decoded frame's identity is read back from any of its pixels.
#pragma once
#include <QColor>
#include <QImage>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "../core/tst_video_fixtures.h"

namespace clip_fixture {

inline constexpr int kFrames = 27;  // one frame per palette colour

// Palette colour c: every channel one of 30/130/230, so two colours differ by >= 100 in
// some channel, far beyond what YUV 4:2:0 and JPEG do to a flat frame.
inline QColor paletteColor(int c) {
    return QColor(30 + 100 * (c % 3), 30 + 100 * ((c / 3) % 3), 30 + 100 * (c / 9));
}
// Video A shows colour i at frame i, video B colour 26 - i.
inline int colorIndexA(int64_t frame) { return int(frame); }
inline int colorIndexB(int64_t frame) { return kFrames - 1 - int(frame); }

// The palette entry nearest to a pixel, and how far it is.
inline int identify(QRgb px, int* distance = nullptr) {
    int best = -1, bestD = 1 << 30;
    for (int c = 0; c < kFrames; ++c) {
        const QColor p = paletteColor(c);
        const int d = std::abs(qRed(px) - p.red()) + std::abs(qGreen(px) - p.green()) +
                      std::abs(qBlue(px) - p.blue());
        if (d < bestD) bestD = d, best = c;
    }
    if (distance) *distance = bestD;
    return best;
}

inline int colorAt(const QImage& img, QPoint at, int* distance = nullptr) {
    return identify(img.pixel(at), distance);
}

#ifdef WINNOW_HAVE_FFMPEG
// Encodes solid-colour frames (BT.601 limited range, what decoders assume when untagged).
inline void writeSolidVideo(const std::string& path, const std::vector<int>& colorOfFrame) {
    AVFormatContext* oc = nullptr;
    fixture::check(avformat_alloc_output_context2(&oc, nullptr, nullptr, path.c_str()), "muxer");
    const AVCodec* codec = avcodec_find_encoder_by_name("mpeg4");
    if (!codec) throw std::runtime_error("no mpeg4 encoder");
    AVStream* st = avformat_new_stream(oc, nullptr);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    ctx->width = 64;
    ctx->height = 48;
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    ctx->time_base = {1, 25};
    ctx->framerate = {25, 1};
    ctx->gop_size = 6;  // several keyframes: stepping back has to seek
    ctx->max_b_frames = 0;
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    ctx->global_quality = FF_QP2LAMBDA * 2;
    ctx->thread_count = 1;
    if (oc->oformat->flags & AVFMT_GLOBALHEADER) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    fixture::check(avcodec_open2(ctx, codec, nullptr), "encoder open");
    fixture::check(avcodec_parameters_from_context(st->codecpar, ctx), "parameters");
    st->time_base = ctx->time_base;
    st->avg_frame_rate = ctx->framerate;
    fixture::check(avio_open(&oc->pb, path.c_str(), AVIO_FLAG_WRITE), "open output");
    fixture::check(avformat_write_header(oc, nullptr), "header");
    AVFrame* f = av_frame_alloc();
    f->format = ctx->pix_fmt;
    f->width = ctx->width;
    f->height = ctx->height;
    fixture::check(av_frame_get_buffer(f, 0), "frame buffer");
    AVPacket* pkt = av_packet_alloc();
    for (size_t i = 0; i < colorOfFrame.size(); ++i) {
        fixture::check(av_frame_make_writable(f), "writable");
        const QColor c = paletteColor(colorOfFrame[i]);
        const double r = c.red(), g = c.green(), b = c.blue();
        const int y = int(std::lround(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255));
        const int cb = int(std::lround(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255));
        const int cr = int(std::lround(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255));
        for (int row = 0; row < f->height; ++row)
            std::memset(f->data[0] + row * f->linesize[0], y, size_t(f->width));
        for (int row = 0; row < f->height / 2; ++row) {
            std::memset(f->data[1] + row * f->linesize[1], cb, size_t(f->width / 2));
            std::memset(f->data[2] + row * f->linesize[2], cr, size_t(f->width / 2));
        }
        f->pts = int64_t(i);
        f->quality = ctx->global_quality;
        fixture::check(avcodec_send_frame(ctx, f), "encode");
        fixture::drain(ctx, oc, st, pkt);
    }
    avcodec_send_frame(ctx, nullptr);
    fixture::drain(ctx, oc, st, pkt);
    fixture::check(av_write_trailer(oc), "trailer");
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&ctx);
    avio_closep(&oc->pb);
    avformat_free_context(oc);
}
#else
inline void writeSolidVideo(const std::string&, const std::vector<int>&) {
    throw std::runtime_error("built without FFmpeg");
}
#endif

template <typename T>
inline void writeRaw(const std::filesystem::path& file, const std::vector<T>& v) {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(T)));
}

}  // namespace clip_fixture
