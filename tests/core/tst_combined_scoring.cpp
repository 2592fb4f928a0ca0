// Rank-averaged combination of two stored detectors: percentiles, the combined order, the
// flagged count, trusted samples never flagged, and the refusals.
#include <QTemporaryDir>
#include <QtTest>

#include "core/influence/combined_scoring.h"
#include "core/influence/noise_structure.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "tests/core/score_fixture.h"

using namespace winnow::core;
using namespace winnow;
namespace fs = std::filesystem;

class TestCombinedScoring : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // A project with `n` samples (ids 1..n), sample 2 trusted, one finished run.
    std::unique_ptr<Project> makeProject(const char* name, int n) {
        auto p = Project::create(fs::path(m_dir.path().toStdString()) / name);
        auto& db = p->db();
        db.exec("INSERT INTO classes(idx, name) VALUES(0, 'a'), (1, 'b')");
        auto ins = db.prepare("INSERT INTO samples(media_kind, path, split, label) VALUES(0, ?, 0, "
                              "(SELECT id FROM classes WHERE idx=0))");
        for (int i = 0; i < n; ++i) ins.bind(1, "s" + std::to_string(i) + ".png").run();
        db.exec("UPDATE samples SET trusted=1 WHERE id=2");
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        return p;
    }
    int64_t addScoring(Project& p, int64_t run, const char* det, std::vector<float> score,
                       std::vector<uint8_t> flag, int64_t firstId = 1) {
        return test::addTestScoring(p, run, det, std::move(score), std::move(flag), firstId);
    }

