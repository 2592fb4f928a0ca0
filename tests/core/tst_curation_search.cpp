// Encoder features and similarity search (issue 14) on an array project (8x8 grey records)
// with one planted exact copy (a second sample of the same record), using the hash-demo dual
// encoder: every row equals the encoder's own encoding of the record's pixels read here from
// the array file; the cache is read back byte for byte, rebuilt when the samples change or a
// file is damaged, and nothing is cached when cancelled; text search ranks as a brute force over
// encodeTexts/encodeImages does (ties by id); sample search puts the copy first and leaves the
// sample out; bad model files and text search without a dual encoder fail naming the reason.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "array_project_fixture.h"
#include "core/curation/encoder_features.h"
#include "core/curation/features.h"
#include "core/curation/sample_scan.h"
#include "core/curation/similarity_search.h"
#include "core/retrieval/hash_demo_encoder.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::string bytesOf(const FeatureMatrix& f) {
    return std::string(reinterpret_cast<const char*>(f.data()), f.rows->size() * sizeof(float));
}

double dot(const float* a, const float* b, int64_t dim) {
    double s = 0;
    for (int64_t j = 0; j < dim; ++j) s += double(a[j]) * b[j];
    return s;
}

}  // namespace

class TestCurationSearch : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    std::unique_ptr<Project> m_project;
    std::map<int64_t, int64_t> m_record;  // sample id -> record index in fixture.u8
    int64_t m_original = 0, m_copy = 0;
    const std::string kSpec = "encoder:hash-demo";

    Image recordImage(int64_t record) { return array_fixture::recordImage(m_project->cacheDir(), record); }

    void readRecords() {
        m_record.clear();
        auto st = m_project->db().prepare("SELECT id, item_index FROM samples ORDER BY id");
        while (st.step()) m_record[st.int64(0)] = st.int64(1);
    }

    void addSample(int64_t record) {
        m_project->db().exec("INSERT INTO samples(media_kind, path, array_id, item_index, split, label, width, height) "
                             "SELECT 1, '/fixture-copy', 1, " + std::to_string(record) + ", 0, label, 8, 8 FROM samples "
                             "WHERE item_index=" + std::to_string(record) + " LIMIT 1");
    }

