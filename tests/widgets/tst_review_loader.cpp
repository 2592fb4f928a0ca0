// The adapter from stored results to the review views: a hand-written run output and score
// file (core formats), read back through loadReviewData and checked against hand values.
#include <QtTest>
#include <cmath>

#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_widget.h"
#include <cstdio>

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

namespace {
// 4 training samples, 3 classes, 2 features. Labels 0,1,2,0; sample 4's truth is 1.
fs::path makeProject(const fs::path& dir, bool withScoring) {
    const fs::path file = dir / (withScoring ? "scored.winnow" : "run.winnow");
    auto p = core::Project::create(file);
    auto& db = p->db();
    db.exec("INSERT INTO classes(idx,name) VALUES(0,'cat'),(1,'dog'),(2,'fox')");
    for (int i = 1; i <= 4; ++i) {
        const int label = (i - 1) % 3 == 0 ? 1 : (i - 1) % 3 + 1;  // class ids: 1,2,3,1
        const std::string truth = i == 4 ? "2" : std::to_string(label);
        db.exec("INSERT INTO samples(id,media_kind,path,split,label,original_label,trusted) VALUES(" +
                std::to_string(i) + ",0,'/m/" + std::to_string(i) + ".png',0," + std::to_string(label) + "," +
                truth + "," + (i == 2 ? "1" : "0") + ")");
    }
    db.exec("INSERT INTO runs(id,created_at,state,config_json,outputs_dir) VALUES(7,'t','done','{}','runs/7')");
    // Logits: sample 4 (given cat) is predicted dog.
    const int64_t ids[] = {1, 2, 3, 4};
    const float logits[] = {2, 0, 0,  0, 3, 0,  0, 0, 1,  0, std::log(4.f), 0};
    const float feats[] = {1, 0,  0, 1,  1, 1,  1, 0.1f};
    const float loss[] = {0.1f, 0.2f, 0.3f, 0.4f};
    {
        core::RunOutputsWriter w(p->cacheSubdir("runs") / "7", {4, 3, 2, "test"});
        w.append(ids, logits, feats, loss, 4);
        w.finish();
    }
    if (withScoring) {
        core::ScoreFile s;
        s.meta["format"] = 1;
        s.meta["detector"] = "influential-rank";
        s.meta["run_id"] = 7;
        s.meta["n"] = 4;
        s.meta["classes"] = 3;
        s.meta["gamma"] = 2;
        s.meta["gamma_default"] = 3;
        s.meta["gamma_rule"] = "data";
        nlohmann::json gmm = nlohmann::json::array();
        for (int k = 0; k < 3; ++k) {
            nlohmann::json g = nlohmann::json::object();
            nlohmann::json w = nlohmann::json::array(), m = nlohmann::json::array(), v = nlohmann::json::array();
            w.push_back(0.7), w.push_back(0.3), m.push_back(-0.5 + k), m.push_back(1.5), v.push_back(1.0), v.push_back(0.5);
            g["weight"] = w, g["mean"] = m, g["var"] = v, g["valid"] = true, g["mean_loglik"] = 0.0;
            gmm.push_back(g);
        }
        s.meta["gmm"] = gmm;
        s.sampleIds = {1, 2, 3, 4};
        s.givenLabel = {0, 1, 2, 0};
        s.score = {0.1f, 0.5f, 0.2f, 3.0f};
        s.flag = {0, 0, 0, 1};
        s.suggestedLabel = {0, 1, 2, 1};
        s.suggestedProb = {0.8f, 0.9f, 0.5f, 0.667f};
        s.osm = {-1, 0.5f, -0.2f, 2};
        s.inDM = {0, 1, 0, 1};
        s.osd = {NAN, NAN, NAN, 0.1f, 0.2f, 0.3f, NAN, NAN, NAN, 1.f, 2.f, 3.f};
        s.posterior = {NAN, NAN, NAN, 0.1f, 0.2f, 0.3f, NAN, NAN, NAN, 0.7f, 0.8f, 0.9f};
        s.candidate = {0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1};
        s.consensus = {0, 3, 0, 3};
        s.write(p->cacheSubdir("scorings") / "1");
        db.exec("INSERT INTO scorings(id,run_id,detector,created_at,params_json,result_file)"
                " VALUES(1,7,'influential-rank','t','{}','scorings/1')");
    }
    return file;
}
}  // namespace

