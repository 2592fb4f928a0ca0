// Project-level glue: noise injection into the project file, scoring a run's outputs with
// every detector, the score file, evaluation against the injected truth, exports, and the
// errors a user meets (missing run, class without trusted samples, no injected noise).
#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/influence/exports.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestInfluenceProject : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    static constexpr int K = 4, L = 8, nTrain = 400, nTest = 40;

    fs::path path(const char* name) { return fs::path(m_tmp.path().toStdString()) / name; }

    // Classes, train + test samples (fake image paths; nothing is decoded here).
    std::unique_ptr<Project> makeProject(const char* name) {
        auto p = Project::create(path(name));
        for (int k = 0; k < K; ++k)
            p->db().exec("INSERT INTO classes(idx, name) VALUES(" + std::to_string(k) + ", 'c" + std::to_string(k) + "')");
        auto ins = p->db().prepare("INSERT INTO samples(media_kind, path, split, label) VALUES(0, ?, ?, (SELECT id FROM classes WHERE idx=?))");
        for (int i = 0; i < nTrain + nTest; ++i)
            ins.bind(1, "/img/" + std::to_string(i) + ".png").bind(2, i < nTrain ? 0 : 2).bind(3, i % K).run();
        return p;
    }

    // A finished run whose outputs come from a linear head fitted to the current labels.
    int64_t addRun(Project& p) {
        auto& db = p.db();
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        int64_t run = db.lastInsertId();
        std::string rel = "runs/" + std::to_string(run);
        db.exec("UPDATE runs SET outputs_dir='" + rel + "' WHERE id=" + std::to_string(run));
        std::vector<int64_t> ids;
        std::vector<int32_t> y, truth;
        auto st = db.prepare("SELECT s.id, c.idx, coalesce(o.idx, c.idx) FROM samples s JOIN classes c ON c.id=s.label LEFT JOIN classes o ON o.id=s.original_label ORDER BY s.id");
        while (st.step()) {
            ids.push_back(st.int64(0));
            y.push_back(st.int32(1));
            truth.push_back(st.int32(2));
        }
        const int64_t n = int64_t(ids.size());
        torch::manual_seed(3);
        auto means = torch::randn({K, L}) * 2;
        auto t = torch::from_blob(truth.data(), {n}, torch::kInt32).to(torch::kLong);
        auto feat = torch::relu(means.index_select(0, t) + torch::randn({n, L}));
        auto lab = torch::from_blob(y.data(), {n}, torch::kInt32).to(torch::kLong);
        // Fit the head to the (noisy) labels with plain gradient descent.
        auto w = torch::zeros({L + 1, K}, torch::requires_grad());
        auto h = torch::cat({feat, torch::ones({n, 1})}, 1);
        torch::optim::SGD opt({w}, 0.5);
        for (int it = 0; it < 300; ++it) {
            opt.zero_grad();
            auto loss = torch::nn::functional::cross_entropy(h.mm(w), lab);
            loss.backward();
            opt.step();
        }
        auto z = h.mm(w).detach().contiguous();
        auto f = feat.contiguous();
        std::vector<float> loss(size_t(n), 0.0f);
        RunOutputsWriter wr(p.cacheDir() / rel, {n, K, L, "test"});
        wr.append(ids.data(), z.data_ptr<float>(), f.data_ptr<float>(), loss.data(), n);
        wr.finish();
        return run;
    }