private Q_SLOTS:
    void percentilesShareTies() {
        // Ranks 0, 1.5, 1.5, 3 of 4 -> 0, 0.5, 0.5, 1 (NaN ranks lowest).
        const auto p = rankPercentiles({0.1f, 0.5f, 0.5f, 2.0f});
        QCOMPARE(p, (std::vector<double>{0.0, 0.5, 0.5, 1.0}));
        const auto q = rankPercentiles({NAN, 3.0f, 1.0f});
        QCOMPARE(q, (std::vector<double>{0.0, 1.0, 0.5}));
        QCOMPARE(rankPercentiles({7.0f}), (std::vector<double>{0.5}));
    }

    void combinesByMeanRank() {
        auto p = makeProject("c.winnow", 6);
        // A ranks 6 > 5 > 4 > 3 > 2 > 1 (sample ids), B ranks 1 > 6 > 2 > 5 > 3 > 4.
        const int64_t a = addScoring(*p, 1, "influential-rank", {1, 2, 3, 4, 5, 6}, {0, 0, 0, 0, 1, 1});
        const int64_t b = addScoring(*p, 1, "confident-learning", {9, 4, 2, 1, 3, 8}, {1, 0, 0, 0, 0, 1, });
        auto out = combineScorings(*p, {a, b});
        auto f = ScoreFile::read(out.resultDir);
        // Percentiles (rank/5): A = 0, .2, .4, .6, .8, 1; B = 1, .6, .2, 0, .4, .8.
        const std::vector<float> want{0.5f, 0.4f, 0.3f, 0.3f, 0.6f, 0.9f};
        for (size_t i = 0; i < want.size(); ++i) QVERIFY(std::abs(f.score[i] - want[i]) < 1e-6f);
        // Both parts flagged 2 -> the top 2 by combined score: samples 6 and 5.
        QCOMPARE(f.flag, (std::vector<uint8_t>{0, 0, 0, 0, 1, 1}));
        QCOMPARE(out.flaggedIds, (std::vector<int64_t>{5, 6}));
        QCOMPARE(f.detector(), std::string("combined"));
        QCOMPARE(f.suggestedLabel[0], 1);  // taken from the Influential Rank part
        QCOMPARE(p->db().queryText("SELECT detector FROM scorings WHERE id=" + std::to_string(out.scoringId)),
                 std::string("combined"));
        // Without --of: the latest IR and CL scorings of the run.
        QCOMPARE(defaultCombinationParts(*p, 1), (std::vector<int64_t>{a, b}));
        QCOMPARE(defaultCombinationParts(*p, 0), (std::vector<int64_t>{a, b}));
    }

    // With training dynamics scored, early-loss + cl-early are preferred (issue 17); an
    // incomplete preferred set falls back to IR + CL; run 0 takes the newest run having a set.
    void prefersEarlyLossAndClEarly() {
        auto p = makeProject("e.winnow", 4);
        const int64_t ir = addScoring(*p, 1, "influential-rank", {1, 2, 3, 4}, {0, 0, 0, 1});
        const int64_t cl = addScoring(*p, 1, "confident-learning", {1, 2, 3, 4}, {0, 0, 0, 1});
        const int64_t el = addScoring(*p, 1, "early-loss", {4, 3, 2, 1}, {1, 0, 0, 0});
        QCOMPARE(defaultCombinationParts(*p, 1), (std::vector<int64_t>{ir, cl}));  // no cl-early yet
        const int64_t ce = addScoring(*p, 1, "cl-early", {4, 3, 2, 1}, {1, 0, 0, 0});
        QCOMPARE(defaultCombinationParts(*p, 1), (std::vector<int64_t>{el, ce}));
        const int64_t el2 = addScoring(*p, 1, "early-loss", {1, 3, 2, 4}, {0, 0, 0, 1});
        QCOMPARE(defaultCombinationParts(*p, 1), (std::vector<int64_t>{el2, ce}));  // the latest
        const int64_t ir2 = addScoring(*p, 2, "influential-rank", {1, 2, 3, 4}, {0, 0, 0, 1});
        QCOMPARE(defaultCombinationParts(*p, 0), (std::vector<int64_t>{el2, ce}));  // run 2 lacks a set
        const int64_t cl2 = addScoring(*p, 2, "confident-learning", {1, 2, 3, 4}, {0, 0, 0, 1});
        QCOMPARE(defaultCombinationParts(*p, 0), (std::vector<int64_t>{ir2, cl2}));
        try {
            defaultCombinationParts(*p, 3);
            QFAIL("run 3 has no scorings");
        } catch (const Error& e) {
            const std::string m = e.what();
            QVERIFY2(m.find("run 3") != std::string::npos && m.find("early-loss and cl-early") != std::string::npos &&
                         m.find("influential-rank and confident-learning") != std::string::npos,
                     e.what());
        }
    }

    // A systematic flip in cl-early's joint on a model that has not memorised: both
    // confident-learning views; on a memorised model (or spread noise) early-loss + cl-early.
    void aSystematicFlipCombinesBothConfidentLearnings() {
        for (double acc : {0.70, 0.995}) {
            for (bool flip : {true, false}) {
                const std::string name = std::string(flip ? "f" : "s") + (acc > 0.9 ? "m" : "o") + ".winnow";
                auto p = makeProject(name.c_str(), 4);
                p->db().exec("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(1, 1, '{\"acc_train\":" +
                             std::to_string(acc) + "}')");
                const int64_t el = addScoring(*p, 1, "early-loss", {4, 3, 2, 1}, {1, 0, 0, 0});
                const int64_t ce = addScoring(*p, 1, "cl-early", {4, 3, 2, 1}, {1, 0, 0, 0});
                const int64_t cl = addScoring(*p, 1, "confident-learning", {1, 2, 3, 4}, {0, 0, 0, 1});
                const std::vector<NoiseRow> rows{{30, flip ? 30.0 : 15.0, 1}, {30, flip ? 30.0 : 15.0, 2}, {30, flip ? 30.0 : 15.0, 0}};
                p->db().prepare("UPDATE scorings SET summary_json=? WHERE id=?")
                    .bind(1, nlohmann::json{{"noise_by_class", noiseRowsJson(rows)}}.dump()).bind(2, ce).run();
                const std::vector<int64_t> want = flip && acc < 0.9 ? std::vector<int64_t>{ce, cl} : std::vector<int64_t>{el, ce};
                QCOMPARE(defaultCombinationParts(*p, 1), want);
            }
        }
    }

    void trustedNeverFlagged() {
        auto p = makeProject("t.winnow", 4);
        // Sample 2 (trusted) has the top score in both parts; 1 flag each -> the next one, 4.
        const int64_t a = addScoring(*p, 1, "small-loss", {1, 9, 2, 3}, {0, 1, 0, 0});
        const int64_t b = addScoring(*p, 1, "self-confidence", {1, 9, 2, 3}, {0, 1, 0, 0});
        auto out = combineScorings(*p, {a, b});
        QCOMPARE(out.flaggedIds, (std::vector<int64_t>{4}));
    }

    void refusesMismatches() {
        auto p = makeProject("m.winnow", 4);
        const int64_t a = addScoring(*p, 1, "influential-rank", {1, 2, 3, 4}, {0, 0, 0, 1});
        const int64_t otherRun = addScoring(*p, 2, "confident-learning", {1, 2, 3, 4}, {0, 0, 0, 1});
        const int64_t otherSet = addScoring(*p, 1, "confident-learning", {1, 2, 3}, {0, 0, 1}, 2);
        QVERIFY_THROWS_EXCEPTION(Error, combineScorings(*p, {a}));
        QVERIFY_THROWS_EXCEPTION(Error, combineScorings(*p, {a, 99}));
        QVERIFY_THROWS_EXCEPTION(Error, combineScorings(*p, {a, otherRun}));
        QVERIFY_THROWS_EXCEPTION(Error, combineScorings(*p, {a, otherSet}));
        QVERIFY_THROWS_EXCEPTION(Error, defaultCombinationParts(*p, 2));  // run 2 has no IR
    }
};

QTEST_GUILESS_MAIN(TestCombinedScoring)
#include "tst_combined_scoring.moc"
