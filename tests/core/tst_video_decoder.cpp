// Probe and frame-accurate decoding against fixture videos whose frames encode their own
// index (tst_video_fixtures.h), so every decoded frame is checked independently.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

#include "core/media/video_decoder.h"
#include "core/media/video_probe.h"
#include "core/util/error.h"
#include "tst_video_fixtures.h"

using namespace winnow::core;

class TestVideoDecoder : public QObject {
    Q_OBJECT

#ifdef WINNOW_HAVE_FFMPEG
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }

    // Random indices in random order, each decoded on its own (seek + decode forward).
    static void checkRandomAccess(const std::string& file, int frames, int count) {
        VideoDecoder dec(file);
        std::mt19937 rng(1234);
        std::uniform_int_distribution<int> pick(0, frames - 1);
        std::vector<int64_t> idx = {frames - 1, 0, frames / 2, 1};
        for (int i = 0; i < count; ++i) idx.push_back(pick(rng));
        for (int64_t i : idx) {
            int64_t actual = -1;
            const Image img = dec.frame(i, &actual);
            QCOMPARE(actual, i);
            QCOMPARE(fixture::readIndex(img), i);
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        fixture::writeVideo(fixture::make(path("gop12.avi"), "mpeg4", 64, 48, 100, {25, 1}, 12));
        fixture::writeVideo(fixture::make(path("bframes.mp4"), "mpeg4", 64, 48, 90, {30, 1}, 10, 2));
        fixture::writeVideo(fixture::make(path("ffv1.mkv"), "ffv1", 64, 48, 60, {30, 1}, 1));
        fixture::writeVideo(fixture::make(path("odd.mkv"), "ffv1", 33, 17, 20, {25, 1}, 1));
        fixture::Spec tenBit = fixture::make(path("tenbit.mkv"), "ffv1", 64, 48, 20, {25, 1}, 1);
        tenBit.pixFmt = AV_PIX_FMT_YUV420P10LE;
        fixture::writeVideo(tenBit);
        fixture::Spec rotated = fixture::make(path("rotated.mp4"), "mpeg4", 64, 48, 10, {25, 1}, 5);
        rotated.rotationCw = 90.0;
        fixture::writeVideo(rotated);
        fixture::writeWav(path("audio.wav"));
        std::ofstream(path("empty.mp4"));
        std::ofstream(path("text.mp4")) << "this is not a video\n";
        fixture::truncateCopy(path("gop12.avi"), path("truncated.avi"), 0.6);
    }

    void probeAvi() {
        const VideoInfo info = probeVideo(path("gop12.avi"));
        QCOMPARE(info.width, 64);
        QCOMPARE(info.height, 48);
        QCOMPARE(info.fps, 25.0);
        QCOMPARE(info.frameCount, int64_t(100));
        QVERIFY(info.frameCountExact);
        QVERIFY(std::abs(info.durationSec - 4.0) < 0.05);
        QCOMPARE(info.codec, std::string("mpeg4"));
        QCOMPARE(info.pixFmt, std::string("yuv420p"));
        QCOMPARE(info.bitDepth, 8);
        QCOMPARE(info.rotation, 0);
        QVERIFY(!info.variableFrameRate);
        const VideoInfo scanned = probeVideo(path("gop12.avi"), ProbeOptions{true});
        QCOMPARE(scanned.frameCount, int64_t(100));
        QVERIFY(!scanned.variableFrameRate);
    }

    void probeMkvWithoutFrameCount() {
        // Matroska stores no frame count: the header estimate (duration x fps) and the
        // packet scan must both give the 60 frames written.
        const VideoInfo info = probeVideo(path("ffv1.mkv"));
        QCOMPARE(info.frameCount, int64_t(60));
        QCOMPARE(probeVideo(path("ffv1.mkv"), ProbeOptions{true}).frameCount, int64_t(60));
        QCOMPARE(info.codec, std::string("ffv1"));
        QVERIFY(std::abs(info.fps - 30.0) < 1e-6);
    }

    void exactFramesAfterSeekingAvi() { checkRandomAccess(path("gop12.avi"), 100, 40); }
    void exactFramesWithBFramesMp4() { checkRandomAccess(path("bframes.mp4"), 90, 40); }
    void exactFramesMkv() { checkRandomAccess(path("ffv1.mkv"), 60, 20); }

    void batchMatchesSingleAndKeepsOrder() {
        VideoDecoder dec(path("gop12.avi"));
        const std::vector<int64_t> want = {77, 3, 50, 3, 99, 12, 13, 11};
        std::vector<int64_t> actual;
        const std::vector<Image> imgs = dec.frames(want, &actual);
        QCOMPARE(int(imgs.size()), int(want.size()));
        for (size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(actual[i], want[i]);
            QCOMPARE(fixture::readIndex(imgs[i]), want[i]);
        }
    }

    void closeFramesNeedOneForwardPass() {
        // One keyframe only (gop 250): eight frames of a 100-frame clip must come from a
        // single pass, decoding each frame at most once.
        const std::string file = path("onegop.avi");
        fixture::writeVideo(fixture::make(file, "mpeg4", 64, 48, 100, {25, 1}, 250));
        VideoDecoder dec(file);
        const std::vector<int64_t> want = {6, 18, 31, 43, 56, 68, 81, 93};
        const std::vector<Image> imgs = dec.frames(want);
        for (size_t i = 0; i < want.size(); ++i)
            QCOMPARE(fixture::readIndex(imgs[i]), want[i]);
        QVERIFY(dec.stats().seeks <= 1);
        QVERIFY(dec.stats().decoded <= 95);  // frames 0..93 plus one lookahead
        QCOMPARE(dec.stats().converted, int64_t(8));
    }

    void oddSize() {
        const VideoInfo info = probeVideo(path("odd.mkv"));
        QCOMPARE(info.width, 33);
        QCOMPARE(info.height, 17);
        VideoDecoder dec(path("odd.mkv"));
        const Image img = dec.frame(13);
        QCOMPARE(img.width, 33);
        QCOMPARE(img.height, 17);
        QCOMPARE(img.channels, 3);
        QCOMPARE(int(img.pixels.size()), 33 * 17 * 3);
        QCOMPARE(fixture::readIndex(img), int64_t(13));
    }

    void tenBit() {
        const VideoInfo info = probeVideo(path("tenbit.mkv"));
        QCOMPARE(info.pixFmt, std::string("yuv420p10le"));
        QCOMPARE(info.bitDepth, 10);
        VideoDecoder dec(path("tenbit.mkv"));
        for (int64_t i : {17, 2, 9})
            QCOMPARE(fixture::readIndex(dec.frame(i)), i);
    }

    void rotationMetadata() {
        // Display matrix "rotate 90 degrees clockwise" (av_display_rotation_set): a 64x48
        // picture shows as 48x64 and its top-left cell (bit 0, white in frame 1) ends up
        // top-right. (The ffmpeg tool turns such files the same way.)
        const VideoInfo info = probeVideo(path("rotated.mp4"));
        QCOMPARE(info.rotation, 90);
        QCOMPARE(info.width, 48);
        QCOMPARE(info.height, 64);
        QCOMPARE(info.codedWidth, 64);
        VideoDecoder dec(path("rotated.mp4"));
        const Image img = dec.frame(1);
        QCOMPARE(img.width, 48);
        QCOMPARE(img.height, 64);
        auto red = [&](int x, int y) { return int(img.pixels[(size_t(y) * img.width + x) * 3]); };
        QVERIFY(red(45, 2) > 200);   // top-right: was top-left cell 0, white
        QVERIFY(red(2, 2) < 60);     // top-left: was bottom-left cell 8, black
        QVERIFY(red(45, 61) < 60);   // bottom-right: was top-right cell 7, black
        DecoderOptions raw;
        raw.applyRotation = false;
        VideoDecoder upright(path("rotated.mp4"), raw);
        QCOMPARE(fixture::readIndex(upright.frame(7)), int64_t(7));
    }

    void variableFrameRateHoldsPicture() {
        // Ten frames 40 ms apart, then ten 120 ms apart.
        fixture::Spec s = fixture::make(path("vfr.mkv"), "ffv1", 64, 48, 20, {25, 1}, 1);
        for (int i = 0; i < 20; ++i) s.ptsMs.push_back(i < 10 ? i * 40 : 360 + (i - 9) * 120);
        fixture::writeVideo(s);
        const VideoInfo info = probeVideo(s.path, ProbeOptions{true});
        QVERIFY(info.variableFrameRate);
        QVERIFY(info.fps > 0);
        VideoDecoder dec(s.path);
        // Expected by hand from the written times: picture k is shown from round(t_k * fps).
        for (int64_t target = 0; target < info.frameCount; target += 3) {
            int64_t expect = 0;
            for (int k = 0; k < 20; ++k)
                if (std::llround(s.ptsMs[size_t(k)] / 1000.0 * dec.info().fps) <= target) expect = k;
            QCOMPARE(fixture::readIndex(dec.frame(target)), expect);
        }
    }

    void scaledOutput() {
        DecoderOptions opt;
        opt.maxSide = 32;
        VideoDecoder dec(path("gop12.avi"), opt);
        const Image img = dec.frame(42);
        QCOMPARE(img.width, 32);
        QCOMPARE(img.height, 24);
        QCOMPARE(fixture::readIndex(img), int64_t(42));
    }

    void badFilesGiveClearErrors() {
        auto message = [](const std::string& file) -> std::string {
            try {
                probeVideo(file);
            } catch (const Error& e) {
                return e.what();
            }
            return "no error";
        };
        QVERIFY(message(path("empty.mp4")).find("empty file") != std::string::npos);
        QVERIFY(message(path("audio.wav")).find("no video stream") != std::string::npos);
        QVERIFY(message(path("text.mp4")).find("not a readable media file") != std::string::npos);
        QVERIFY(message(path("missing.mp4")).find("not found") != std::string::npos);
        QVERIFY(message(path("text.mp4")).find("text.mp4") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, VideoDecoder(path("audio.wav")));
    }

    void oneDecoderPerThread() {
        // Decoders share no state: two threads reading different files at once stay exact.
        std::atomic<int> wrong{0};
        auto work = [&](std::string file, int frames) {
            VideoDecoder dec(file);
            std::mt19937 rng{static_cast<uint32_t>(frames)};
            for (int i = 0; i < 60; ++i) {
                const int64_t idx = int64_t(rng() % uint32_t(frames));
                if (fixture::readIndex(dec.frame(idx)) != idx) ++wrong;
            }
        };
        std::thread a(work, path("gop12.avi"), 100), b(work, path("bframes.mp4"), 90);
        a.join();
        b.join();
        QCOMPARE(wrong.load(), 0);
    }

    void truncatedFileStopsEarly() {
        // The AVI header still says 100 frames; the packets stop part-way (the first 60% of
        // the bytes hold about a third of the frames: keyframes are the big ones).
        const VideoInfo header = probeVideo(path("truncated.avi"));
        const VideoInfo scanned = probeVideo(path("truncated.avi"), ProbeOptions{true});
        QCOMPARE(header.frameCount, int64_t(100));
        QVERIFY2(scanned.frameCount > 10 && scanned.frameCount < 90,
                 std::to_string(scanned.frameCount).c_str());
        VideoDecoder dec(path("truncated.avi"));
        int64_t actual = -1;
        const Image last = dec.frame(99, &actual);
        QVERIFY(actual < 90 && actual >= scanned.frameCount - 2);
        QCOMPARE(fixture::readIndex(last), actual);
        QCOMPARE(fixture::readIndex(dec.frame(20)), int64_t(20));
    }
#else
private Q_SLOTS:
    void skipped() { QSKIP("built without FFmpeg"); }
#endif
};

QTEST_GUILESS_MAIN(TestVideoDecoder)
#include "tst_video_decoder.moc"
