// ClipFrameOutputs: what the writer streams in row blocks is what the reader returns, a run
// without clip outputs or with an unfinished writer reads as "no clips", truncated arrays are
// refused. Also the scoring-side breakdown reader on hand-written files.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/influence/clip_contributions.h"
#include "core/train/clip_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {
template <typename T>
void writeRaw(const fs::path& file, const std::vector<T>& v) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(T)));
}
}  // namespace

class TestClipOutputs : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const char* n) { return fs::path(m_tmp.path().toStdString()) / n; }

private Q_SLOTS:
    void roundTripInTwoBlocks() {
        const int F = 3, L = 2, N = 4;
        // Row 2 is an image in a mixed dataset: frame numbers -1, zero features.
        std::vector<int64_t> index;
        std::vector<float> feats;
        for (int i = 0; i < N; ++i)
            for (int f = 0; f < F; ++f) {
                index.push_back(i == 2 ? -1 : int64_t(100 * i + 10 * f + 5));
                for (int l = 0; l < L; ++l) feats.push_back(i == 2 ? 0.f : float(i) + 0.25f * float(f) - float(l));
            }
        {
            ClipFrameOutputsWriter w(dir("a"), F, L);
            w.append(index.data(), feats.data(), 1);
            // Before finish() the directory does not claim to hold clip outputs.
            QVERIFY(ClipFrameOutputs::open(dir("a")) == nullptr);
            w.append(index.data() + F, feats.data() + F * L, 3);
            w.finish();
        }
        auto r = ClipFrameOutputs::open(dir("a"));
        QVERIFY(r);
        QCOMPARE(r->frames(), F);
        QCOMPARE(r->features(), L);
        QCOMPARE(r->rows(), int64_t(N));
        QCOMPARE(r->frameIndex(0)[0], int64_t(5));
        QCOMPARE(r->frameIndex(3)[2], int64_t(325));
        QCOMPARE(r->frameFeatures(1)[0], 1.0f);       // row 1, frame 0, feature 0
        QCOMPARE(r->frameFeatures(3)[2 * L + 1], 2.5f);  // row 3, frame 2, feature 1: 3 + 0.5 - 1
        QVERIFY(r->isClip(0));
        QVERIFY(!r->isClip(2));
        QVERIFY(r->isClip(3));
    }

    void absentDirectoryIsNoClips() {
        QVERIFY(ClipFrameOutputs::open(dir("nowhere")) == nullptr);
        fs::create_directories(dir("imagesOnly"));
        QVERIFY(ClipFrameOutputs::open(dir("imagesOnly")) == nullptr);
    }

    void halfWrittenWithoutJsonIsNoClips() {
        // Arrays present, json missing: a writer that died before finish().
        fs::create_directories(dir("half"));
        writeRaw(dir("half") / "clip_frame_index.i64", std::vector<int64_t>{1, 2, 3, 4});
        writeRaw(dir("half") / "clip_frame_features.f32", std::vector<float>(8, 1.f));
        QVERIFY(ClipFrameOutputs::open(dir("half")) == nullptr);
    }

    void staleJsonRemovedByNewWriter() {
        const int64_t idx[2] = {0, 1};
        const float f[2] = {1, 2};
        {
            ClipFrameOutputsWriter w(dir("again"), 2, 1);
            w.append(idx, f, 1);
            w.finish();
        }
        QVERIFY(ClipFrameOutputs::open(dir("again")));
        ClipFrameOutputsWriter w2(dir("again"), 2, 1);  // a rerun starts writing over it
        QVERIFY(ClipFrameOutputs::open(dir("again")) == nullptr);
    }

    void truncatedFeaturesRefused() {
        const int64_t idx[4] = {0, 1, 2, 3};
        const float f[8] = {};
        {
            ClipFrameOutputsWriter w(dir("trunc"), 2, 2);
            w.append(idx, f, 2);
            w.finish();
        }
        fs::resize_file(dir("trunc") / "clip_frame_features.f32", 12);
        QVERIFY_THROWS_EXCEPTION(Error, ClipFrameOutputs::open(dir("trunc")));
    }

    void breakdownReadsOneRow() {
        // Scoring folder by hand: 3 scored samples, F = 2; id 7 is an image.
        const fs::path d = dir("scoring");
        fs::create_directories(d);
        writeRaw(d / "sample_ids.i64", std::vector<int64_t>{3, 7, 12});
        writeRaw(d / "clip_frame_index.i64", std::vector<int64_t>{10, 30, -1, -1, 4, 8});
        writeRaw(d / "clip_frame_norm.f32", std::vector<float>{1.f, 2.f, 0.f, 0.f, 5.f, 6.f});
        writeRaw(d / "clip_frame_contrib.f32", std::vector<float>{0.1f, 0.2f, NAN, NAN, -0.5f, 0.75f});
        auto b = readClipFrameBreakdown(d, 12);
        QCOMPARE(b.frameNumbers, (std::vector<int64_t>{4, 8}));
        QCOMPARE(b.featureNorms, (std::vector<float>{5.f, 6.f}));
        QCOMPARE(b.contributions, (std::vector<float>{-0.5f, 0.75f}));
        QVERIFY(readClipFrameBreakdown(d, 7).empty());   // not a clip
        QVERIFY(readClipFrameBreakdown(d, 8).empty());   // not scored
        QVERIFY(readClipFrameBreakdown(dir("nowhere"), 3).empty());
        fs::resize_file(d / "clip_frame_contrib.f32", 8);
        QVERIFY_THROWS_EXCEPTION(Error, readClipFrameBreakdown(d, 3));
    }
};

QTEST_GUILESS_MAIN(TestClipOutputs)
#include "tst_clip_outputs.moc"
