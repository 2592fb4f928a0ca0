// The jobs panel (issue 16): finished jobs stay listed until cleared, cancelling a long job
// asks first, and a job with phases shows each phase with its own progress.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <thread>

#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/train/training_job.h"

using namespace winnow;
using widgets::JobRunner;
using widgets::JobsPanel;

namespace {
// Ends when released or cancelled.
widgets::JobFn waitingJob(std::atomic<bool>& release) {
    return [&release](const core::ProgressFn&, const core::CancelToken& cancel) {
        while (!release && !cancel.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    };
}
}  // namespace

class TestJobsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A successful job used to vanish five seconds after it ended, so a user who looked
    // away never saw that (or how long) it ran.
    void finishedJobsStayUntilCleared() {
        JobRunner runner;
        JobsPanel panel(&runner);
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int ok = runner.start("export", [](const core::ProgressFn& p, const core::CancelToken&) {
            p({1.0, "written"});
        });
        QVERIFY(finished.wait(10000));
        QVERIFY(panel.statusText(ok).startsWith(QStringLiteral("Done in")));
        QTest::qWait(6000);  // longer than the old fade-out
        QCOMPARE(panel.rowCount(), 1);
        QVERIFY(panel.statusText(ok).startsWith(QStringLiteral("Done in")));

        std::atomic<bool> release{false};
        const int running = runner.start("long", waitingJob(release));
        QTRY_COMPARE(panel.rowCount(), 2);
        auto* clear = panel.findChild<QPushButton*>(QStringLiteral("jobsClearFinished"));
        QVERIFY(clear);
        clear->click();
        QCOMPARE(panel.rowCount(), 1);  // the running job stays
        QCOMPARE(panel.statusText(ok), QString());
        QVERIFY(!panel.titleText(running).isEmpty());
        release = true;
        runner.waitForAll();
    }

    // Issue 16: in the main window's jobs dock (~230 px wide) a finished job's elapsed time
    // ran off the right edge. Every label of the row shows whole inside the panel.
    void finishedRowFitsANarrowDock() {
        JobRunner runner;
        JobsPanel panel(&runner);
        panel.resize(230, 120);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int id = runner.start("Score run 12 with Influential Rank", [](const core::ProgressFn& p, const core::CancelToken&) {
            p({1.0, "written"});
        });
        QVERIFY(finished.wait(10000));
        QVERIFY(panel.statusText(id).startsWith(QStringLiteral("Done in")));
        // The row relayouts after the finish signal; a loaded machine may need a few passes.
        auto cutLabels = [&panel] {
        QStringList bad;
        for (QLabel* l : panel.findChildren<QLabel*>()) {
            if (!l->isVisible() || l->text().isEmpty()) continue;
            const QRect r(l->mapTo(&panel, QPoint(0, 0)), l->size());
            const QRect visible = l->visibleRegion().boundingRect();
            if (!panel.rect().contains(r) || visible.size() != l->size())
                bad << QStringLiteral("'%1' at %2,%3 %4×%5 (visible %6×%7) outside the 230 px panel")
                           .arg(l->text()).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())
                           .arg(visible.width()).arg(visible.height());
            const bool whole = l->wordWrap() ? l->heightForWidth(l->width()) <= l->height()
                                             : l->sizeHint().width() <= l->width();
            if (!whole) bad << QStringLiteral("'%1' cut: %2×%3").arg(l->text()).arg(l->width()).arg(l->height());
        }
        return bad;
        };
        for (int i = 0; i < 100 && !cutLabels().isEmpty(); ++i) QTest::qWait(20);
        const QStringList bad = cutLabels();
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // Issue 16: under the review window's tabs the strip took ~100 px to say "No jobs.";
    // hidden when empty, it shows while a job is listed.
    void hiddenWhenEmpty() {
        JobRunner runner;
        QWidget host;
        auto* panel = new JobsPanel(&runner, &host);
        panel->setHiddenWhenEmpty(true);
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        QVERIFY(!panel->isVisible());
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.start("export", [](const core::ProgressFn& p, const core::CancelToken&) { p({1.0, "written"}); });
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(finished.wait(10000) || finished.count() == 1);
        QVERIFY(panel->isVisible());  // the outcome stays until cleared
        panel->clearFinished();
        QVERIFY(!panel->isVisible());
    }

