// Which scoring the review queue opens by default: the self-test's best ranking when there
// is injected noise, else by regime: early loss when stored, then (memorised model)
// Influential Rank, else combined / confident learning.
#include <QTemporaryDir>
#include <QtTest>

#include "core/influence/detector_choice.h"
#include "core/influence/noise_structure.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "tests/core/score_fixture.h"

using namespace winnow::core;
using namespace winnow;
namespace fs = std::filesystem;

class TestDetectorChoice : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Six samples labelled class 0; one finished run whose last epoch had `trainAcc`.
    std::unique_ptr<Project> makeProject(const char* name, double trainAcc) {
        auto p = Project::create(fs::path(m_dir.path().toStdString()) / name);
        auto& db = p->db();
        db.exec("INSERT INTO classes(idx, name) VALUES(0, 'a'), (1, 'b')");
        auto ins = db.prepare("INSERT INTO samples(media_kind, path, split, label) VALUES(0, ?, 0, "
                              "(SELECT id FROM classes WHERE idx=0))");
        for (int i = 0; i < 6; ++i) ins.bind(1, "s" + std::to_string(i) + ".png").run();
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        db.exec("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(1, 1, '{\"acc_train\":0.5}')");
        db.exec("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(1, 2, '{\"acc_train\":" +
                std::to_string(trainAcc) + "}')");
        return p;
    }
    // A self-test: samples 5 and 6 are truly class b (injected noise).
    static void injectTruth(Project& p) {
        p.db().exec("INSERT INTO noise_injections(created_at, kind, rate, seed, trusted_per_class, "
                    "n_flipped, n_eligible) VALUES('t', 'symmetric', 0.33, 1, 0, 2, 6)");
        p.db().exec("UPDATE samples SET original_label=label");
        p.db().exec("UPDATE samples SET original_label=(SELECT id FROM classes WHERE idx=1) WHERE id IN (5, 6)");
    }
    int64_t addScoring(Project& p, const char* det, std::vector<float> score) {
        return test::addTestScoring(p, 1, det, std::move(score), {});
    }
    // cl-early scoring `cle`'s confident joint: three classes, 30 suspects each, all to one
    // other class (flip) or half and half (spread).
    static void setJoint(Project& p, int64_t cle, bool flip) {
        const std::vector<NoiseRow> rows{{30, flip ? 30.0 : 15.0, 1}, {30, flip ? 30.0 : 15.0, 2}, {30, flip ? 30.0 : 15.0, 0}};
        p.db().prepare("UPDATE scorings SET summary_json=? WHERE id=?")
            .bind(1, nlohmann::json{{"noise_by_class", noiseRowsJson(rows)}}.dump()).bind(2, cle).run();
    }

