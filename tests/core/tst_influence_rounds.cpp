// Influential Rank post-training rounds (METHODS §5) on a tiny project the test really
// trains: the acceptance rule against hand-decided cases, removal as a working-set state
// (exactly the flagged samples of the accepted rounds), rollback of a rejected round, label
// refinement checked against the final model's stored logits (softmax recomputed here), and
// --auto-apply's label version.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

#include "array_project_fixture.h"
#include "core/influence/influential_rank_rounds.h"
#include "core/influence/score_file.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

nlohmann::json acc(double trusted, double val) {
    nlohmann::json j;
    j["acc_trusted"] = trusted;
    j["acc_val"] = val < 0 ? nlohmann::json() : nlohmann::json(val);
    return j;
}

std::set<int64_t> ids(Database& db, const std::string& sql) {
    std::set<int64_t> s;
    auto st = db.prepare(sql);
    while (st.step()) s.insert(st.int64(0));
    return s;
}

// Flagged sample ids of a stored scoring, read from its score file.
std::set<int64_t> flaggedOf(Project& p, int64_t scoringId) {
    const std::string rel = p.db().queryText("SELECT result_file FROM scorings WHERE id=" + std::to_string(scoringId));
    ScoreFile f = ScoreFile::read(p.cacheDir() / rel);
    std::set<int64_t> s;
    for (size_t i = 0; i < f.sampleIds.size(); ++i)
        if (f.flag[i]) s.insert(f.sampleIds[i]);
    return s;
}

nlohmann::json runSummary(Project& p, int64_t run) {
    return parseJson(p.db().queryText("SELECT summary_json FROM runs WHERE id=" + std::to_string(run)), "summary_json");
}

}  // namespace

class TestInfluenceRounds : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path file(const char* n) { return fs::path(m_tmp.path().toStdString()) / n; }

