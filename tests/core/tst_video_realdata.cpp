// Frame-accurate access on real files from Debian's opencv-doc package (QSKIP when absent):
// frame n after seeking must be the n-th picture a plain sequential decode returns. The
// reference decode here uses libavcodec directly (no seeking, no timestamps), so it checks
// the decoder's seeking and timestamp-to-index mapping independently. Megamind*.avi store
// MPEG-4 with "packed B-frames" and no timestamps: the decoder stamps pictures one packet
// late, which a mapping from the stream start time gets wrong by one frame.
#include <QtTest>

#include <filesystem>
#include <vector>

#include "core/media/video_decoder.h"

#ifdef WINNOW_HAVE_FFMPEG
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}
#endif

using namespace winnow::core;

namespace {

const char* kDir = "/usr/share/doc/opencv-doc/examples/data/";

#ifdef WINNOW_HAVE_FFMPEG
// Every picture of the file in output order, as RGB24 (only the wanted ones are kept).
std::vector<std::vector<uint8_t>> sequentialFrames(const std::string& file,
                                                   const std::vector<int>& wanted) {
    std::vector<std::vector<uint8_t>> out(wanted.size());
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, file.c_str(), nullptr, nullptr) < 0) return out;
    avformat_find_stream_info(fmt, nullptr);
    const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const AVCodec* codec = avcodec_find_decoder(fmt->streams[si]->codecpar->codec_id);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(ctx, fmt->streams[si]->codecpar);
    ctx->thread_count = 1;
    avcodec_open2(ctx, codec, nullptr);
    AVPacket* pkt = av_packet_alloc();
    AVFrame* f = av_frame_alloc();
    SwsContext* sws = nullptr;
    int n = 0;
    auto take = [&] {
        while (avcodec_receive_frame(ctx, f) == 0) {
            for (size_t i = 0; i < wanted.size(); ++i) {
                if (wanted[i] != n) continue;
                sws = sws_getCachedContext(sws, f->width, f->height, AVPixelFormat(f->format),
                                           f->width, f->height, AV_PIX_FMT_RGB24, SWS_BILINEAR,
                                           nullptr, nullptr, nullptr);
                out[i].resize(size_t(f->width) * f->height * 3);
                uint8_t* dst[4] = {out[i].data(), nullptr, nullptr, nullptr};
                int stride[4] = {f->width * 3, 0, 0, 0};
                sws_scale(sws, f->data, f->linesize, 0, f->height, dst, stride);
            }
            ++n;
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) avcodec_send_packet(ctx, pkt);
        av_packet_unref(pkt);
        take();
    }
    avcodec_send_packet(ctx, nullptr);
    take();
    sws_freeContext(sws);
    av_frame_free(&f);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
    avformat_close_input(&fmt);
    return out;
}

double meanAbsDiff(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
    if (a.size() != b.size() || a.empty()) return 255.0;
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += std::abs(int(a[i]) - int(b[i]));
    return s / double(a.size());
}
#endif

}  // namespace

class TestVideoRealData : public QObject {
    Q_OBJECT

private Q_SLOTS:
#ifdef WINNOW_HAVE_FFMPEG
    // The reference decode below would log the files' legacy-format warnings.
    void initTestCase() { av_log_set_level(AV_LOG_ERROR); }
#endif

    void seekedFramesMatchSequentialDecode_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("Megamind") << "Megamind.avi";
        QTest::newRow("Megamind_bugy") << "Megamind_bugy.avi";
        QTest::newRow("vtest") << "vtest.avi";
    }

    void seekedFramesMatchSequentialDecode() {
#ifndef WINNOW_HAVE_FFMPEG
        QSKIP("built without FFmpeg");
#else
        QFETCH(QString, name);
        const std::string file = kDir + name.toStdString();
        if (!std::filesystem::exists(file)) QSKIP("Debian's opencv-doc videos are not installed");
        // Out of order, across keyframes, first and late frames.
        const std::vector<int> wanted = {201, 0, 75, 99, 1, 154, 40, 41, 42, 117, 250, 9};
        const auto reference = sequentialFrames(file, wanted);
        VideoDecoder dec(file);
        for (size_t i = 0; i < wanted.size(); ++i) {
            const Image img = dec.frame(wanted[i]);
            const double mad = meanAbsDiff(img.pixels, reference[i]);
            QVERIFY2(mad < 0.25, (name.toStdString() + " frame " + std::to_string(wanted[i]) +
                                 ": differs by " + std::to_string(mad)).c_str());
        }
#endif
    }
};

QTEST_GUILESS_MAIN(TestVideoRealData)
#include "tst_video_realdata.moc"
