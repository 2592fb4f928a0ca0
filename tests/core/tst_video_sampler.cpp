// Segment sampling (METHODS §7) against hand-computed indices, seeded train-mode draws,
// and the disk frame cache used by the review GUI.
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

#include <opencv2/imgcodecs.hpp>

#include "core/media/frame_cache.h"
#include "core/media/frame_sampler.h"
#include "core/media/video_clip_reader.h"
#include "core/media/video_decoder.h"
#include "core/util/error.h"
#include "tst_video_fixtures.h"

using namespace winnow::core;

class TestVideoSampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void evalCentresByHand() {
        // n = 100, F = 8: segments of 12.5 frames, centres at 6.25, 18.75, ... floored.
        const std::vector<int64_t> want = {6, 18, 31, 43, 56, 68, 81, 93};
        QCOMPARE(sampleSegmentFrames({0, 100}, 8, SamplingMode::Eval), want);
        // The same clip starting at frame 1000 of a long video.
        std::vector<int64_t> shifted;
        for (int64_t v : want) shifted.push_back(v + 1000);
        QCOMPARE(sampleSegmentFrames({1000, 1100}, 8, SamplingMode::Eval), shifted);
        // n = 24, F = 3: segments [0,8) [8,16) [16,24), centres 4, 12, 20.
        QCOMPARE(sampleSegmentFrames({0, 24}, 3, SamplingMode::Eval),
                 (std::vector<int64_t>{4, 12, 20}));
    }

    void shortClipRepeatsFrames() {
        // n = 5 < F = 8: centres floor((2k+1)*5/16) = 0,0,1,2,2,3,4,4.
        QCOMPARE(sampleSegmentFrames({10, 15}, 8, SamplingMode::Eval),
                 (std::vector<int64_t>{10, 10, 11, 12, 12, 13, 14, 14}));
        QCOMPARE(sampleSegmentFrames({0, 1}, 4, SamplingMode::Eval),
                 (std::vector<int64_t>{0, 0, 0, 0}));
        for (uint64_t seed = 0; seed < 50; ++seed)
            for (int64_t v : sampleSegmentFrames({10, 15}, 8, SamplingMode::Train, seed))
                QVERIFY(v >= 10 && v < 15);
    }

    void invalidArgumentsThrow() {
        QVERIFY_THROWS_EXCEPTION(Error, sampleSegmentFrames({5, 5}, 8, SamplingMode::Eval));
        QVERIFY_THROWS_EXCEPTION(Error, sampleSegmentFrames({0, 10}, 0, SamplingMode::Eval));
    }

    void trainStaysInSegmentsAndIsSeeded() {
        const ClipRange clip{0, 100};
        // Segment k of n = 100, F = 8 is [floor(12.5k), floor(12.5(k+1))).
        const int64_t lo[8] = {0, 12, 25, 37, 50, 62, 75, 87};
        const int64_t hi[8] = {12, 25, 37, 50, 62, 75, 87, 100};
        std::map<int64_t, int> hits;
        for (uint64_t seed = 0; seed < 2000; ++seed) {
            const auto v = sampleSegmentFrames(clip, 8, SamplingMode::Train, seed);
            QCOMPARE(int(v.size()), 8);
            for (int k = 0; k < 8; ++k) {
                QVERIFY(v[size_t(k)] >= lo[k] && v[size_t(k)] < hi[k]);
                ++hits[v[size_t(k)]];
            }
        }
        // Every frame of every segment is drawn, roughly uniformly (2000 / 12.5 = 160 each).
        QCOMPARE(int(hits.size()), 100);
        for (const auto& [frame, count] : hits)
            QVERIFY2(count > 90 && count < 250, std::to_string(frame).c_str());
        // Same seed, same frames; different seeds differ.
        QCOMPARE(sampleSegmentFrames(clip, 8, SamplingMode::Train, 42),
                 sampleSegmentFrames(clip, 8, SamplingMode::Train, 42));
        std::set<std::vector<int64_t>> distinct;
        for (uint64_t seed = 0; seed < 20; ++seed)
            distinct.insert(sampleSegmentFrames(clip, 8, SamplingMode::Train, seed));
        QVERIFY(distinct.size() >= 19);
        QVERIFY(clipSeed(1, 0, 5) != clipSeed(1, 1, 5));
        QVERIFY(clipSeed(1, 0, 5) != clipSeed(1, 0, 6));
        QCOMPARE(clipSeed(7, 3, 9), clipSeed(7, 3, 9));
    }

