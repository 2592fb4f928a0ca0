// The review window over a real project: it opens the newest scoring, keeps polling while
// another connection (as the CLI would) writes a new scoring, offers it without replacing
// what is on screen, and shows it on request; decisions made meanwhile stay recorded.
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

#include "app/gui/review_window.h"
#include "../core/array_project_fixture.h"
#include "core/influence/project_scoring.h"
#include "core/review/label_versions.h"
#include "core/store/project.h"
#include "core/train/trainer.h"
#include "widgets/job_runner.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/scoring_watcher.h"
#include "widgets/runs/compare_runs_dialog.h"
#include <QTableWidget>

using namespace winnow;
namespace fs = std::filesystem;

class TestReviewWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase() {
        // The reviewer name comes from the settings; keep them inside the temporary folder.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
    }

    void picksUpAScoringWrittenElsewhere() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "win.winnow";
        array_fixture::makeArrayProject(file, 60);
        const qint64 first = array_fixture::trainAndScore(file, "small-loss");
        auto* w = new gui::ReviewWindow(file);
        w->setPollInterval(50);
        QCOMPARE(w->scoringWatcher()->interval(), 50);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        QCOMPARE(w->review()->model()->reviewData()->detector, QStringLiteral("small-loss"));
        QCOMPARE(w->review()->reviewer(), QStringLiteral("tester"));
        QVERIFY(w->review()->decide(core::ReviewAction::Exclude));

        qint64 second = 0;
        {
            auto p = core::Project::open(file);  // another writer, as winnow-cli would be
            core::ScoreRequest r;
            r.detector = "confident-learning";
            second = core::scoreProject(*p, r).scoringId;
        }
        QVERIFY(second > first);
        QTRY_COMPARE_WITH_TIMEOUT(w->pendingScoring(), second, 10000);
        QVERIFY2(w->bannerText().contains(QStringLiteral("confident-learning")), qPrintable(w->bannerText()));
        // Offered, not forced: the queue still shows the first scoring.
        QCOMPARE(w->review()->model()->reviewData()->detector, QStringLiteral("small-loss"));
        w->loadPendingScoring();
        QTRY_COMPARE_WITH_TIMEOUT(w->review()->model()->reviewData()->detector, QStringLiteral("confident-learning"), 20000);
        QCOMPARE(w->pendingScoring(), 0);
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions WHERE action='exclude'"), 1);
        delete w;
    }

    // Apply, retrain and re-score from the window: the jobs run on the window's runner, and
    // when they end the window offers the new scoring, which then opens in the queue.
    void retrainOffersTheNewScoring() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "retrain.winnow";
        array_fixture::makeArrayProject(file, 60);
        qint64 base = 0;
        {
            auto p = core::Project::open(file);
            base = core::trainRun(*p, array_fixture::tinyConfig(1), {}).runId;
            core::ScoreRequest r;
            r.detector = "small-loss";
            core::scoreProject(*p, r);
        }
        // The base run's label version is inferred from creation times (one-second
        // resolution): apply the decisions in a later second than the run began.
        {
            auto p = core::Project::openReadOnly(file);
            const std::string began = p->db().queryText("SELECT created_at FROM runs WHERE id=" + std::to_string(base));
            QTRY_VERIFY_WITH_TIMEOUT(core::Project::nowUtc() != began, 5000);
        }
        auto* w = new gui::ReviewWindow(file);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        const qint64 excluded = w->review()->currentSampleId();
        QVERIFY(excluded > 0);
        QVERIFY(w->review()->decide(core::ReviewAction::Exclude));
        QCOMPARE(core::applyReviewDecisions(*w->review()->project(), "reviewed").excluded, 1);
        const auto plan = widgets::planRetrain(*w->review()->project(), base);
        QSignalSpy jobs(w->jobs(), &widgets::JobRunner::jobStarted);
        QVERIFY(w->startRetrain(plan));
        QVERIFY(!w->startRetrain(plan));  // one at a time
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = w->findChild<QMessageBox*>(QStringLiteral("retrainDone"))) != nullptr, 60000);
        QCOMPARE(jobs.count(), 2);
        auto p = core::Project::openReadOnly(file);
        const qint64 newRun = p->db().queryInt64("SELECT max(id) FROM runs");
        const qint64 newScoring = p->db().queryInt64("SELECT max(id) FROM scorings");
        QVERIFY(newRun > base);
        QCOMPARE(p->db().queryInt64("SELECT run_id FROM scorings WHERE id=" + std::to_string(newScoring)), newRun);
        QCOMPARE(w->pendingScoring(), newScoring);
        box->findChild<QPushButton*>(QStringLiteral("openNewScoring"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(w->review()->model()->reviewData()->runId, newRun, 20000);
        // The excluded sample is not among the new scoring's samples.
        QCOMPARE(w->review()->model()->reviewData()->rowOf(excluded), -1);

        // Compare runs on the real pair: the new run against the one it was retrained from,
        // on label versions 1 and 2; the scorings share every train sample but the excluded one.
        widgets::CompareRunsDialog cmp(file);
        QCOMPARE(cmp.runA(), base);
        QCOMPARE(cmp.runB(), newRun);
        QCOMPARE(cmp.runsTable()->item(0, 6)->text(), QStringLiteral("1"));
        QCOMPARE(cmp.runsTable()->item(1, 6)->text(), QStringLiteral("2"));
        QCOMPARE(cmp.curve(1, QStringLiteral("acc_train")).size(), 1);  // one epoch
        QCOMPARE(cmp.perClass(0).size(), 3);
        QCOMPARE(cmp.scoringTable()->rowCount(), 1);
        QCOMPARE(cmp.scoringTable()->item(0, 0)->text(), QStringLiteral("small-loss"));
        const int64_t nTrain = p->db().queryInt64("SELECT count(*) FROM samples WHERE split=0");
        QCOMPARE(cmp.scoringTable()->item(0, 8)->text(), QString::number(nTrain - 1));
        QVERIFY(cmp.scoringTable()->item(0, 6)->text().count(QLatin1Char('/')) == 2);  // self-test P/R/F1
        delete w;
    }
};

QTEST_MAIN(TestReviewWindow)
#include "tst_review_window.moc"