    // Cancel on a job that has run for a while asks; "No" keeps it running.
    void cancellingALongJobAsksFirst() {
        JobRunner runner;
        JobsPanel panel(&runner);
        panel.setConfirmCancelAfterMs(0);  // every job counts as long here
        QStringList asked;
        bool answer = false;
        panel.setCancelConfirmation([&](const QString& title) {
            asked << title;
            return answer;
        });
        std::atomic<bool> release{false};
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int id = runner.start("retrain", waitingJob(release));
        QTRY_COMPARE(panel.rowCount(), 1);
        auto* cancel = panel.findChild<QPushButton*>(QStringLiteral("jobCancel"));
        QVERIFY(cancel);
        cancel->click();
        QCOMPARE(asked, QStringList{QStringLiteral("retrain")});
        QTest::qWait(100);
        QVERIFY(runner.isRunning(id));  // refused: still running
        answer = true;
        cancel->click();
        QCOMPARE(asked.size(), 2);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.at(0).at(0).value<widgets::JobResult>().cancelled);
        QCOMPARE(panel.statusText(id), QStringLiteral("Cancelled."));

        // A job cancelled early is cancelled without a question.
        panel.setConfirmCancelAfterMs(3600 * 1000);
        release = false;
        const int quick = runner.start("quick", waitingJob(release));
        panel.requestCancel(quick);
        QCOMPARE(asked.size(), 2);
        QVERIFY(finished.wait(10000));
        QVERIFY(!runner.isRunning(quick));
    }

    // Training's outputs pass used to sit at a full bar with "0 s left" for minutes: now it
    // is a phase of its own whose bar starts again from zero.
    void phasesHaveTheirOwnProgress() {
        JobRunner runner;
        JobsPanel panel(&runner);
        std::atomic<int> step{0};
        std::atomic<bool> release{false};
        QSignalSpy phases(&runner, &JobRunner::jobPhase);
        const int id = runner.start(
            "train",
            [&](const core::ProgressFn& p, const core::CancelToken& cancel) {
                p({0.5, "epoch 1/2"});
                p({1.0, "epoch 2/2"});
                step = 1;
                while (step < 2 && !cancel.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
                p({0.0, "writing run outputs"});
                // Reports closer than the runner's interval are coalesced.
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                p({0.25, "writing run outputs"});
                step = 3;
                while (!release && !cancel.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            },
            {}, &widgets::TrainingJob::phaseOf);
        QTRY_COMPARE(step.load(), 1);
        QTRY_COMPARE(panel.progressValue(id), 1000);
        QCOMPARE(panel.phaseText(id), QStringLiteral("Training"));
        QVERIFY2(panel.statusText(id).startsWith(QStringLiteral("Training: epoch 2/2")),
                 qPrintable(panel.statusText(id)));
        step = 2;
        QTRY_COMPARE(step.load(), 3);
        QTRY_COMPARE(panel.progressValue(id), 250);
        QCOMPARE(panel.phaseText(id), QStringLiteral("Writing run outputs"));
        QVERIFY2(panel.statusText(id).startsWith(QStringLiteral("Writing run outputs")),
                 qPrintable(panel.statusText(id)));
        QCOMPARE(phases.count(), 2);
        QCOMPARE(phases.at(1).at(1).toString(), QStringLiteral("Writing run outputs"));
        release = true;
        runner.waitForAll();
    }

    void trainerMessagesMapToPhases() {
        using widgets::TrainingJob;
        QCOMPARE(TrainingJob::phaseOf({0.0, "measuring the input statistics"}), QStringLiteral("Preparing"));
        QCOMPARE(TrainingJob::phaseOf({0.3, "epoch 3/10"}), QStringLiteral("Training"));
        QCOMPARE(TrainingJob::phaseOf({0.1, "writing run outputs"}), QStringLiteral("Writing run outputs"));
    }
};

QTEST_MAIN(TestJobsPanel)
#include "tst_jobs_panel.moc"