private Q_SLOTS:
    void judgeRoundByHand() {
        const double m = 0.001;
        QVERIFY(judgeRound(acc(0.69, -1), acc(0.70, -1), m).accepted);            // +1 point
        QVERIFY(!judgeRound(acc(0.70, -1), acc(0.70, -1), m).accepted);           // no gain
        QVERIFY(!judgeRound(acc(0.70, -1), acc(0.6995, -1), m).accepted);
        QVERIFY(!judgeRound(acc(0.90, 0.60), acc(0.95, 0.59), m).accepted);       // both must gain
        QVERIFY(judgeRound(acc(0.90, 0.60), acc(0.95, 0.61), m).accepted);
        // Memorised trusted set: left out, the validation split decides.
        RoundVerdict v = judgeRound(acc(1.0, 0.60), acc(0.96, 0.64), m);
        QVERIFY(v.accepted);
        QVERIFY(!v.unjudged);
        QVERIFY2(v.why.find("acc_trusted was 100%") != std::string::npos, v.why.c_str());
        QVERIFY(!judgeRound(acc(1.0, 0.60), acc(0.96, 0.60), m).accepted);
        // Nothing can judge: accepted, and said so.
        v = judgeRound(acc(1.0, -1), acc(0.96, -1), m);
        QVERIFY(v.accepted);
        QVERIFY(v.unjudged);
        QVERIFY2(v.why.find("validation split") != std::string::npos, v.why.c_str());
        // A negative margin accepts a loss up to it; the reason names the failing criterion.
        QVERIFY(judgeRound(acc(0.80, -1), acc(0.75, -1), -0.10).accepted);
        v = judgeRound(acc(0.80, -1), acc(0.65, -1), -0.10);
        QVERIFY(!v.accepted);
        QVERIFY2(v.why.find("acc_trusted 80.0% -> 65.0%") != std::string::npos, v.why.c_str());
    }

    void acceptedRoundsRemoveExactlyTheFlaggedAndSuggest() {
        const auto f = file("accept.winnow");
        const auto made = array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        const int64_t base = trainRun(*p, array_fixture::tinyConfig(4), {}).runId;
        RankOptions o;
        o.baseRun = base;
        o.rounds = 2;
        o.epochs = 1;
        o.acceptMargin = -1.0;  // accept every round: this case checks what acceptance does
        o.scoring.gamma = 1;    // flag generously so that both rounds remove something
        int events = 0;
        nlohmann::json s = runInfluentialRank(*p, o, [&](const nlohmann::json&) { ++events; });
        QCOMPARE(jsonInt(jsonField(s, "accepted_rounds")), int64_t(2));
        const nlohmann::json& r = jsonField(s, "rounds");
        QCOMPARE(r.size(), size_t(2));
        QVERIFY(events >= 3);  // two rounds and the suggestions

        // Round 1 scores the base run, round 2 the model round 1 post-trained.
        const int64_t sc1 = jsonInt(jsonField(jsonItem(r, size_t(0)), "scoring_id")), sc2 = jsonInt(jsonField(jsonItem(r, size_t(1)), "scoring_id"));
        auto& db = p->db();
        QCOMPARE(db.queryInt64("SELECT run_id FROM scorings WHERE id=" + std::to_string(sc1)), base);
        const int64_t post1 = jsonInt(jsonField(jsonItem(r, size_t(0)), "post_run")), post2 = jsonInt(jsonField(jsonItem(r, size_t(1)), "post_run"));
        QCOMPARE(db.queryInt64("SELECT run_id FROM scorings WHERE id=" + std::to_string(sc2)), post1);
        QCOMPARE(jsonInt(jsonField(s, "final_run")), post2);
        QCOMPARE(db.queryInt64("SELECT count(*) FROM influence_rounds WHERE owner IS NOT NULL"), int64_t(0));

        // Removed = union of both rounds' flags; nothing deleted, round 2 trains without them.
        std::set<int64_t> flagged = flaggedOf(*p, sc1);
        for (int64_t id : flaggedOf(*p, sc2)) flagged.insert(id);
        QVERIFY(!flagged.empty());
        QCOMPARE(ids(db, "SELECT sample_id FROM working_set_removed"), flagged);
        QCOMPARE(db.queryInt64("SELECT count(*) FROM samples WHERE split=0"), made.trainCount);
        const std::set<int64_t> round1 = flaggedOf(*p, sc1);
        QCOMPARE(jsonInt(jsonField(runSummary(*p, post1), "n_train")), made.trainCount - int64_t(round1.size()));
        QCOMPARE(jsonInt(jsonField(runSummary(*p, post2), "n_train")), made.trainCount - int64_t(flagged.size()));

        // Label refinement: one suggestion per removed sample, from the final model's logits.
        auto out = RunOutputs::open(p->cacheDir() / db.queryText("SELECT outputs_dir FROM runs WHERE id=" + std::to_string(post2)));
        const int K = out->meta().classes;
        auto st = db.prepare("SELECT s.sample_id, s.action, c.idx, s.probability, s.run_id FROM suggestions s"
                             " JOIN classes c ON c.id=s.suggested_label ORDER BY s.sample_id");
        std::set<int64_t> suggested;
        while (st.step()) {
            const int64_t id = st.int64(0);
            suggested.insert(id);
            QCOMPARE(st.int64(4), post2);
            const float* z = out->logits() + out->rowOf(id) * K;
            double mx = *std::max_element(z, z + K), sum = 0;
            for (int k = 0; k < K; ++k) sum += std::exp(double(z[k]) - mx);
            const int a = int(std::max_element(z, z + K) - z);
            const double pa = 1.0 / sum;  // exp(z_a - max) = 1
            QCOMPARE(st.int32(2), a);
            QVERIFY(std::abs(st.real(3) - pa) < 1e-5);
            QCOMPARE(QString::fromStdString(st.text(1)), QString(pa > 0.8 ? "relabel" : "exclude"));
        }
        QCOMPARE(suggested, flagged);
        QCOMPARE(jsonInt(jsonField(jsonField(s, "suggestions"), "relabel")) + jsonInt(jsonField(jsonField(s, "suggestions"), "exclude")),
                 int64_t(flagged.size()));
    }

    void rejectedRoundRollsBack() {
        const auto f = file("reject.winnow");
        array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        auto cfg = array_fixture::tinyConfig(1);
        cfg.lr = 0.001;  // a weak base model: trusted and val accuracy below 100%
        const int64_t base = trainRun(*p, cfg, {}).runId;
        const nlohmann::json before = runSummary(*p, base);
        QVERIFY2(jsonDouble(jsonField(before, "acc_trusted")) < 1.0 && jsonDouble(jsonField(before, "acc_val")) < 1.0,
                 "precondition: an unsaturated base model");
        RankOptions o;
        o.baseRun = base;
        o.rounds = 2;
        o.epochs = 1;
        o.acceptMargin = 1.0;  // +100 points: impossible, the round must be rejected
        o.scoring.gamma = 1;
        nlohmann::json s = runInfluentialRank(*p, o, {});
        QCOMPARE(jsonInt(jsonField(s, "accepted_rounds")), int64_t(0));
        QCOMPARE(jsonField(s, "rounds").size(), size_t(1));  // stops at the first rejection
        QCOMPARE(jsonInt(jsonField(s, "final_run")), base);
        auto& db = p->db();
        QCOMPARE(db.queryInt64("SELECT count(*) FROM working_set_removed"), int64_t(0));
        QCOMPARE(QString::fromStdString(db.queryText("SELECT state FROM influence_rounds")), QString("rejected"));
        QVERIFY(db.queryInt64("SELECT n_removed FROM influence_rounds") > 0);  // it did remove, then restored
        QCOMPARE(db.queryInt64("SELECT count(*) FROM suggestions"), int64_t(0));
        const std::string why = jsonString(jsonField(jsonItem(jsonField(s, "rounds"), size_t(0)), "reason"));
        QVERIFY2(why.find("acc_trusted") != std::string::npos, why.c_str());
        // The rejected post-trained model stays on record, unused.
        QCOMPARE(db.queryText("SELECT state FROM runs WHERE id=" + std::to_string(jsonInt(jsonField(jsonItem(jsonField(s, "rounds"), size_t(0)), "post_run")))),
                 std::string("done"));
    }

    void autoApplyMakesALabelVersion() {
        const auto f = file("apply.winnow");
        array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        const int64_t base = trainRun(*p, array_fixture::tinyConfig(4), {}).runId;
        auto& db = p->db();
        const int64_t version0 = std::stoll(p->meta("current_label_version", "1"));
        RankOptions o;
        o.baseRun = base;
        o.rounds = 1;
        o.epochs = 1;
        o.acceptMargin = -1.0;
        o.scoring.gamma = 1;
        o.autoApply = true;
        nlohmann::json s = runInfluentialRank(*p, o, {});
        const int64_t version = jsonInt(jsonField(jsonField(s, "applied"), "label_version"));
        QVERIFY(version != version0);
        QCOMPARE(std::stoll(p->meta("current_label_version", "1")), version);
        auto st = db.prepare("SELECT g.sample_id, g.action, g.suggested_label, s.label,"
                             " (SELECT count(*) FROM working_set_removed w WHERE w.sample_id=g.sample_id),"
                             " (SELECT count(*) FROM label_changes c WHERE c.sample_id=g.sample_id AND c.version_id=? AND c.action=g.action)"
                             " FROM suggestions g JOIN samples s ON s.id=g.sample_id");
        st.bind(1, version);
        int n = 0;
        while (st.step()) {
            ++n;
            const bool relabel = st.text(1) == "relabel";
            if (relabel) QCOMPARE(st.int64(3), st.int64(2));  // the label is the suggestion now
            QCOMPARE(st.int64(4), int64_t(relabel ? 0 : 1));   // relabelled samples rejoin
            QCOMPARE(st.int64(5), int64_t(1));                 // one change row per suggestion
        }
        QVERIFY(n > 0);
        QCOMPARE(db.queryInt64("SELECT count(*) FROM suggestions WHERE state<>'applied'"), int64_t(0));
        const int64_t ft = jsonInt(jsonField(jsonField(s, "applied"), "fine_tune_run"));
        QCOMPARE(db.queryText("SELECT state FROM runs WHERE id=" + std::to_string(ft)), std::string("done"));
    }

    // Ctrl-C while a round post-trains: the round is stored as cancelled (not failed), its
    // removals go back to the working set, and the caller sees the cancellation.
    void cancelledRoundIsStoredAsCancelled() {
        const auto f = file("cancel.winnow");
        array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        const int64_t base = trainRun(*p, array_fixture::tinyConfig(1), {}).runId;
        RankOptions o;
        o.baseRun = base;
        o.rounds = 2;
        o.epochs = 1;
        o.scoring.gamma = 1;
        CancelToken cancel;
        // The post-training's first step; the scoring before it reports other messages.
        auto progress = [&](const Progress& pr) {
            if (pr.message == "measuring the input statistics") cancel.cancel();
        };
        bool cancelled = false;
        try {
            runInfluentialRank(*p, o, {}, progress, &cancel);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        auto& db = p->db();
        QCOMPARE(db.queryInt64("SELECT count(*) FROM influence_rounds"), int64_t(1));
        QCOMPARE(db.queryText("SELECT state FROM influence_rounds"), std::string("cancelled"));
        QVERIFY(db.queryInt64("SELECT n_removed FROM influence_rounds") > 0);  // it had removed some
        QCOMPARE(db.queryInt64("SELECT count(*) FROM working_set_removed"), int64_t(0));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM influence_rounds WHERE owner IS NOT NULL"), int64_t(0));
        const nlohmann::json m = parseJson(db.queryText("SELECT metrics_json FROM influence_rounds"), "metrics_json");
        QCOMPARE(jsonString(jsonField(m, "error")), std::string("cancelled by the user"));
        QCOMPARE(db.queryText("SELECT state FROM runs WHERE id<>" + std::to_string(base)), std::string("cancelled"));
    }

    // The verdict of a rejected round and the return of its removals are one transaction: when
    // the second write fails (a trigger stands in for an I/O error), no round is left
    // 'rejected' with its samples still removed, and the caller gets the original error.
    void rejectedRoundWritesItsVerdictAtomically() {
        const auto f = file("atomic.winnow");
        array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        auto cfg = array_fixture::tinyConfig(1);
        cfg.lr = 0.001;  // a weak base model (as in rejectedRoundRollsBack): the round can be judged
        const int64_t base = trainRun(*p, cfg, {}).runId;
        auto& db = p->db();
        db.exec("CREATE TEMP TRIGGER fail_restore BEFORE DELETE ON working_set_removed "
                "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END");
        RankOptions o;
        o.baseRun = base;
        o.rounds = 1;
        o.epochs = 1;
        o.scoring.gamma = 1;
        o.acceptMargin = 1.0;  // +100 points: the round is rejected
        std::string error;
        try {
            runInfluentialRank(*p, o, {});
        } catch (const Error& e) {
            error = e.what();
        }
        QVERIFY2(error.find("simulated write failure") != std::string::npos, error.c_str());
        const std::string state = db.queryText("SELECT state FROM influence_rounds");
        const int64_t removed = db.queryInt64("SELECT count(*) FROM working_set_removed");
        QVERIFY(removed > 0);  // the failing restore left them (the trigger blocks every delete)
        QVERIFY2(state != "rejected", "the round says rejected but its samples are still removed");
        QCOMPARE(state, std::string("running"));  // next open marks it interrupted and restores them
        // Without the failure the same rejection restores the working set in the same step.
        db.exec("DROP TRIGGER fail_restore");
        db.exec("DELETE FROM working_set_removed");
        db.exec("DELETE FROM influence_rounds");
        const nlohmann::json s = runInfluentialRank(*p, o, {});
        QCOMPARE(jsonInt(jsonField(s, "accepted_rounds")), int64_t(0));
        QCOMPARE(db.queryText("SELECT state FROM influence_rounds"), std::string("rejected"));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM working_set_removed"), int64_t(0));
    }

    // A post-training that fails: the caller gets the original error and the round keeps it.
    void failedRoundKeepsTheOriginalError() {
        const auto f = file("fail.winnow");
        array_fixture::makeArrayProject(f, 60);
        auto p = Project::open(f);
        const auto base = trainRun(*p, array_fixture::tinyConfig(1), {});
        fs::remove(fs::path(base.outputsDir) / "checkpoint.pt");  // post-training starts from it
        RankOptions o;
        o.baseRun = base.runId;
        o.rounds = 1;
        o.epochs = 1;
        o.scoring.gamma = 1;
        std::string error;
        try {
            runInfluentialRank(*p, o, {});
        } catch (const Error& e) {
            error = e.what();
        }
        QVERIFY2(error.find("checkpoint.pt") != std::string::npos, error.c_str());
        auto& db = p->db();
        QCOMPARE(db.queryText("SELECT state FROM influence_rounds"), std::string("failed"));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM working_set_removed"), int64_t(0));
        const nlohmann::json m = parseJson(db.queryText("SELECT coalesce(metrics_json,'{}') FROM influence_rounds"), "metrics_json");
        QCOMPARE(jsonString(jsonField(m, "error")), error);
    }
};

QTEST_GUILESS_MAIN(TestInfluenceRounds)
#include "tst_influence_rounds.moc"
