// The detector registry (core/influence/detector_registry.h): every built-in detector listed
// once under the id projects store; scoring through the registry gives exactly the scores and
// flags of the detector functions on a fixed fixture; and a detector registered by a test
// alone (no other file touched) is scored, stored, evaluated by the self-test, picked by the
// review-queue default and refused again once unregistered, while its stored scoring still reads.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/influence/combined_scoring.h"
#include "core/influence/detector_choice.h"
#include "core/influence/detector_compute.h"
#include "core/influence/detector_registry.h"
#include "core/influence/detectors.h"
#include "core/influence/influential_rank_scorer.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

constexpr int K = 3, L = 4, nTrain = 90, nTest = 9;

// The rows a scoring covers, gathered the way an independent reader would: train split,
// labelled, in sample id order, with the trusted ones apart.
struct Rows {
    std::vector<int64_t> ids;
    std::vector<int32_t> labels, trustedLabels;
    std::vector<float> logits, features, trustedLogits, trustedFeatures;
    std::vector<uint8_t> trusted;
    int64_t n() const { return int64_t(ids.size()); }
};

// A margin detector as a test would add one: score = p_y - max other (low = suspicious), flags
// the samples whose margin is negative.
DetectorOutput marginCompute(DetectorInput& in) {
    DetectorOutput out;
    const int k = in.work.classes;
    out.result.score.resize(size_t(in.work.n));
    out.result.flag.assign(size_t(in.work.n), 0);
    for (int64_t i = 0; i < in.work.n; ++i) {
        const float* p = &in.probs[size_t(i * k)];
        float other = 0;
        for (int c = 0; c < k; ++c)
            if (c != in.work.labels[i]) other = std::max(other, p[c]);
        out.result.score[size_t(i)] = p[in.work.labels[i]] - other;
        out.result.flag[size_t(i)] = out.result.score[size_t(i)] < 0;
    }
    out.params["margin"] = "p_y - max other";
    return out;
}

DetectorInfo marginDetector() {
    DetectorInfo d;
    d.id = "test-margin";
    d.displayName = "Test margin";
    d.description = "a detector registered by a test";
    d.needs = kNeedsProbabilities;
    d.higherIsMoreSuspicious = false;
    d.reviewRankLearning = 5;  // before the combined ranking (10)
    d.compute = marginCompute;
    return d;
}

}  // namespace

class TestDetectorRegistry : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    int64_t m_run = 0;

    // Deterministic numbers in [-1, 1) without a library generator.
    static float noise(uint64_t& s) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return float(double(s >> 11) / double(1ull << 53) * 2.0 - 1.0);
    }

    Rows gatherRows() {
        auto p = Project::openReadOnly(m_file);
        auto out = RunOutputs::open(runOutputsPath(*p, m_run));
        Rows r;
        auto st = p->db().prepare(
            "SELECT s.id, c.idx, s.trusted, s.split FROM samples s JOIN classes c ON c.id=s.label ORDER BY s.id");
        while (st.step()) {
            const int64_t row = out->rowOf(st.int64(0));
            const float* z = out->logits() + row * K;
            const float* h = out->features() + row * L;
            if (st.int64(2)) {
                r.trustedLabels.push_back(st.int32(1));
                r.trustedLogits.insert(r.trustedLogits.end(), z, z + K);
                r.trustedFeatures.insert(r.trustedFeatures.end(), h, h + L);
            }
            if (st.int64(3) != 0) continue;
            r.ids.push_back(st.int64(0));
            r.labels.push_back(st.int32(1));
            r.trusted.push_back(uint8_t(st.int64(2) != 0));
            r.logits.insert(r.logits.end(), z, z + K);
            r.features.insert(r.features.end(), h, h + L);
        }
        return r;
    }

    // What scoreProject stores: the detector's flags with trusted samples never flagged.
    static std::vector<uint8_t> untrustedFlags(std::vector<uint8_t> flag, const Rows& r) {
        for (size_t i = 0; i < flag.size(); ++i)
            if (r.trusted[i]) flag[i] = 0;
        return flag;
    }

    ScoringOutcome scoredOutcome(const std::string& detector, double rate = -1) {
        ScoreRequest req;
        req.detector = detector;
        req.selfConfidenceRate = rate;
        auto p = Project::open(m_file);
        return scoreProject(*p, req);
    }
    ScoreFile scored(const std::string& detector, double rate = -1) {
        return ScoreFile::read(scoredOutcome(detector, rate).resultDir);
    }

