// "Retrain and re-score" end to end on a tiny array project: decisions made through the
// review widget, applied as a new label version, then the retrain job trains a new run with
// the base run's config (reviewer-excluded samples left out) and scores it with the same
// detectors, as runner jobs with progress; and a cancelled retrain leaves no scoring behind.
#include <QSignalSpy>
#include <QtTest>
#include <set>

#include "../core/array_project_fixture.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/review/label_versions.h"
#include "core/store/project.h"
#include "core/train/run_record.h"
#include "core/train/trainer.h"
#include "widgets/job_runner.h"
#include "widgets/review/retrain_job.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

class TestReviewRetrain : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Project + one-epoch base run scored by two detectors; returns the base run id.
    qint64 prepare(const fs::path& file) {
        array_fixture::makeArrayProject(file, 100);
        auto p = core::Project::open(file);
        core::TrainConfig cfg = array_fixture::tinyConfig(1);
        cfg.lr = 0.04;  // distinguishes "the base run's config" from the defaults
        const auto run = core::trainRun(*p, cfg, {});
        for (const char* det : {"small-loss", "influential-rank"}) {
            core::ScoreRequest r;
            r.detector = det;
            r.runId = run.runId;
            core::scoreProject(*p, r);
        }
        return run.runId;
    }

private Q_SLOTS:
    void retrainsOnCleanedLabelsAndRescores() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "retrain.winnow";
        const qint64 base = prepare(file);

        // Exclude the first four queued samples through the GUI path.
        ReviewWidget w;
        w.open(file, loadReviewData(file), QStringLiteral("tester"));
        QVERIFY(w.model()->rowCount() >= 4);
        std::set<int64_t> excluded;
        QList<qint64> head;
        for (int i = 0; i < 4; ++i) head << w.model()->sampleIdAt(i);
        for (qint64 id : head) {
            w.setCurrentRow(w.model()->rowOfSample(id));
            QCOMPARE(w.currentSampleId(), id);
            QVERIFY2(w.decide(core::ReviewAction::Exclude), qPrintable(w.lastError()));
            excluded.insert(id);
        }
        QCOMPARE(int(excluded.size()), 4);
        std::unique_ptr<core::Project> p = core::Project::open(file);
        const auto applied = core::applyReviewDecisions(*p, "reviewed");
        QCOMPARE(applied.excluded, 4);
        QCOMPARE(applied.versionId, 2);

        const RetrainPlan plan = planRetrain(*p, base);
        QCOMPARE(plan.baseRun, base);
        QCOMPARE(plan.labelVersion, 2);
        QCOMPARE(plan.config.epochs, 1);
        QCOMPARE(plan.config.lr, 0.04);
        QCOMPARE(int(plan.scorings.size()), 2);
        QCOMPARE(QString::fromStdString(plan.scorings[0].detector), QStringLiteral("small-loss"));
        QCOMPARE(QString::fromStdString(plan.scorings[1].detector), QStringLiteral("influential-rank"));
        const int64_t baseTrain = core::parseJson(p->db().queryText(
            "SELECT summary_json FROM runs WHERE id=" + std::to_string(base)), "summary_json").at("n_train").get<int64_t>();
        p.reset();

        JobRunner runner;
        RetrainJob job(&runner);
        QSignalSpy progress(&runner, &JobRunner::jobProgress);
        QSignalSpy started(&runner, &JobRunner::jobStarted);
        QSignalSpy done(&job, &RetrainJob::finished);
        QVERIFY(job.start(file, plan) > 0);
        QVERIFY(job.isRunning());
        QVERIFY(done.wait(120000));
        const auto args = done.first();
        QVERIFY2(args.at(0).toBool(), qPrintable(args.at(4).toString()));
        const qint64 newRun = args.at(2).toLongLong();
        const auto scorings = args.at(3).value<QList<qint64>>();
        QVERIFY(newRun > base);
        QCOMPARE(scorings.size(), 2);
        QCOMPARE(started.count(), 2);  // a training job, then a scoring job
        QVERIFY(progress.count() > 0);

        p = core::Project::openReadOnly(file);
        auto& db = p->db();
        const std::string nr = std::to_string(newRun);
        QCOMPARE(db.queryText("SELECT state FROM runs WHERE id=" + nr), std::string("done"));
        QCOMPARE(db.queryInt64("SELECT parent_run FROM runs WHERE id=" + nr), base);
        QCOMPARE(core::loadRunConfig(db, newRun).lr, 0.04);
        QCOMPARE(p->meta(runLabelVersionKey(newRun)), std::string("2"));
        // Trained on four fewer samples: the excluded ones.
        QCOMPARE(core::parseJson(db.queryText("SELECT summary_json FROM runs WHERE id=" + nr), "summary_json").at("n_train").get<int64_t>(),
                 baseTrain - 4);
        // Per class, the training counts drop by the excluded samples of that class.
        const auto countsOf = [&](qint64 run) {
            const nlohmann::json j = core::parseJson(db.queryText("SELECT summary_json FROM runs WHERE id=" + std::to_string(run)), "summary_json");
            std::vector<int64_t> c;
            for (const auto& v : core::jsonArray(core::jsonField(j, "train_counts"))) c.push_back(core::jsonInt(v));
            return c;
        };
        std::vector<int64_t> expect = countsOf(base);
        QCOMPARE(int(expect.size()), 3);
        for (int64_t id : excluded)
            --expect[size_t(db.queryInt64("SELECT c.idx FROM samples s JOIN classes c ON c.id=s.label WHERE s.id=" +
                                          std::to_string(id)))];
        QCOMPARE(countsOf(newRun), expect);
        QCOMPARE(db.queryInt64("SELECT count(*) FROM scorings WHERE run_id=" + nr), 2);
        for (qint64 sid : scorings) {
            QCOMPARE(db.queryInt64("SELECT run_id FROM scorings WHERE id=" + std::to_string(sid)), newRun);
            const auto f = core::ScoreFile::read(p->cacheDir() /
                                                 db.queryText("SELECT result_file FROM scorings WHERE id=" + std::to_string(sid)));
            QCOMPARE(f.n(), int64_t(baseTrain - 4));
            for (int64_t id : f.sampleIds) QVERIFY2(!excluded.count(id), qPrintable(QString::number(id)));
        }
        // The review window's loader sees the new scoring as the newest one.
        QCOMPARE(listScorings(file).front().id, scorings.last());
        QCOMPARE(loadReviewData(file)->runId, newRun);
    }

    void cancelLeavesNoScoring() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "cancel.winnow";
        const qint64 base = prepare(file);
        RetrainPlan plan;
        {
            auto p = core::Project::open(file);
            plan = planRetrain(*p, base);
        }
        plan.config.epochs = 50;  // long enough to be cancelled mid-training
        JobRunner runner;
        RetrainJob job(&runner);
        QSignalSpy done(&job, &RetrainJob::finished);
        QSignalSpy trained(&job, &RetrainJob::trained);
        QVERIFY(job.start(file, plan) > 0);
        QSignalSpy progress(&runner, &JobRunner::jobProgress);
        QVERIFY(progress.wait(60000));
        job.cancel();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QCOMPARE(done.first().at(1).toBool(), true);
        QCOMPARE(trained.count(), 0);
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings"), 2);  // only the base run's
        QCOMPARE(p->db().queryText("SELECT state FROM runs ORDER BY id DESC LIMIT 1"), std::string("cancelled"));
    }
};

QTEST_MAIN(TestReviewRetrain)
#include "tst_review_retrain.moc"