private Q_SLOTS:
    void initTestCase() {
        m_file = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_file, 20);
        m_project = Project::open(m_file);
        addSample(17);  // the planted exact copy of record 17
        readRecords();
        QCOMPARE(m_record.size(), size_t(121));
        for (const auto& [id, rec] : m_record)
            if (rec == 17) (m_original ? m_copy : m_original) = id;
        QVERIFY(m_original > 0 && m_copy > m_original);
    }

    void cancelledCachesNothing() {
        const SampleScan scan = scanSamples(*m_project);
        HashDemoEncoder enc;
        CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, encoderFeatures(*m_project, enc, scan, {}, &cancel));
        const fs::path dir = m_project->cacheDir() / "curation" / "features";
        bool json = false;
        if (fs::exists(dir))
            for (const auto& e : fs::directory_iterator(dir)) json |= e.path().extension() == ".json";
        QVERIFY(!json);
    }

    void rowsAreTheEncodersOwn() {
        const SampleScan scan = scanSamples(*m_project);
        std::vector<double> fractions;
        const FeatureMatrix f =
            loadFeatures(*m_project, kSpec, scan, [&](const Progress& p) { fractions.push_back(p.fraction); });
        HashDemoEncoder enc;
        QCOMPARE(f.name, "encoder:" + enc.identity());
        QCOMPARE(int64_t(f.dim), HashDemoEncoder::kDim);
        QVERIFY(f.description.find("hash-demo") != std::string::npos);
        QCOMPARE(f.n(), int64_t(m_record.size()));
        QVERIFY(!fractions.empty());
        QCOMPARE(fractions.back(), 1.0);
        for (int64_t r = 0; r < f.n(); ++r) {
            QCOMPARE(f.ids[size_t(r)], std::next(m_record.begin(), std::ptrdiff_t(r))->first);
            const Embeddings e = enc.encodeImages({recordImage(m_record[f.ids[size_t(r)]])});
            for (int j = 0; j < f.dim; ++j)
                QVERIFY2(std::fabs(f.data()[size_t(r * f.dim + j)] - e.values[size_t(j)]) < 1e-6f,
                         qPrintable(QString("row %1 dim %2").arg(r).arg(j)));
        }
    }

    void cacheReusedAndRebuilt() {
        HashDemoEncoder enc;
        SampleScan scan = scanSamples(*m_project);
        EncoderFeaturesReport first, second;
        const FeatureMatrix a = encoderFeatures(*m_project, enc, scan, {}, nullptr, &first);
        const FeatureMatrix b = encoderFeatures(*m_project, enc, scan, {}, nullptr, &second);
        QVERIFY(first.fromCache);  // rowsAreTheEncodersOwn computed it
        QVERIFY(second.fromCache);
        QCOMPARE(bytesOf(b), bytesOf(a));
        QVERIFY(a.rows->isMapped() && b.rows->isMapped());  // from the cache file, not read into memory
        QCOMPARE(b.ids, a.ids);
        QCOMPARE(b.fingerprint, a.fingerprint);

        // A damaged rows file (one float short) is recomputed to the same values. (Compared with a
        // copy: `a` maps that file, and a mapping of a file cut short in place faults.)
        const std::string expected = bytesOf(a);
        const fs::path dir = m_project->cacheDir() / "curation" / "features";
        fs::path rows;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".f32") rows = e.path();
        QVERIFY(!rows.empty());
        fs::resize_file(rows, fs::file_size(rows) - 4);
        EncoderFeaturesReport damaged;
        const FeatureMatrix c = encoderFeatures(*m_project, enc, scan, {}, nullptr, &damaged);
        QVERIFY(!damaged.fromCache);
        QCOMPARE(bytesOf(c), expected);

        // Another sample: the signature changes, the features are recomputed and include it.
        addSample(40);
        readRecords();
        scan = scanSamples(*m_project);
        EncoderFeaturesReport changed;
        const FeatureMatrix d = encoderFeatures(*m_project, enc, scan, {}, nullptr, &changed);
        QVERIFY(!changed.fromCache);
        QCOMPARE(d.n(), a.n() + 1);
        QVERIFY(d.fingerprint != a.fingerprint);
        QCOMPARE(d.ids.back(), m_record.rbegin()->first);
    }

    void textSearchIsBruteForceRanking() {
        HashDemoEncoder enc;
        const SampleScan scan = scanSamples(*m_project);
        const FeatureMatrix f = encoderFeatures(*m_project, enc, scan);
        // Brute force: every sample's own encoding against the text's.
        std::vector<std::pair<int64_t, Embeddings>> rows;
        for (const auto& [id, rec] : m_record) rows.emplace_back(id, enc.encodeImages({recordImage(rec)}));
        for (const std::string text : {"a bright band at the top", "dark noise", "c1"}) {
            const Embeddings t = enc.encodeTexts({text});
            std::vector<std::pair<double, int64_t>> expect;
            for (const auto& [id, e] : rows) expect.emplace_back(dot(e.row(0), t.row(0), t.dim), id);
            std::sort(expect.begin(), expect.end(), [](const auto& a, const auto& b) {
                return a.first != b.first ? a.first > b.first : a.second < b.second;
            });
            std::map<int64_t, double> scoreOf;
            for (const auto& [s, id] : expect) scoreOf[id] = s;
            const auto hits = searchByText(f, enc, text, 10);
            QCOMPARE(hits.size(), size_t(10));
            for (size_t i = 0; i < hits.size(); ++i) {
                QVERIFY(std::fabs(hits[i].score - scoreOf[hits[i].id]) < 1e-5);
                // The same id at each rank, except between scores that tie to rounding.
                if (hits[i].id != expect[i].second)
                    QVERIFY2(std::fabs(expect[i].first - scoreOf[hits[i].id]) < 1e-6, text.c_str());
            }
            // The planted copy's score equals its original's exactly: the lower id ranks first.
            const auto all = searchByText(f, enc, text, int(f.n()));
            QCOMPARE(all.size(), size_t(f.n()));
            const auto o = std::find_if(all.begin(), all.end(), [&](const SearchHit& h) { return h.id == m_original; });
            QVERIFY(o != all.end() && o + 1 != all.end());
            QCOMPARE((o + 1)->id, m_copy);
            QCOMPARE((o + 1)->score, o->score);
        }
    }

    void sampleSearchFindsTheCopy() {
        HashDemoEncoder enc;
        const FeatureMatrix f = encoderFeatures(*m_project, enc, scanSamples(*m_project));
        const auto hits = searchBySample(f, m_original, 5);
        QCOMPARE(hits.size(), size_t(5));
        QCOMPARE(hits[0].id, m_copy);
        QVERIFY(hits[0].score > 0.9999f);
        QVERIFY(hits[1].score < hits[0].score);
        for (const auto& h : hits) QVERIFY(h.id != m_original);
        QVERIFY_THROWS_EXCEPTION(Error, searchBySample(f, 999999, 5));

        // The whole path from the project, with paths filled in.
        SimilarityQuery q;
        q.features = kSpec;
        q.sampleId = m_copy;
        q.k = 3;
        const SimilarityResult r = projectSimilaritySearch(*m_project, q);
        QCOMPARE(r.hits.size(), size_t(3));
        QCOMPARE(r.hits[0].id, m_original);
        QCOMPARE(r.hits[0].path, std::string("/fixture"));
        QVERIFY(r.encoder.fromCache);
    }

    void badModelsAndTextWithoutEncoder() {
        const SampleScan scan = scanSamples(*m_project);
        const std::string missing = m_tmp.filePath("no-such-model.pt").toStdString();
        const fs::path junk = m_tmp.filePath("junk-model.pt").toStdString();
        std::ofstream(junk) << "this is not a TorchScript archive";
        for (const std::string& model : {missing, junk.string()}) {
            try {
                loadFeatures(*m_project, "encoder:" + model, scan);
                QFAIL("no error");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(fs::path(model).filename().string()) != std::string::npos, e.what());
            }
        }
        SimilarityQuery q;
        q.text = "a cat";
        for (const std::string features : {"thumbnail", "run:3"}) {
            q.features = features;
            try {
                projectSimilaritySearch(*m_project, q);
                QFAIL("no error");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("text search needs a dual encoder") != std::string::npos, e.what());
            }
        }
        // Text against features another encoder (or none) made.
        const FeatureMatrix thumbs = loadFeatures(*m_project, "thumbnail", scan);
        HashDemoEncoder enc;
        QVERIFY_THROWS_EXCEPTION(Error, searchByText(thumbs, enc, "a cat", 5));
    }
};

QTEST_GUILESS_MAIN(TestCurationSearch)
#include "tst_curation_search.moc"