class TestReviewLoader : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
private Q_SLOTS:
    void scoringWithRunOutputs() {
        const fs::path file = makeProject(m_tmp.path().toStdString(), true);
        auto d = loadReviewData(file);
        QVERIFY(d);
        QCOMPARE(d->n, int64_t(4));
        QCOMPARE(d->detector, QStringLiteral("influential-rank"));
        QCOMPARE(d->runId, 7);
        QCOMPARE(d->classNames, (QStringList{"cat", "dog", "fox"}));
        QCOMPARE(d->gamma, 2);
        QCOMPARE(d->gammaMethods, 3);
        QCOMPARE(d->gammaRule, QStringLiteral("data"));
        const auto it = d->item(3);
        QCOMPARE(it.sampleId, 4);
        QCOMPARE(it.given, 0);
        QCOMPARE(it.original, 1);
        QCOMPARE(it.suggested, 1);
        QCOMPARE(it.flagged, true);
        QCOMPARE(it.consensus, 3);
        QCOMPARE(it.posterior, 0.7f);  // posterior of G_high for the given class (cat)
        QCOMPARE(it.osd[2], 3.f);
        // Softmax of (0, ln 4, 0): dog 4/6, then cat and fox 1/6 (tie kept in class order).
        QCOMPARE(it.topClass[0], 1);
        QVERIFY(std::abs(it.topProb[0] - 4.f / 6.f) < 1e-6f);
        QCOMPARE(it.topClass[1], 0);
        QVERIFY(std::abs(it.topProb[1] - 1.f / 6.f) < 1e-6f);
        QCOMPARE(it.loss, 0.4f);  // the run's stored loss
        // Samples whose model agrees with the label get no suggestion.
        QCOMPARE(d->item(0).suggested, -1);
        QCOMPARE(d->item(1).trusted, true);
        QCOMPARE(d->gmm[1].mean[0], 0.5);
        // Queue order: score descending.
        QCOMPARE(d->byScore, (std::vector<uint32_t>{3, 1, 2, 0}));
        // Features follow the sample through the run's row order.
        QCOMPARE(d->featureOf(3)[1], 0.1f);
    }

    void recommendedScoringIsTheSelfTestsBest() {
        const fs::path dir = fs::path(m_tmp.path().toStdString()) / "rec";
        fs::create_directories(dir);
        const fs::path file = makeProject(dir, true);
        {
            // A newer small-loss scoring that ranks the one noisy sample (4) last.
            auto p = core::Project::open(file);
            core::ScoreFile s = core::ScoreFile::read(p->cacheDir() / "scorings" / "1");
            s.meta["detector"] = "small-loss";
            s.score = {0.9f, 0.8f, 0.7f, 0.1f};
            s.flag = {1, 0, 0, 0};
            s.osm.clear(), s.inDM.clear(), s.osd.clear(), s.posterior.clear(), s.candidate.clear(), s.consensus.clear();
            s.write(p->cacheSubdir("scorings") / "2");
            p->db().exec("INSERT INTO scorings(id,run_id,detector,created_at,params_json,result_file)"
                         " VALUES(2,7,'small-loss','t','{\"probabilities\":\"in-sample\"}','scorings/2')");
            p->db().exec("UPDATE scorings SET params_json='{\"probabilities\":\"in-sample\"}'");
            p->db().exec("INSERT INTO noise_injections(created_at,kind,rate,seed,trusted_per_class,n_flipped,n_eligible)"
                         " VALUES('t','symmetric',0.25,1,1,1,4)");
        }
        QCOMPARE(loadReviewData(file)->detector, QStringLiteral("small-loss"));  // 0 = newest
        auto d = loadReviewData(file, kRecommendedScoring);
        QVERIFY(d);
        QCOMPARE(d->detector, QStringLiteral("influential-rank"));  // AP 1 against AP 0.25
        QVERIFY(d->choiceReason.contains(QStringLiteral("self-test")));
    }

    void fallsBackToRunDisagreement() {
        const fs::path file = makeProject(m_tmp.path().toStdString(), false);
        auto d = loadReviewData(file);
        QVERIFY(d);
        QCOMPARE(d->detector, QStringLiteral("disagreement"));
        QCOMPARE(d->flag, (std::vector<uint8_t>{0, 0, 0, 1}));
        QCOMPARE(d->item(3).suggested, 1);
        QCOMPARE(d->item(3).score, 0.4f);  // ranked by loss
        QVERIFY(!d->hasOsd());
    }


    void nothingToReview() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "empty.winnow";
        core::Project::create(file);
        QVERIFY(loadReviewData(file) == nullptr);
    }
};

QTEST_MAIN(TestReviewLoader)
#include "tst_review_loader.moc"
