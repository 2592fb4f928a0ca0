// The failure browser's top-k (retrieval_topk.h): the generic top-k against a brute-force
// ranking written here, and the top-k of known queries of the hand-built set
// (retrieval_fixture.h), whose scores are worked out by hand from the fixture's vectors:
// image B (e2) against its captions: "a red plane sings" (adversarial, e2) 1.0, "a red bird
// sings" (its ground truth, hB) 0.5, then every caption mapped to e5 or e1 at 0.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "core/retrieval/attack_details.h"
#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_import.h"
#include "core/retrieval/retrieval_request.h"
#include "core/retrieval/retrieval_store.h"
#include "core/retrieval/retrieval_topk.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "retrieval_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using namespace winnow::test;

namespace {

Image pixel(int v) { return Image{1, 1, 1, {uint8_t(v)}}; }

const RetrievalResultRow* findRow(const std::vector<RetrievalResultRow>& rows, const std::string& dir,
                                  const std::string& attack, std::optional<int64_t> seed = std::nullopt) {
    for (const auto& r : rows)
        if (r.direction == dir && r.attack == attack && r.seed == seed) return &r;
    return nullptr;
}

QueryOutcome outcomeOf(Project& p, const RetrievalResultRow& row, int32_t image, int32_t caption) {
    for (const QueryOutcome& o : loadResultOutcomes(p, row))
        if (o.queryImage == image && o.queryCaption == caption) return o;
    throw std::runtime_error("no such query");
}

}  // namespace

class TestRetrievalTopK : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

    struct Setup {
        std::unique_ptr<Project> project;
        FakeEncoder encoder;
        CaptionSet set;
        int64_t setId = 0;
        RetrievalEvalResult result;
    };

    // Evaluates the hand-built set (its own caption attack, Mix seed 1 where B' beats B's
    // caption) through the project's embedding cache, or without it.
    void evaluate(Setup& s, const std::string& name, bool cached) {
        const fs::path d = dir() / name;
        fs::create_directories(d);
        writeHandBuiltSet(d, s.encoder);
        s.project = Project::create(d / "p.winnow");
        CaptionImportOptions o;
        o.imageFolder = d / "images";
        o.attacks = AttackLayout::Rococo;
        s.setId = importCaptionSet(*s.project, d / "handbuilt.json", o).setId;
        s.set = loadStoredCaptionSet(s.project->db(), s.setId);
        s.encoder.images[11] = {0.5f, 0.5f, 0.5f, 0, -0.5f};
        s.encoder.images[21] = {0.5f, 0.5f, -0.5f, 0, -0.5f};  // B': hB . B' = 0.75
        s.encoder.images[31] = {0.5f, -0.5f, 0.5f, 0, -0.5f};
        s.encoder.images[41] = {0.5f, 0.5f, 0, -0.5f, -0.5f};
        RetrievalEvalInput in;
        in.setId = s.setId;
        in.set = &s.set;
        in.setAttackName = "handbuilt";
        in.imageAttacks.push_back({"mix", "mix", 0.9, 1, [](size_t i) { return pixel(int(i) * 10 + 11); },
                                   [](size_t i) { return int32_t((i + 1) % 4); }});
        RetrievalEvalOptions options;
        if (cached) {
            EmbeddingCache cache(s.project->cacheDir() / "retrieval" / "embeddings", s.encoder);
            useEmbeddingCache(options, cache);
            s.result = runRetrievalEvaluation(*s.project, s.encoder, in, options);
            cache.flush();
        } else {
            s.result = runRetrievalEvaluation(*s.project, s.encoder, in, options);
        }
    }