private Q_SLOTS:
    void scoreEvalExportRoundTrip() {
        auto p = makeProject("a.winnow");
        NoiseSpec spec;
        spec.rate = 0.2;
        spec.seed = 4;
        nlohmann::json inj = injectProjectNoise(*p, spec, 10);
        const int64_t flipped = jsonInt(jsonField(inj, "flipped"));
        QVERIFY(flipped > 40 && flipped < 120);
        // Truth kept, labels changed, a label version with one 'noise' row per flip.
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=0 AND label<>original_label"), flipped);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM label_changes WHERE action='noise'"), flipped);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE trusted=1 AND label=original_label"), 40);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=2 AND original_label IS NOT NULL"), 0);

        int64_t run = addRun(*p);
        for (const char* det : {"influential-rank", "small-loss", "confident-learning", "self-confidence"}) {
            ScoreRequest req;
            req.detector = det;
            auto out = scoreProject(*p, req);
            QCOMPARE(out.runId, run);
            ScoreFile f = ScoreFile::read(out.resultDir);
            QCOMPARE(f.n(), int64_t(nTrain));  // the train split only
            QCOMPARE(QString::fromStdString(f.detector()), QString(det));
            QCOMPARE(int64_t(out.flaggedIds.size()), jsonInt(jsonField(out.summary, "flagged")));
            if (std::string(det) == "influential-rank") {
                QCOMPARE(int(f.osd.size()), nTrain * K);
                QVERIFY(f.gmm(0).valid);
                QVERIFY(!jsonBool(jsonField(f.meta, "osm_only")));
            } else {
                QVERIFY(f.osm.empty());
            }
            // Trusted samples are never flagged.
            for (int64_t i = 0; i < f.n(); ++i)
                if (f.flag[size_t(i)])
                    QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=" + std::to_string(f.sampleIds[size_t(i)])), 0);
        }
        nlohmann::json e = evaluateProject(*p);
        QCOMPARE(int(jsonField(e, "detectors").size()), 4);
        for (const auto& d : jsonArray(jsonField(e, "detectors"))) {
            QCOMPARE(jsonInt(jsonField(d, "noisy")), flipped);
            QVERIFY(jsonDouble(jsonField(d, "auroc")) > 0.6);  // the planted flips are findable
        }
        // An accepted round that removed 10 flipped and 5 clean samples: eval reports the
        // removal as a flagged set over the round's scored samples.
        {
            auto& db = p->db();
            const int64_t irScoring = db.queryInt64("SELECT id FROM scorings WHERE detector='influential-rank'");
            db.exec("INSERT INTO influence_rounds(created_at, session, round, base_run, scoring_id, n_removed, state) "
                    "VALUES('t', 1, 1, " + std::to_string(run) + ", " + std::to_string(irScoring) + ", 15, 'accepted')");
            const int64_t roundId = db.lastInsertId();
            db.exec("INSERT INTO working_set_removed(sample_id, round_id, created_at) SELECT id, " +
                    std::to_string(roundId) + ", 't' FROM samples WHERE split=0 AND label<>original_label ORDER BY id LIMIT 10");
            db.exec("INSERT INTO working_set_removed(sample_id, round_id, created_at) SELECT id, " +
                    std::to_string(roundId) + ", 't' FROM samples WHERE split=0 AND label=original_label AND trusted=0 ORDER BY id LIMIT 5");
            nlohmann::json r = evaluateProject(*p).at("rounds").at(size_t(0)).at("removed_so_far");
            QCOMPARE(jsonInt(jsonField(r, "flagged")), int64_t(15));
            QCOMPARE(jsonInt(jsonField(r, "true_positives")), int64_t(10));
            QVERIFY(std::abs(jsonDouble(jsonField(r, "precision")) - 10.0 / 15.0) < 1e-9);
            QVERIFY(std::abs(jsonDouble(jsonField(r, "recall")) - 10.0 / double(flipped)) < 1e-9);
            db.exec("DELETE FROM working_set_removed");
            db.exec("DELETE FROM influence_rounds");
        }
        // Predictions: a valid .npy of nTrain x K float32 rows summing to 1, plus the CSV.
        nlohmann::json pj = exportPredictions(*p, 0, path("pred.npy"));
        QCOMPARE(jsonInt(jsonField(pj, "rows")), int64_t(nTrain));
        std::ifstream npy(path("pred.npy"), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(npy)), {});
        QVERIFY(bytes.rfind("\x93NUMPY", 0) == 0);
        size_t hlen = size_t(uint8_t(bytes[8])) | size_t(uint8_t(bytes[9])) << 8;
        QCOMPARE((10 + hlen) % 64, size_t(0));
        QVERIFY(bytes.find("'shape': (400, 4)") != std::string::npos);
        QCOMPARE(bytes.size(), 10 + hlen + size_t(nTrain) * K * 4);
        const float* probs = reinterpret_cast<const float*>(bytes.data() + 10 + hlen);
        QVERIFY(std::fabs(probs[0] + probs[1] + probs[2] + probs[3] - 1.0f) < 1e-5f);
        std::ifstream csv(path("pred.npy.csv"));
        std::string header;
        std::getline(csv, header);
        QCOMPARE(QString::fromStdString(header), QString("row,sample_id,given_label,given_class,original_label,original_class"));
        nlohmann::json ij = exportIssues(*p, "", path("issues.csv"));
        QCOMPARE(jsonInt(jsonField(ij, "rows")), int64_t(4 * nTrain));
    }

    void userErrorsAreClear() {
        auto p = makeProject("b.winnow");
        // No run yet.
        ScoreRequest req;
        QVERIFY_THROWS_EXCEPTION(Error, scoreProject(*p, req));
        req.runId = 99;
        try {
            scoreProject(*p, req);
            QFAIL("missing run accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("run 99 does not exist") != std::string::npos);
        }
        // No injected noise: nothing to evaluate against (the injection query finds no row).
        try {
            evaluateProject(*p);
            QFAIL("evaluated without injected noise");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("has no injected noise") != std::string::npos, e.what());
        }
        req.detector = "loss";
        QVERIFY_THROWS_EXCEPTION(Error, scoreProject(*p, req));
        // Trusted samples in classes 0-2 only: Influential Rank falls back to OSM-only and says so.
        p->db().exec("UPDATE samples SET trusted=1 WHERE id IN (SELECT s.id FROM samples s JOIN classes c ON c.id=s.label WHERE c.idx<3 AND s.split=0 LIMIT 15)");
        addRun(*p);
        ScoreRequest ir;
        auto out = scoreProject(*p, ir);
        QVERIFY(jsonBool(jsonField(out.summary, "osm_only")));
        QVERIFY(!out.warnings.empty());
        QVERIFY(out.warnings.back().find("class(es) 3") != std::string::npos);
        QVERIFY(out.warnings.back().find("OSM-only") != std::string::npos);
    }

    // A scoring whose files cannot be written (here its folder's name is taken by a file)
    // fails with the reason and leaves no row behind: nothing half-stored.
    void aFailedWriteLeavesNoRow() {
        auto p = makeProject("w.winnow");
        addRun(*p);
        const int64_t next = p->db().queryInt64("SELECT coalesce(max(id), 0) + 1 FROM scorings");
        const fs::path blocker = p->cacheSubdir("scorings") / std::to_string(next);
        std::ofstream(blocker) << "not a folder";
        ScoreRequest req;
        req.detector = "small-loss";
        QVERIFY_THROWS_EXCEPTION(std::exception, scoreProject(*p, req));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings"), int64_t(0));
        QVERIFY(fs::is_regular_file(blocker));  // what was there is left alone
        fs::remove(blocker);
        const auto out = scoreProject(*p, req);  // and the next try stores normally
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings WHERE result_file IS NOT NULL"), int64_t(1));
        QVERIFY(fs::exists(fs::path(out.resultDir) / "meta.json"));
    }
};

QTEST_GUILESS_MAIN(TestInfluenceProject)
#include "tst_influence_project.moc"
