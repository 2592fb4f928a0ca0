// JobRunner: results, cancellation and errors delivered on the GUI thread; the jobs panel
// shows them as text.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <thread>

#include "core/util/error.h"
#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"

using namespace winnow;
using widgets::JobResult;
using widgets::JobRunner;

class TestJobRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void successReportsProgressOnGuiThread() {
        JobRunner runner;
        QThread* gui = QThread::currentThread();
        std::atomic<QThread*> workerThread{nullptr};
        bool progressOnGui = true;
        double lastFraction = -1;
        connect(&runner, &JobRunner::jobProgress, this, [&](int, double f, const QString&) {
            progressOnGui = progressOnGui && QThread::currentThread() == gui;
            lastFraction = f;
        });
        std::optional<JobResult> result;
        QThread* doneThread = nullptr;
        runner.start(
            "count",
            [&](const core::ProgressFn& progress, const core::CancelToken&) {
                workerThread = QThread::currentThread();
                for (int i = 1; i <= 10; ++i) progress({i / 10.0, "step"});
            },
            [&](const JobResult& r) {
                result = r;
                doneThread = QThread::currentThread();
            });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        QVERIFY(result->ok);
        QVERIFY(!result->cancelled);
        QVERIFY(result->error.isEmpty());
        QVERIFY(workerThread.load() != gui);  // the work ran elsewhere
        QCOMPARE(doneThread, gui);
        QVERIFY(progressOnGui);
        QCOMPARE(lastFraction, 1.0);  // the final report is never coalesced away
        QCOMPARE(runner.runningCount(), 0);
    }

    void cancellation() {
        JobRunner runner;
        std::atomic<bool> started{false};
        std::optional<JobResult> result;
        const int id = runner.start(
            "loop",
            [&](const core::ProgressFn&, const core::CancelToken& cancel) {
                started = true;
                for (int i = 0; i < 20000; ++i) {  // at most ~20 s if cancel were ignored
                    cancel.throwIfCancelled();
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
            },
            [&](const JobResult& r) { result = r; });
        QVERIFY(runner.isRunning(id));
        QVERIFY(QTest::qWaitFor([&] { return started.load(); }, 10000));
        runner.cancel(id);
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        QVERIFY(result->cancelled);
        QVERIFY(!result->ok);
        QVERIFY(result->error.isEmpty());
        QVERIFY(!runner.isRunning(id));
    }

    void errorsBecomeMessages_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("core error") << 0 << "/data/a.png: file is truncated";
        QTest::newRow("std exception") << 1 << "vector too long";
        QTest::newRow("non-std throw") << 2 << "Unknown error.";
    }

    void errorsBecomeMessages() {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        JobRunner runner;
        widgets::JobsPanel panel(&runner);
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int id = runner.start("fail", [kind](const core::ProgressFn&, const core::CancelToken&) {
            if (kind == 0) throw core::Error("/data/a.png: file is truncated");
            if (kind == 1) throw std::length_error("vector too long");
            throw 42;
        });
        QVERIFY(finished.wait(10000));
        const auto r = finished.at(0).at(0).value<JobResult>();
        QCOMPARE(r.id, id);
        QVERIFY(!r.ok);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.error, expected);
        QCOMPARE(panel.rowCount(), 1);
        QVERIFY(panel.statusText(id).contains(expected));
    }

    void etaText() {
        QCOMPARE(widgets::JobsPanel::formatEta(42.4), QString("42 s"));
        QCOMPARE(widgets::JobsPanel::formatEta(200), QString("3 min 20 s"));
        QCOMPARE(widgets::JobsPanel::formatEta(7260), QString("2 h 1 min"));
    }
};

QTEST_MAIN(TestJobRunner)
#include "tst_job_runner.moc"