private Q_SLOTS:
    void topKMatchesBruteForce() {
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> level(-3, 3);  // few levels: many real ties
        const int64_t rows = 300, dim = 4;
        std::vector<float> gallery(static_cast<size_t>(rows * dim)), query(static_cast<size_t>(dim));
        for (float& v : gallery) v = float(level(rng)) * 0.25f;
        for (float& v : query) v = float(level(rng)) * 0.25f;
        gallery[5 * dim] = std::nanf("");  // a NaN row ranks last
        std::vector<int> ties(static_cast<size_t>(rows));
        for (int& t : ties) t = level(rng) & 3;
        for (size_t k : {size_t(1), size_t(10), size_t(37), size_t(300), size_t(500)}) {
            // Brute force: every score in double, the whole list stably sorted.
            std::vector<std::pair<double, int64_t>> all;
            for (int64_t r = 0; r < rows; ++r) {
                double s = 0;
                for (int64_t d = 0; d < dim; ++d) s += double(query[size_t(d)]) * gallery[size_t(r * dim + d)];
                all.push_back({s, r});
            }
            std::stable_sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
                if (std::isnan(a.first) != std::isnan(b.first)) return std::isnan(b.first);
                if (a.first != b.first) return a.first > b.first;
                return ties[size_t(a.second)] < ties[size_t(b.second)];
            });
            const auto top = topKScores(query.data(), gallery.data(), rows, dim, k, ties);
            QCOMPARE(top.size(), std::min(k, size_t(rows)));
            for (size_t i = 0; i < top.size(); ++i) {
                QCOMPARE(top[i].index, all[i].second);
                if (!std::isnan(all[i].first)) QCOMPARE(double(top[i].score), all[i].first);
            }
            if (k >= size_t(rows)) QCOMPARE(top.back().index, int64_t(5));
        }
        QVERIFY(topKOfScores({}, 10).empty());
    }

    void imageToTextTopKOfAKnownQuery() {
        Setup s;
        evaluate(s, "cached", true);
        RetrievalTopKSource src(*s.project, s.result.runId);
        const RetrievalResultRow* attacked = findRow(s.result.results, "i2t", "handbuilt");
        QVERIFY(attacked);
        const QueryOutcome b = outcomeOf(*s.project, *attacked, 1, -1);
        const QueryTopK top = src.topK(attacked->id, b, 3);
        QVERIFY2(top.available, top.unavailable.c_str());
        QCOMPARE(top.scored, int64_t(21 + 20));  // 5+6+5+5 ground truths, 4 x 5 adversarial captions
        QCOMPARE(top.missing, int64_t(0));
        QCOMPARE(top.items.size(), size_t(3));
        QCOMPARE(top.items[0].text, std::string("A red plane sings."));
        QCOMPARE(top.items[0].score, 1.0f);
        QVERIFY(top.items[0].attack && !top.items[0].truth);
        QCOMPARE(top.items[0].original, std::string("A red bird sings."));
        QCOMPARE(top.items[0].swaps.size(), size_t(1));
        QCOMPARE(top.items[0].swaps[0].sourceCore, std::string("bird"));
        QCOMPARE(top.items[0].swaps[0].targetCore, std::string("plane"));
        QCOMPARE(top.items[1].text, std::string("A red bird sings."));
        QCOMPARE(top.items[1].score, 0.5f);
        QVERIFY(top.items[1].truth && !top.items[1].attack);
        // Many items score 0: an attack item ranks first among them (ties against the truth),
        // the first in gallery order: A's adversarial "A cat runs on grass." (caption 5 of A).
        QCOMPARE(top.items[2].score, 0.0f);
        QVERIFY(top.items[2].attack);
        QCOMPARE(top.items[2].item, (ItemRef{'a', 0, 5}));

        // The clean result: no attack items; of the items at 0, a caption of another image
        // (A's "A dog runs on grass.") before any of B's own ground truths at 0.
        const RetrievalResultRow* clean = findRow(s.result.results, "i2t", "clean");
        const QueryTopK ct = src.topK(clean->id, outcomeOf(*s.project, *clean, 1, -1), 4);
        QCOMPARE(ct.scored, int64_t(21));
        QCOMPARE(ct.items[0].text, std::string("A red bird sings."));
        QCOMPARE(ct.items[1].item, (ItemRef{'g', 0, 0}));
        QCOMPARE(ct.items[1].score, 0.0f);
        QVERIFY(!ct.items[1].truth);
        for (const auto& it : ct.items) QVERIFY(!it.attack);
    }

    void textToImageTopKMergesTheStoredAlteredCopy() {
        Setup s;
        evaluate(s, "cached_t2i", true);
        RetrievalTopKSource src(*s.project, s.result.runId);
        const RetrievalResultRow* mix = findRow(s.result.results, "t2i", "mix", 1);
        QVERIFY(mix);
        // "A red bird sings." is caption 2 of B: B' (0.75) > A (0.5) = B (0.5, its truth, after A) > D (0) > C.
        const QueryTopK top = src.topK(mix->id, outcomeOf(*s.project, *mix, 1, 2), 10);
        QVERIFY2(top.available, top.unavailable.c_str());
        QCOMPARE(top.items.size(), size_t(5));
        QVERIFY(top.items[0].attack && top.items[0].fromOutcome);
        QCOMPARE(top.items[0].score, 0.75f);
        QVERIFY(QString::fromStdString(top.items[0].text).endsWith("b.png"));
        QVERIFY(QString::fromStdString(top.items[0].partner).endsWith("c.png"));
        QCOMPARE(top.items[0].lambda.value_or(0), 0.9);
        QVERIFY(QString::fromStdString(top.items[1].text).endsWith("a.png"));
        QVERIFY(!top.items[1].truth);
        QVERIFY(QString::fromStdString(top.items[2].text).endsWith("b.png"));
        QVERIFY(top.items[2].truth);
        QCOMPARE(top.items[3].score, 0.0f);
        QCOMPARE(top.items[4].score, -0.5f);
        QVERIFY(!top.note.empty());
    }

    void withoutTheCacheItSaysSoAndNeverEncodes() {
        Setup s;
        evaluate(s, "uncached", false);
        RetrievalTopKSource src(*s.project, s.result.runId);
        const RetrievalResultRow* attacked = findRow(s.result.results, "i2t", "handbuilt");
        const QueryTopK top = src.topK(attacked->id, outcomeOf(*s.project, *attacked, 1, -1), 10);
        QVERIFY(!top.available);
        QVERIFY2(top.unavailable.find("not in the embedding cache") != std::string::npos, top.unavailable.c_str());
        QVERIFY(top.items.empty());
    }

    void influenceFromTheDetailsFileOrNotAvailable() {
        Setup s;
        evaluate(s, "ei", true);
        RetrievalTopKSource src(*s.project, s.result.runId);
        std::string why;
        // A ready-made RoCOCO file: no details beside it.
        QVERIFY(!src.influence(s.setId, "b.png", 2, &why));
        QVERIFY2(why.find("not computed") != std::string::npos, why.c_str());

        Setup t;
        evaluate(t, "ei2", true);
        const fs::path details = dir() / "ei2" / "handbuilt.attack.json";
        nlohmann::json record = {{"image", "b.png"},
                                  {"caption", 2},
                                  {"normalised", "a red bird sings"},
                                  {"words", {"a", "red", "bird", "sings"}},
                                  {"ei", {{0.9, 0.9, 0.9, 0.9}, {0.25, 0.5, 0.125, 0.75}}},
                                  {"source_index", 2}};
        nlohmann::json file = {{"format", "winnow-caption-attack"},
                               {"version", 1},
                               {"encoders", {"sha256:other", t.encoder.identity()}},
                               {"captions", nlohmann::json::array({record})}};
        std::ofstream(details) << file.dump();
        RetrievalTopKSource src2(*t.project, t.result.runId);
        const auto ci = src2.influence(t.setId, "b.png", 2, &why);
        QVERIFY2(ci, why.c_str());
        QCOMPARE(ci->words.size(), size_t(4));
        QCOMPARE(ci->chosen, 2);
        // The run's encoder's row, not the first encoder's.
        QCOMPARE(ci->ei, (std::vector<float>{0.25f, 0.5f, 0.125f, 0.75f}));
        QVERIFY(!src2.influence(t.setId, "c.png", 0, &why));

        // A damaged details file: the message names it.
        record["words"] = {"a", "b"};
        record["ei"] = {{0.1}};
        file["captions"] = nlohmann::json::array({record});
        std::ofstream(details, std::ios::trunc) << file.dump();
        RetrievalTopKSource src3(*t.project, t.result.runId);
        QVERIFY(!src3.influence(t.setId, "b.png", 2, &why));
        QVERIFY2(why.find("handbuilt.attack.json") != std::string::npos, why.c_str());
    }
};

QTEST_MAIN(TestRetrievalTopK)
#include "tst_retrieval_topk.moc"
