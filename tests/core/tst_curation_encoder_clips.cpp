// Encoder features of video clips (issue 14) with the hash-demo encoder, on small videos
// written by the test (every frame paints its own index, tst_video_fixtures.h) cut into clips
// by a video-csv manifest. Checks, against frame numbers worked out by hand and frames decoded
// here with VideoDecoder: a clip's row is the L2-normalised mean of hash-demo's embeddings of
// its 8 segment-centre frames; two clips over the same frames (a video and its byte copy) are
// each other's nearest by sample search; a clip whose video is damaged after the scan is left
// out and named; a cache written by the previous format (clips left out) is rebuilt with the clips.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/curation/encoder_features.h"
#include "core/curation/sample_scan.h"
#include "core/curation/similarity_search.h"
#include "core/dataset/importer.h"
#include "core/retrieval/hash_demo_encoder.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"
#include "tst_video_fixtures.h"

namespace fs = std::filesystem;
using namespace winnow::core;

#ifdef WINNOW_HAVE_FFMPEG
#include "core/media/video_decoder.h"

class TestCurationEncoderClips : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;
    std::unique_ptr<Project> m_project;
    std::map<std::string, int64_t> m_id;  // "a", "copy", "shifted", "later", "broken"
    const std::string kSpec = "encoder:hash-demo";

    // The expected row: hash-demo's embeddings of these frames of `video`, averaged, normalised.
    std::vector<float> expectedRow(const std::string& video, const std::vector<int64_t>& frames) {
        VideoDecoder decoder(m_root / "media" / video, DecoderOptions{1, 0, true});
        HashDemoEncoder enc;
        std::vector<double> sum(size_t(HashDemoEncoder::kDim), 0.0);
        for (int64_t f : frames) {
            const Image img = decoder.frame(f);
            if (fixture::readIndex(img) != f) throw std::runtime_error("decoded the wrong frame");
            const Embeddings e = enc.encodeImages({img});
            for (size_t j = 0; j < sum.size(); ++j) sum[j] += e.values[j];
        }
        double norm = 0;
        for (double v : sum) norm += v * v;
        std::vector<float> out;
        for (double v : sum) out.push_back(float(v / std::sqrt(norm)));
        return out;
    }

    fs::path cacheJson() {
        const fs::path dir = m_project->cacheDir() / "curation" / "features";
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json") return e.path();
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_root = fs::path(m_tmp.path().toStdString());
        const fs::path media = m_root / "media";
        fs::create_directories(media);
        fixture::writeVideo(fixture::make((media / "a.avi").string(), "mpeg4", 64, 48, 100, {25, 1}, 12));
        fs::copy_file(media / "a.avi", media / "copy.avi");
        fixture::writeVideo(fixture::make((media / "broken.avi").string(), "mpeg4", 64, 48, 50, {25, 1}, 12));
        {
            std::ofstream csv(m_root / "clips.csv");
            csv << "path,label,split,start,end\n"
                << "media/a.avi,x,train,0,2\n"         // [0, 50)
                << "media/copy.avi,x,train,0,2\n"      // [0, 50) of a byte copy
                << "media/a.avi,y,train,0.04,2.04\n"   // [1, 51)
                << "media/a.avi,y,train,2,4\n"         // [50, 100)
                << "media/broken.avi,y,train,0,2\n";
        }
        m_project = Project::create(m_root / "p.winnow");
        ImportOptions o;
        o.format = "video-csv";
        o.source = m_root / "clips.csv";
        QCOMPARE(importDataset(*m_project, o).imported, int64_t(5));
        auto st = m_project->db().prepare("SELECT id FROM samples ORDER BY id");
        for (const char* name : {"a", "copy", "shifted", "later", "broken"}) {
            QVERIFY(st.step());
            m_id[name] = st.int64(0);
        }
    }

    void clipRowIsTheMeanOfItsFrames() {
        const SampleScan scan = scanSamples(*m_project, {}, nullptr, 2);
        QCOMPARE(scan.n(), int64_t(5));
        // Damaged after the scan: the scan's (cached) rows still list it, its frames no longer decode.
        std::ofstream(m_root / "media" / "broken.avi", std::ios::trunc) << "this is no longer a video";
        EncoderFeaturesReport rep;
        HashDemoEncoder enc;
        const FeatureMatrix f = encoderFeatures(*m_project, enc, scan, {}, nullptr, &rep);
        QVERIFY(!rep.fromCache);
        QCOMPARE(f.n(), int64_t(4));
        QCOMPARE(f.ids, (std::vector<int64_t>{m_id["a"], m_id["copy"], m_id["shifted"], m_id["later"]}));
        // The segment centres start + floor((2k+1) n / 16), n = 50, worked out by hand.
        const std::vector<int64_t> centres{3, 9, 15, 21, 28, 34, 40, 46};
        auto shifted = [&](int64_t by) {
            std::vector<int64_t> v;
            for (int64_t c : centres) v.push_back(c + by);
            return v;
        };
        const std::map<int64_t, std::vector<float>> expect{
            {m_id["a"], expectedRow("a.avi", centres)},
            {m_id["copy"], expectedRow("copy.avi", centres)},
            {m_id["shifted"], expectedRow("a.avi", shifted(1))},
            {m_id["later"], expectedRow("a.avi", shifted(50))}};
        for (int64_t r = 0; r < f.n(); ++r) {
            const std::vector<float>& e = expect.at(f.ids[size_t(r)]);
            for (int j = 0; j < f.dim; ++j)
                QVERIFY2(std::fabs(f.data()[size_t(r * f.dim + j)] - e[size_t(j)]) < 1e-5f,
                         qPrintable(QString("row %1 dim %2: %3 vs %4").arg(r).arg(j)
                                        .arg(f.data()[size_t(r * f.dim + j)]).arg(e[size_t(j)])));
        }
        // The damaged clip is left out and named like a damaged image.
        QCOMPARE(rep.failed, int64_t(1));
        QCOMPARE(int(rep.problems.size()), 1);
        QVERIFY2(rep.problems[0].find("broken.avi (frames 0-50): ") != std::string::npos, rep.problems[0].c_str());
    }

    void sameFramesAreNearest() {
        for (const auto& [query, other] : {std::pair{"a", "copy"}, std::pair{"copy", "a"}}) {
            SimilarityQuery q;
            q.features = kSpec;
            q.sampleId = m_id[query];
            q.k = 3;
            const SimilarityResult r = projectSimilaritySearch(*m_project, q);
            QCOMPARE(r.rows, int64_t(4));
            QCOMPARE(r.hits.size(), size_t(3));
            QCOMPARE(r.hits[0].id, m_id[other]);
            QVERIFY(r.hits[0].score > 0.99999f);
            QVERIFY(r.hits[1].score < r.hits[0].score - 1e-4f);
        }
    }

    void previousFormatCacheIsRebuilt() {
        const SampleScan scan = scanSamples(*m_project);
        HashDemoEncoder enc;
        EncoderFeaturesReport now;
        const FeatureMatrix current = encoderFeatures(*m_project, enc, scan, {}, nullptr, &now);
        QVERIFY(now.fromCache);
        QVERIFY(current.rows->isMapped());
        // Copied out before the files are cut short below: a mapping of a file truncated in
        // place faults (Winnow's own writers always rename a new file in instead).
        const std::vector<float> currentRows(current.data(), current.data() + current.rows->size());
        // The cache as format 1 wrote it: key over identity, preprocessing, signature and "1";
        // clips were not encoded then (rows of none).
        const fs::path json = cacheJson();
        QVERIFY(!json.empty());
        nlohmann::json meta = readJsonFile(json);
        QCOMPARE(jsonInt(meta["format"]), int64_t(kEncoderFeaturesFormat));
        meta["format"] = 1;
        meta["key"] = sha256Hex(enc.identity() + "\n" + enc.preprocessing().canonical() + "\n" +
                                scan.samplesSignature + "\n1");
        meta["n"] = 0;
        meta["failed"] = 5;
        std::ofstream(fs::path(json).replace_extension(".f32"), std::ios::trunc | std::ios::binary);
        std::ofstream(json.parent_path() / (json.stem().string() + ".ids.i64"), std::ios::trunc | std::ios::binary);
        std::ofstream(json, std::ios::trunc) << dumpJson(meta);
        EncoderFeaturesReport rebuilt;
        const FeatureMatrix f = encoderFeatures(*m_project, enc, scan, {}, nullptr, &rebuilt);
        QVERIFY(!rebuilt.fromCache);
        QCOMPARE(f.ids, current.ids);
        QCOMPARE(std::vector<float>(f.data(), f.data() + f.rows->size()), currentRows);
        QCOMPARE(rebuilt.failed, int64_t(1));
        QCOMPARE(jsonInt(readJsonFile(cacheJson())["format"]), int64_t(kEncoderFeaturesFormat));
        EncoderFeaturesReport again;
        encoderFeatures(*m_project, enc, scan, {}, nullptr, &again);
        QVERIFY(again.fromCache);
    }

    void cleanupTestCase() { m_project.reset(); }
};

#else
class TestCurationEncoderClips : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void skipped() { QSKIP("built without FFmpeg: no video clips"); }
};
#endif

QTEST_GUILESS_MAIN(TestCurationEncoderClips)
#include "tst_curation_encoder_clips.moc"
