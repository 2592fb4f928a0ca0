// Text and sample search over a project's samples with a CLIP-shaped TorchScript dual encoder
// (issue 14's "similarity search by text when the model is a dual encoder"). The model and the
// expectation come from PyTorch itself (retrieval_make_models.py: good.pt, and its embeddings of
// grey images 0..11 and of six captions tokenised with CLIP's own ids). The project holds those
// twelve images as 8x8 grey array records plus an exact copy of image 5; `encoder:good.pt`
// features, text search and sample search must rank and score as the dot products of PyTorch's
// unit embeddings do, through the same calls `winnow-cli search` and the GUI use.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/curation/features.h"
#include "core/curation/sample_scan.h"
#include "core/curation/similarity_search.h"
#include "core/dataset/sample_store.h"
#include "core/retrieval/open_encoder.h"
#include "core/store/project.h"
#include "retrieval_model_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestCurationTorchScriptSearch : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    winnow::test::RetrievalModels m_models;
    fs::path m_file;
    std::unique_ptr<Project> m_project;
    std::map<int64_t, int> m_image;  // sample id -> grey image k
    int64_t m_copy = 0;
    std::vector<std::vector<double>> m_grey;  // PyTorch's unit embeddings of grey images 0..11

    std::string spec() const { return "encoder:" + (m_models / "good.pt").string(); }

    // PyTorch's cosine between caption c (or grey image q) and sample id's image.
    double expectedScore(const std::vector<double>& query, int64_t id) const {
        const auto& e = m_grey[size_t(m_image.at(id))];
        double s = 0;
        for (size_t j = 0; j < e.size(); ++j) s += query[j] * e[j];
        return s;
    }

    void checkRanking(const std::vector<SearchHit>& hits, const std::vector<double>& query, int64_t excluded,
                      const char* what) {
        std::vector<std::pair<double, int64_t>> expect;
        for (const auto& [id, k] : m_image)
            if (id != excluded) expect.emplace_back(expectedScore(query, id), id);
        std::sort(expect.begin(), expect.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        QCOMPARE(hits.size(), expect.size());
        for (size_t i = 0; i < hits.size(); ++i) {
            // float32 inference against PyTorch's float64 normalisation of the same float32 rows
            QVERIFY2(std::fabs(hits[i].score - expectedScore(query, hits[i].id)) < 1e-4,
                     qPrintable(QString("%1: rank %2").arg(what).arg(i)));
            if (hits[i].id != expect[i].second)  // only scores equal to rounding may swap
                QVERIFY2(std::fabs(expect[i].first - expectedScore(query, hits[i].id)) < 1e-5,
                         qPrintable(QString("%1: rank %2 holds %3, PyTorch ranks %4 there")
                                        .arg(what).arg(i).arg(hits[i].id).arg(expect[i].second)));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        m_models = winnow::test::makeRetrievalModels(fs::path(m_tmp.path().toStdString()) / "models");
        if (!m_models.failure.isEmpty()) QFAIL(qPrintable(m_models.failure));
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        for (const auto& row : m_models.expected.at("grey_image_embeddings"))
            m_grey.push_back(row.get<std::vector<double>>());
        QCOMPARE(m_grey.size(), size_t(12));

        m_file = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        m_project = Project::create(m_file);
        SampleStore store(m_project->db());
        const int64_t cls = store.ensureClass("c0");
        std::vector<uint8_t> px;
        for (int k = 0; k < 12; ++k) {
            const Image im = winnow::test::formulaImage(k, 1);
            px.insert(px.end(), im.pixels.begin(), im.pixels.end());
        }
        fs::create_directories(m_project->cacheDir());
        std::ofstream(m_project->cacheDir() / "grey.u8", std::ios::binary)
            .write(reinterpret_cast<const char*>(px.data()), std::streamsize(px.size()));
        m_project->db().exec("INSERT INTO arrays(id, source, cache_file, count, height, width, channels) "
                             "VALUES(1, 'formula', 'grey.u8', 12, 8, 8, 1)");
        auto ins = m_project->db().prepare("INSERT INTO samples(media_kind, path, array_id, item_index, split, label, "
                                           "width, height) VALUES(1, ?, 1, ?, 0, ?, 8, 8)");
        for (int k : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 5}) {  // the last: an exact copy of image 5
            ins.bind(1, m_image.size() < 12 ? "/formula" : "/formula-copy").bind(2, int64_t(k)).bind(3, cls).run();
            m_image[m_project->db().lastInsertId()] = k;
        }
        m_copy = m_project->db().lastInsertId();
    }

    void featuresArePyTorchsEmbeddings() {
        const SampleScan scan = scanSamples(*m_project);
        const FeatureMatrix f = loadFeatures(*m_project, spec(), scan);
        QCOMPARE(f.n(), int64_t(13));
        QCOMPARE(f.dim, 16);
        for (int64_t r = 0; r < f.n(); ++r) {
            const auto& e = m_grey[size_t(m_image.at(f.ids[size_t(r)]))];
            for (int j = 0; j < f.dim; ++j)
                QVERIFY2(std::fabs(f.data()[size_t(r * f.dim + j)] - e[size_t(j)]) < 1e-5,
                         qPrintable(QString("sample %1 dim %2").arg(f.ids[size_t(r)]).arg(j)));
        }
    }

    void textSearchRanksAsPyTorch() {
        const SampleScan scan = scanSamples(*m_project);
        const FeatureMatrix f = loadFeatures(*m_project, spec(), scan);
        auto enc = openDualEncoder((m_models / "good.pt").string(), {}, "cpu");
        const auto captions = m_models.expected.at("captions").get<std::vector<std::string>>();
        const auto textEmb = m_models.expected.at("caption_embeddings");
        QCOMPARE(captions.size(), size_t(6));  // the last is longer than the model's context
        for (size_t c = 0; c < captions.size(); ++c)
            checkRanking(searchByText(f, *enc, captions[c], int(f.n())), textEmb[c].get<std::vector<double>>(), -1,
                         captions[c].c_str());
        // The same through the call `winnow-cli search --text` makes (scan, cached features, search).
        SimilarityQuery q;
        q.features = spec();
        q.text = captions[0];
        q.k = 13;
        const SimilarityResult r = projectSimilaritySearch(*m_project, q);
        QCOMPARE(r.rows, int64_t(13));
        QVERIFY(r.encoder.fromCache);
        checkRanking(r.hits, textEmb[0].get<std::vector<double>>(), -1, "projectSimilaritySearch");
        QVERIFY(r.hits.front().path.rfind("/formula", 0) == 0);
    }

    void sampleSearchPutsTheCopyFirst() {
        SimilarityQuery q;
        q.features = spec();
        q.sampleId = m_copy;
        q.k = 12;
        const SimilarityResult r = projectSimilaritySearch(*m_project, q);
        const int64_t original = std::find_if(m_image.begin(), m_image.end(), [](const auto& e) { return e.second == 5; })->first;
        QVERIFY(original != m_copy);
        QCOMPARE(r.hits.front().id, original);  // image 5's other sample
        QVERIFY(r.hits.front().score > 0.9999f);
        checkRanking(r.hits, m_grey[5], m_copy, "by sample");
    }
};

QTEST_APPLESS_MAIN(TestCurationTorchScriptSearch)
#include "tst_curation_torchscript_search.moc"
