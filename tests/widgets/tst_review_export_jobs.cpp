// The review window's label and ImageFolder exports run as jobs (off the GUI thread, progress
// and Cancel in the jobs strip): progress reaches 100%, and a cancelled export leaves nothing
// behind, not even over a file that was there before. Jobs that hold every thread of the
// window's pool keep the export queued while the test looks at it and cancels it, so nothing
// here depends on timing.
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <thread>

#include "../core/array_project_fixture.h"
#include "app/gui/review_window.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

// Occupies every thread of a JobRunner's pool (4, see job_runner.cpp) until released.
class PoolBlocker {
public:
    explicit PoolBlocker(widgets::JobRunner* jobs) {
        for (int i = 0; i < 4; ++i)
            jobs->start(QStringLiteral("blocker"), [s = m_state](const core::ProgressFn&, const core::CancelToken&) {
                ++s->running;
                while (!s->release) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            });
        QTRY_COMPARE_WITH_TIMEOUT(m_state->running.load(), 4, 20000);
    }
    ~PoolBlocker() { m_state->release = true; }

private:
    struct State {
        std::atomic<int> running{0};
        std::atomic<bool> release{false};
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

widgets::JobResult resultOf(const QSignalSpy& finished, int id) {
    for (const auto& args : finished) {
        const auto r = args.at(0).value<widgets::JobResult>();
        if (r.id == id) return r;
    }
    return {};
}

bool finishedJob(const QSignalSpy& finished, int id) { return resultOf(finished, id).id == id; }

}  // namespace

class TestReviewExportJobs : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    std::unique_ptr<gui::ReviewWindow> m_window;

    QString path(const char* name) const { return m_tmp.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
        m_file = fs::path(m_tmp.path().toStdString()) / "exp.winnow";
        array_fixture::makeArrayProject(m_file, 60);
        array_fixture::trainAndScore(m_file, "small-loss");
        m_window = std::make_unique<gui::ReviewWindow>(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->review()->model()->reviewData() != nullptr, 20000);
    }

    void cleanupTestCase() { m_window.reset(); }

    void labelsExportRunsAsAJobToTheEnd() {
        widgets::JobRunner* jobs = m_window->jobs();
        QSignalSpy started(jobs, &widgets::JobRunner::jobStarted);
        QSignalSpy progress(jobs, &widgets::JobRunner::jobProgress);
        QSignalSpy finished(jobs, &widgets::JobRunner::jobFinished);
        const QString csv = path("labels.csv");
        int id = 0;
        {
            PoolBlocker busy(jobs);
            QVERIFY(m_window->exportLabelsTo(csv, false));
            id = started.last().at(0).toInt();
            QVERIFY(jobs->isRunning(id));
            QVERIFY(!QFile::exists(csv));  // queued as a job, not written on the GUI thread
        }
        QTRY_VERIFY_WITH_TIMEOUT(finishedJob(finished, id), 30000);
        QVERIFY(resultOf(finished, id).ok);
        double last = -1;
        for (const auto& args : progress)
            if (args.at(0).toInt() == id) last = args.at(1).toDouble();
        QCOMPARE(last, 1.0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const qint64 samples = core::Project::openReadOnly(m_file)->db().queryInt64("SELECT count(*) FROM samples");
        QVERIFY(samples > 0);
        QCOMPARE(qint64(f.readAll().count('\n')), samples + 1);  // header + one row per sample
        QVERIFY2(m_window->bannerText().contains(csv), qPrintable(m_window->bannerText()));
    }

    void cancelledLabelsExportLeavesTheOldFile() {
        for (bool json : {false, true}) {
            widgets::JobRunner* jobs = m_window->jobs();
            QSignalSpy started(jobs, &widgets::JobRunner::jobStarted);
            QSignalSpy finished(jobs, &widgets::JobRunner::jobFinished);
            QDir().mkpath(path("cancel"));
            const QString out = path(json ? "cancel/labels.json" : "cancel/labels.csv");
            {
                QFile old(out);
                QVERIFY(old.open(QIODevice::WriteOnly));
                old.write("the user's file\n");
            }
            int id = 0;
            {
                PoolBlocker busy(jobs);
                QVERIFY(m_window->exportLabelsTo(out, json));
                id = started.last().at(0).toInt();
                jobs->cancel(id);
            }
            QTRY_VERIFY_WITH_TIMEOUT(finishedJob(finished, id), 30000);
            QVERIFY(resultOf(finished, id).cancelled);
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("the user's file\n"));
            // No temporary left beside it.
            QCOMPARE(QDir(path("cancel")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                     QStringList{QFileInfo(out).fileName()});
            QVERIFY2(m_window->bannerText().contains(QStringLiteral("cancelled")), qPrintable(m_window->bannerText()));
            QFile::remove(out);
        }
    }

    void imageFolderExportRunsAsAJob() {
        widgets::JobRunner* jobs = m_window->jobs();
        QSignalSpy started(jobs, &widgets::JobRunner::jobStarted);
        QSignalSpy progress(jobs, &widgets::JobRunner::jobProgress);
        QSignalSpy finished(jobs, &widgets::JobRunner::jobFinished);
        const QString dir = path("folder");
        QDir().mkpath(dir);
        QVERIFY(m_window->exportImageFolderTo(dir));
        const int id = started.last().at(0).toInt();
        QTRY_VERIFY_WITH_TIMEOUT(finishedJob(finished, id), 60000);
        QVERIFY2(resultOf(finished, id).ok, qPrintable(resultOf(finished, id).error));
        double last = -1;
        for (const auto& args : progress)
            if (args.at(0).toInt() == id) last = args.at(1).toDouble();
        QCOMPARE(last, 1.0);
        QVERIFY(QFile::exists(dir + QStringLiteral("/classes.json")));
        QVERIFY2(m_window->bannerText().contains(QStringLiteral("written")), qPrintable(m_window->bannerText()));
    }

    void cancelledImageFolderExportLeavesAnEmptyFolder() {
        widgets::JobRunner* jobs = m_window->jobs();
        QSignalSpy started(jobs, &widgets::JobRunner::jobStarted);
        QSignalSpy finished(jobs, &widgets::JobRunner::jobFinished);
        const QString dir = path("folder-cancel");
        QDir().mkpath(dir);
        int id = 0;
        {
            PoolBlocker busy(jobs);
            QVERIFY(m_window->exportImageFolderTo(dir));
            id = started.last().at(0).toInt();
            jobs->cancel(id);
        }
        QTRY_VERIFY_WITH_TIMEOUT(finishedJob(finished, id), 30000);
        QVERIFY(resultOf(finished, id).cancelled);
        QVERIFY(QDir(dir).exists());  // the user's folder stays, empty as it was
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }
};

QTEST_MAIN(TestReviewExportJobs)
#include "tst_review_export_jobs.moc"