#ifdef WINNOW_HAVE_FFMPEG
    void sampledFramesDecodeExactly() {
        QTemporaryDir dir;
        const std::string file = (dir.path() + "/long.avi").toStdString();
        fixture::writeVideo(fixture::make(file, "mpeg4", 64, 48, 300, {25, 1}, 25));
        VideoDecoder dec(file);
        const ClipRange clip{120, 220};
        for (uint64_t seed : {1ull, 2ull, 3ull}) {
            const auto idx = sampleSegmentFrames(clip, 8, SamplingMode::Train, seed);
            const auto imgs = dec.frames(idx);
            for (size_t i = 0; i < idx.size(); ++i)
                QCOMPARE(fixture::readIndex(imgs[i]), idx[i]);
        }
    }

    void clipReaderSamplesAndReusesDecoders() {
        QTemporaryDir dir;
        const std::string a = (dir.path() + "/a.avi").toStdString();
        const std::string b = (dir.path() + "/b.mkv").toStdString();
        fixture::writeVideo(fixture::make(a, "mpeg4", 64, 48, 200, {25, 1}, 20));
        fixture::writeVideo(fixture::make(b, "ffv1", 64, 48, 40, {25, 1}, 1));
        DecoderOptions opt;
        opt.maxSide = 32;
        VideoClipReader reader(opt, 1);
        // Three clips cut from one video, then another video, then back.
        const ClipRange clips[3] = {{0, 64}, {64, 128}, {128, 200}};
        for (int k = 0; k < 3; ++k) {
            std::vector<int64_t> idx;
            const auto imgs = reader.read(a, clips[k], 8, SamplingMode::Train, clipSeed(9, 0, k), &idx);
            QCOMPARE(idx, sampleSegmentFrames(clips[k], 8, SamplingMode::Train, clipSeed(9, 0, k)));
            for (size_t i = 0; i < 8; ++i) {
                QCOMPARE(imgs[i].width, 32);
                QCOMPARE(fixture::readIndex(imgs[i]), idx[i]);
            }
        }
        QCOMPARE(reader.opened(), int64_t(1));
        const auto evalB = reader.read(b, {0, 40}, 4, SamplingMode::Eval);
        // Eval centres of 40 frames, F = 4: floor((2k+1)*40/8) = 5, 15, 25, 35.
        QCOMPARE(fixture::readIndex(evalB[0]), int64_t(5));
        QCOMPARE(fixture::readIndex(evalB[3]), int64_t(35));
        reader.read(a, {0, 64}, 2, SamplingMode::Eval);
        QCOMPARE(reader.opened(), int64_t(3));  // capacity 1: a was closed when b opened
    }

    void frameCacheWritesOnceAndReadsBack() {
        QTemporaryDir dir;
        const std::string file = (dir.path() + "/clip.avi").toStdString();
        fixture::writeVideo(fixture::make(file, "mpeg4", 64, 48, 50, {25, 1}, 10));
        const std::filesystem::path cacheDir = (dir.path() + "/cache").toStdString();
        FrameCache cache(cacheDir, 32);
        const ClipRange clip{10, 50};
        const auto poster = cache.poster(file, clip);
        QCOMPARE(FrameCache::posterIndex(clip), int64_t(30));  // (10 + 50) / 2
        QVERIFY(std::filesystem::exists(poster));
        const cv::Mat img = cv::imread(poster.string());
        QCOMPARE(img.cols, 32);
        QCOMPARE(img.rows, 24);
        const auto frames = cache.sampledFrames(file, clip, 4);
        QCOMPARE(int(frames.size()), 4);
        // Eval indices of [10, 50) with F = 4: 10 + floor((2k+1)*40/8) = 15, 25, 35, 45.
        const int64_t want[4] = {15, 25, 35, 45};
        for (size_t k = 0; k < 4; ++k) {
            const cv::Mat m = cv::imread(frames[k].string());
            QVERIFY(!m.empty());
            Image rgb;  // BGR order does not matter: the frames are grey, far from the threshold
            rgb.width = m.cols;
            rgb.height = m.rows;
            rgb.channels = 3;
            rgb.pixels.assign(m.data, m.data + m.total() * 3);
            QCOMPARE(fixture::readIndex(rgb), want[k]);
        }
        // A second cache on the same folder finds the files without decoding.
        const auto stamp = std::filesystem::last_write_time(frames[0]);
        FrameCache again(cacheDir, 32);
        QCOMPARE(again.sampledFrames(file, clip, 4), frames);
        QCOMPARE(std::filesystem::last_write_time(frames[0]), stamp);
        // Changing the video changes the key: no stale frames.
        fixture::writeVideo(fixture::make(file, "mpeg4", 64, 48, 60, {25, 1}, 10));
        QVERIFY(again.pathFor(file, 15) != frames[0]);
    }
#endif
};

QTEST_GUILESS_MAIN(TestVideoSampler)
#include "tst_video_sampler.moc"