private Q_SLOTS:
    void nothingScored() {
        auto p = makeProject("none.winnow", 0.9);
        QCOMPARE(recommendedScoring(*p).scoringId, int64_t(0));
    }

    // A damaged project whose finished scorings all belong to a run that is gone: no choice,
    // said in words (the fallback query found no row and its columns were read anyway).
    void scoringsOfAMissingRunGiveNoChoice() {
        auto p = makeProject("gone.winnow", 0.9);
        addScoring(*p, "small-loss", {1, 2, 3, 4, 5, 6});
        p->db().exec("PRAGMA foreign_keys=OFF");
        p->db().exec("DELETE FROM run_epochs");
        p->db().exec("DELETE FROM runs");
        p->db().exec("PRAGMA foreign_keys=ON");
        const auto c = recommendedScoring(*p);
        QCOMPARE(c.scoringId, int64_t(0));
        QVERIFY(c.detector.empty());
        QVERIFY2(c.reason.find("no finished scoring") != std::string::npos, c.reason.c_str());
    }

    void memorisedPrefersInfluentialRank() {
        auto p = makeProject("mem.winnow", 0.995);
        const int64_t ir = addScoring(*p, "influential-rank", {1, 2, 3, 4, 5, 6});
        addScoring(*p, "confident-learning", {1, 2, 3, 4, 5, 6});
        addScoring(*p, "combined", {1, 2, 3, 4, 5, 6});
        const auto c = recommendedScoring(*p);
        QCOMPARE(c.scoringId, ir);
        QCOMPARE(c.detector, std::string("influential-rank"));
        QVERIFY(c.reason.find("99.5%") != std::string::npos);
    }

    // Training dynamics recorded: the loss before memorisation ranks first in both regimes.
    void earlyLossFirstWhenStored() {
        for (double acc : {0.995, 0.80}) {
            auto p = makeProject(acc > 0.9 ? "early-mem.winnow" : "early-ord.winnow", acc);
            addScoring(*p, "influential-rank", {1, 2, 3, 4, 5, 6});
            addScoring(*p, "combined", {1, 2, 3, 4, 5, 6});
            addScoring(*p, "aum", {1, 2, 3, 4, 5, 6});
            const int64_t early = addScoring(*p, "early-loss", {1, 2, 3, 4, 5, 6});
            addScoring(*p, "cl-early", {1, 2, 3, 4, 5, 6});
            const auto c = recommendedScoring(*p);
            QCOMPARE(c.scoringId, early);
            QVERIFY2(acc < 0.9 || c.reason.find("before the model memorised") != std::string::npos, c.reason.c_str());
        }
    }

    // The cl-early scoring's joint shows a systematic flip (each class's suspects go to one other
    // class): cl-early comes before early loss in both regimes; spread noise keeps early loss.
    void aSystematicFlipPrefersClEarly() {
        for (double acc : {0.995, 0.80}) {
            for (bool flip : {true, false}) {
                const std::string name = std::string(flip ? "flip" : "spread") + (acc > 0.9 ? "-mem" : "-ord") + ".winnow";
                auto p = makeProject(name.c_str(), acc);
                const int64_t early = addScoring(*p, "early-loss", {1, 2, 3, 4, 5, 6});
                const int64_t cle = addScoring(*p, "cl-early", {1, 2, 3, 4, 5, 6});
                setJoint(*p, cle, flip);
                const auto c = recommendedScoring(*p);
                QCOMPARE(c.scoringId, flip ? cle : early);
                QCOMPARE(std::string(noiseStructureName(c.noise.kind)), std::string(flip ? "pair-flip" : "spread"));
                QVERIFY2(!flip || c.reason.find("systematic flips") != std::string::npos, c.reason.c_str());
            }
        }
    }

    // With confident learning on the final model stored too: under a flip it comes first on a
    // model that has not memorised (its probabilities are held-out-like and from the better
    // model), cl-early stays first on a memorised one; spread noise keeps early loss in both.
    void anUnmemorisedFlipPrefersConfidentLearning() {
        for (double acc : {0.995, 0.80})
            for (bool flip : {true, false}) {
                const std::string name = std::string(flip ? "flip" : "spread") + (acc > 0.9 ? "-mem" : "-ord") + "-cl.winnow";
                auto p = makeProject(name.c_str(), acc);
                const int64_t early = addScoring(*p, "early-loss", {1, 2, 3, 4, 5, 6});
                const int64_t cl = addScoring(*p, "confident-learning", {1, 2, 3, 4, 5, 6});
                const int64_t cle = addScoring(*p, "cl-early", {1, 2, 3, 4, 5, 6});
                setJoint(*p, cle, flip);
                const auto c = recommendedScoring(*p);
                QCOMPARE(c.scoringId, !flip ? early : acc > 0.9 ? cle : cl);
                QVERIFY2(!flip || c.reason.find("systematic flips") != std::string::npos, c.reason.c_str());
            }
    }

    // useSelfTest = false: a self-test project gets the choice it would get without its truth.
    void withoutTheSelfTest() {
        auto p = makeProject("plain.winnow", 0.80);
        injectTruth(*p);
        const int64_t early = addScoring(*p, "early-loss", {6, 5, 4, 3, 2, 1});  // worst ranking
        const int64_t cl = addScoring(*p, "confident-learning", {1, 2, 3, 4, 6, 5});  // AP 1
        QCOMPARE(recommendedScoring(*p).scoringId, cl);
        QCOMPARE(recommendedScoring(*p, kMemorisedTrainingAccuracy, false).scoringId, early);
    }

    void ordinaryPrefersCombinedThenConfidentLearning() {
        auto p = makeProject("ord.winnow", 0.80);
        addScoring(*p, "influential-rank", {1, 2, 3, 4, 5, 6});
        const int64_t cl = addScoring(*p, "confident-learning", {1, 2, 3, 4, 5, 6});
        QCOMPARE(recommendedScoring(*p).scoringId, cl);
        const int64_t comb = addScoring(*p, "combined", {1, 2, 3, 4, 5, 6});
        QCOMPARE(recommendedScoring(*p).scoringId, comb);
        // The threshold is a setting: at 0.75 this model counts as memorised.
        QCOMPARE(recommendedScoring(*p, 0.75).detector, std::string("influential-rank"));
    }

    void selfTestPicksTheBestRanking() {
        auto p = makeProject("self.winnow", 0.80);
        injectTruth(*p);
        const int64_t ir = addScoring(*p, "influential-rank", {1, 2, 3, 4, 6, 5});  // 5, 6 on top: AP 1
        addScoring(*p, "confident-learning", {6, 5, 4, 3, 2, 1});                   // worst order
        addScoring(*p, "combined", {3, 4, 5, 6, 2, 1});
        const auto c = recommendedScoring(*p);
        QCOMPARE(c.scoringId, ir);
        QVERIFY(c.reason.find("1.000") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDetectorChoice)
#include "tst_detector_choice.moc"