private Q_SLOTS:
    void initTestCase() {
        m_file = fs::path(m_tmp.path().toStdString()) / "registry.winnow";
        auto p = Project::create(m_file);
        for (int k = 0; k < K; ++k)
            p->db().exec("INSERT INTO classes(idx, name) VALUES(" + std::to_string(k) + ", 'c" + std::to_string(k) + "')");
        auto ins = p->db().prepare(
            "INSERT INTO samples(media_kind, path, split, label) VALUES(0, ?, ?, (SELECT id FROM classes WHERE idx=?))");
        for (int i = 0; i < nTrain + nTest; ++i)
            ins.bind(1, "/img/" + std::to_string(i) + ".png").bind(2, i < nTrain ? 0 : 2).bind(3, i % K).run();
        NoiseSpec spec;
        spec.rate = 0.2;
        spec.seed = 7;
        injectProjectNoise(*p, spec, 4);
        // Outputs of a model that learned the true classes: features around the true class's
        // corner, logits a fixed linear head of them.
        std::vector<int64_t> ids;
        std::vector<float> logits, features, loss;
        uint64_t s = 42;
        auto st = p->db().prepare(
            "SELECT s.id, coalesce(o.idx, c.idx) FROM samples s JOIN classes c ON c.id=s.label "
            "LEFT JOIN classes o ON o.id=s.original_label ORDER BY s.id");
        while (st.step()) {
            ids.push_back(st.int64(0));
            const int truth = st.int32(1);
            float h[L];
            for (int j = 0; j < L; ++j) h[j] = std::max(0.0f, (j == truth ? 2.0f : 0.2f) + 0.8f * noise(s));
            for (int k = 0; k < K; ++k) logits.push_back(2.0f * h[k] - 0.5f * h[L - 1] + 0.3f * noise(s));
            features.insert(features.end(), h, h + L);
            loss.push_back(0.0f);
        }
        p->db().exec("INSERT INTO runs(created_at, state, kind, config_json, outputs_dir) VALUES('t','done','train','{}','runs/1')");
        m_run = p->db().lastInsertId();
        RunOutputsWriter w(p->cacheDir() / "runs/1", {int64_t(ids.size()), K, L, "test"});
        w.append(ids.data(), logits.data(), features.data(), loss.data(), int64_t(ids.size()));
        w.finish();
    }

    void everyBuiltInListedOnceUnderItsStoredId() {
        // The ids stored in existing projects and score files, in menu order.
        const std::vector<std::string> stored{"combined",   "influential-rank", "confident-learning", "small-loss",
                                              "self-confidence", "aum", "early-loss", "cl-early"};
        QCOMPARE(detectorIds(), stored);
        const auto all = detectors();
        std::set<std::string> unique;
        for (const DetectorInfo& d : all) {
            QVERIFY2(unique.insert(d.id).second, d.id.c_str());
            QVERIFY2(!d.displayName.empty() && !d.description.empty(), d.id.c_str());
            QVERIFY2((d.compute != nullptr) != (d.scoreStored != nullptr), d.id.c_str());
            QVERIFY(findDetector(d.id).has_value());
            QCOMPARE(findDetector(d.id)->displayName, d.displayName);
        }
        QVERIFY(!findDetector("loss").has_value());
        QVERIFY(!findDetector("").has_value());
        QCOMPARE(detectorsReading("rate"), std::vector<std::string>{"self-confidence"});
        QCOMPARE(detectorsReading("of"), std::vector<std::string>{"combined"});
        QCOMPARE(detectorsReading("gamma"), std::vector<std::string>{"influential-rank"});
        QCOMPARE(detectorIdList({"a", "b", "c"}), std::string("a, b or c"));
        // Only Influential Rank needs one model's features (refused on cross-validation runs);
        // only confident learning prefers cross-validation runs.
        for (const DetectorInfo& d : all) {
            QCOMPARE(bool(d.needs & kNeedsFeatures), d.id == "influential-rank");
            QCOMPARE(d.acceptsCrossValRun, d.id == "confident-learning");
            QVERIFY(d.higherIsMoreSuspicious);
        }
        // Re-scoring reads Influential Rank's stored settings back; the others store none.
        ScoreRequest again;
        findDetector("influential-rank")->restoreSettings(
            nlohmann::json{{"gamma", 3}, {"damping", 0.5}, {"hessian_max_samples", 77}, {"solver", "exact"}}, again);
        QCOMPARE(again.influentialRank.gamma, 3);
        QCOMPARE(again.influentialRank.influence.damping, 0.5);
        QCOMPARE(again.influentialRank.influence.hessianMaxSamples, int64_t(77));
        for (const DetectorInfo& d : all) QCOMPARE(d.restoreSettings != nullptr, d.id == "influential-rank");
        // The review-queue orders of detector_choice.h.
        auto order = [&](bool memorised) {
            std::vector<std::pair<int, std::string>> o;
            for (const DetectorInfo& d : all) {
                const int r = memorised ? d.reviewRankMemorised : d.reviewRankLearning;
                if (r > 0) o.emplace_back(r, d.id);
            }
            std::stable_sort(o.begin(), o.end(), [](auto& a, auto& b) { return a.first < b.first; });
            std::vector<std::string> ids;
            for (auto& [r, id] : o) ids.push_back(id);
            return ids;
        };
        QCOMPARE(order(true), (std::vector<std::string>{"early-loss", "influential-rank", "combined", "confident-learning", "small-loss"}));
        QCOMPARE(order(false), (std::vector<std::string>{"early-loss", "combined", "confident-learning", "influential-rank", "small-loss"}));
        std::vector<std::pair<int, std::string>> flipMem, flipLearning;
        for (const DetectorInfo& d : all) {
            if (d.reviewRankPairFlipMemorised > 0) flipMem.emplace_back(d.reviewRankPairFlipMemorised, d.id);
            if (d.reviewRankPairFlipLearning > 0) flipLearning.emplace_back(d.reviewRankPairFlipLearning, d.id);
        }
        std::sort(flipLearning.begin(), flipLearning.end());
        QCOMPARE(flipMem, (std::vector<std::pair<int, std::string>>{{1, "cl-early"}}));
        QCOMPARE(flipLearning, (std::vector<std::pair<int, std::string>>{{1, "confident-learning"}, {2, "cl-early"}}));
    }

    void registryScoresEqualTheDetectorFunctions() {
        const Rows r = gatherRows();
        QCOMPARE(r.n(), int64_t(nTrain));
        QVERIFY(std::count(r.trusted.begin(), r.trusted.end(), 1) == 4 * K);
        const auto probs = softmaxRows(r.logits.data(), r.n(), K);

        const ScoreFile sl = scored("small-loss");
        const DetectorResult wantSl = detectSmallLoss(probs.data(), r.labels.data(), r.n(), K);
        QCOMPARE(sl.sampleIds, r.ids);
        QCOMPARE(sl.score, wantSl.score);
        QCOMPARE(sl.flag, untrustedFlags(wantSl.flag, r));

        const ScoreFile cl = scored("confident-learning");
        const DetectorResult wantCl = detectConfidentLearning(probs.data(), r.labels.data(), r.n(), K);
        QCOMPARE(cl.score, wantCl.score);
        QCOMPARE(cl.flag, untrustedFlags(wantCl.flag, r));

        // Self-confidence: 1 - p_y, with the given rate or confident learning's estimate.
        const ScoreFile sc = scored("self-confidence", 0.25);
        for (int64_t i = 0; i < r.n(); ++i)
            QCOMPARE(sc.score[size_t(i)], 1.0f - probs[size_t(i * K + r.labels[size_t(i)])]);
        QCOMPARE(sc.flag, untrustedFlags(detectSelfConfidence(probs.data(), r.labels.data(), r.n(), K, 0.25).flag, r));
        QCOMPARE(jsonDouble(jsonField(jsonField(sc.meta, "params"), "rate")), 0.25);
        const ScoreFile scEst = scored("self-confidence");
        QCOMPARE(jsonDouble(jsonField(jsonField(scEst.meta, "params"), "rate")), wantCl.noiseRateEstimate);
        QCOMPARE(scEst.flag,
                 untrustedFlags(detectSelfConfidence(probs.data(), r.labels.data(), r.n(), K, wantCl.noiseRateEstimate).flag, r));

        const ScoreFile ir = scored("influential-rank");
        const LastLayerData work{r.n(), K, L, r.features.data(), r.logits.data(), r.labels.data()};
        const LastLayerData trusted{int64_t(r.trustedLabels.size()), K, L, r.trustedFeatures.data(),
                                    r.trustedLogits.data(), r.trustedLabels.data()};
        const InfluentialRankResult wantIr = scoreInfluentialRank(work, trusted, InfluentialRankOptions{});
        QCOMPARE(ir.score, wantIr.score);
        QCOMPARE(ir.flag, untrustedFlags(wantIr.flag, r));
        QCOMPARE(ir.osm, wantIr.osm);
        QCOMPARE(ir.consensus, wantIr.consensus);
        QCOMPARE(jsonInt(jsonField(ir.meta, "gamma")), int64_t(wantIr.gamma));
        QCOMPARE(jsonField(ir.meta, "gmm").size(), size_t(K));

        // The combined ranking through the registry: the mean rank percentile of the run's
        // latest Influential Rank and confident-learning scorings.
        const ScoreFile comb = scored("combined");
        const auto pIr = rankPercentiles(ir.score), pCl = rankPercentiles(cl.score);
        QCOMPARE(comb.n(), r.n());
        for (int64_t i = 0; i < r.n(); ++i)
            QVERIFY(std::abs(comb.score[size_t(i)] - float(pIr[size_t(i)] / 2 + pCl[size_t(i)] / 2)) < 1e-6f);
        QCOMPARE(comb.detector(), std::string("combined"));

        // An id nobody registered: refused, naming the registered ones.
        ScoreRequest bad;
        bad.detector = "loss";
        try {
            auto p = Project::open(m_file);
            scoreProject(*p, bad);
            QFAIL("unknown detector accepted");
        } catch (const Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("'loss'") != std::string::npos && what.find("small-loss") != std::string::npos &&
                         what.find("self-confidence") != std::string::npos,
                     e.what());
        }
    }

    void aTestRegisteredDetectorJoinsScoringSelfTestAndDefault() {
        QVERIFY(!findDetector("test-margin").has_value());
        int64_t scoringId = 0;
        {
            const ScopedDetectorRegistration reg(marginDetector());
            QCOMPARE(detectorIds().back(), std::string("test-margin"));
            // Registering an id twice, or without a compute function, is refused.
            QVERIFY_THROWS_EXCEPTION(Error, ScopedDetectorRegistration{marginDetector()});
            DetectorInfo none = marginDetector();
            none.id = "test-none";
            none.compute = nullptr;
            QVERIFY_THROWS_EXCEPTION(Error, ScopedDetectorRegistration{none});
            QVERIFY(!findDetector("test-none").has_value());

            {
                auto p = Project::openReadOnly(m_file);
                const auto notScored = jsonField(evaluateProject(*p), "not_scored");
                QVERIFY2(std::find(notScored.begin(), notScored.end(), "test-margin") != notScored.end(),
                         dumpJson(notScored).c_str());
            }
            const ScoringOutcome out = scoredOutcome("test-margin");
            scoringId = out.scoringId;
            const ScoreFile f = ScoreFile::read(out.resultDir);
            QCOMPARE(f.detector(), std::string("test-margin"));
            // Stored higher = more suspicious: the margin negated.
            const Rows r = gatherRows();
            const auto probs = softmaxRows(r.logits.data(), r.n(), K);
            for (int64_t i = 0; i < r.n(); ++i) {
                float other = 0;
                for (int c = 0; c < K; ++c)
                    if (c != r.labels[size_t(i)]) other = std::max(other, probs[size_t(i * K + c)]);
                QCOMPARE(f.score[size_t(i)], -(probs[size_t(i * K + r.labels[size_t(i)])] - other));
                QCOMPARE(f.flag[size_t(i)], uint8_t(!r.trusted[size_t(i)] && f.score[size_t(i)] > 0));
            }
            QCOMPARE(jsonString(jsonField(jsonField(f.meta, "params"), "margin")), std::string("p_y - max other"));

            auto p = Project::open(m_file);
            const nlohmann::json eval = evaluateProject(*p);
            // Every detector but the three that read training dynamics, which this hand-written
            // run has none of, is scored now (test-margin included).
            QCOMPARE(jsonField(eval, "not_scored"), (nlohmann::json::array({"aum", "early-loss", "cl-early"})));
            bool evaluated = false;
            for (const auto& d : jsonArray(jsonField(eval, "detectors")))
                evaluated = evaluated || (jsonString(jsonField(d, "detector")) == "test-margin" &&
                                          jsonInt(jsonField(d, "scoring_id")) == scoringId);
            QVERIFY(evaluated);
            // Without the self-test's truth the regime order decides: its rank 5 comes first.
            p->db().exec("DELETE FROM noise_injections");
            QCOMPARE(recommendedScoring(*p).detector, std::string("test-margin"));
            QCOMPARE(recommendedScoring(*p).scoringId, scoringId);
        }
        // Unregistered: gone from the list, refused for new scorings, its stored scoring still reads.
        QVERIFY(!findDetector("test-margin").has_value());
        QCOMPARE(detectorIds().size(), size_t(8));  // the built-ins
        auto p = Project::open(m_file);
        QCOMPARE(recommendedScoring(*p).detector, std::string("combined"));
        ScoreRequest req;
        req.detector = "test-margin";
        QVERIFY_THROWS_EXCEPTION(Error, scoreProject(*p, req));
        QCOMPARE(p->db().queryText("SELECT detector FROM scorings WHERE id=" + std::to_string(scoringId)),
                 std::string("test-margin"));
        const ScoreFile kept = ScoreFile::read(p->cacheDir() / ("scorings/" + std::to_string(scoringId)));
        QCOMPARE(kept.n(), int64_t(nTrain));
    }
};

QTEST_GUILESS_MAIN(TestDetectorRegistry)
#include "tst_detector_registry.moc"
