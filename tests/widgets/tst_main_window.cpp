// The main window with its Review windows (issue 16): File → Quit closes every window, so
// the process ends.
#include <QAction>
#include <QApplication>
#include <QPointer>
#include <QSettings>
#include <QtTest>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "review_fixture.h"
#include "core/util/error.h"
#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/sample_grid_model.h"
#include <atomic>

using namespace winnow;
namespace fs = std::filesystem;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_count = 0;

    fs::path project(int n = 40) {
        ++m_count;
        auto data = widgets::makeSyntheticReviewData(n, 3, 0.3, 100 + m_count);
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / ("p" + std::to_string(m_count) + ".winnow");
        review_fixture::makeProject(file, dir / ("m" + std::to_string(m_count)), *data);
        return file;
    }

    static bool open(gui::MainWindow& mw, const fs::path& file) {
        bool shown = false;
        mw.openProject(QString::fromStdString(file.string()), [&shown] { shown = true; });
        return QTest::qWaitFor([&] { return shown; }, 20000);
    }

    static int visibleTopLevels() {
        int n = 0;
        for (QWidget* w : QApplication::topLevelWidgets()) n += w->isVisible() ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
    }

    // Bug 5: Quit used to close the main window only; the Review window (a window of its
    // own) stayed open and kept the process alive.
    void quitClosesTheReviewWindowToo() {
        const fs::path file = project();
        auto* mw = new gui::MainWindow;
        mw->show();
        bool shown = false;
        mw->openProject(QString::fromStdString(file.string()), [&shown] { shown = true; });
        QTRY_VERIFY_WITH_TIMEOUT(shown, 20000);
        QPointer<gui::ReviewWindow> review = gui::ReviewWindow::openFor(file, mw);
        QVERIFY(review);
        QVERIFY(review->isVisible());
        QCOMPARE(visibleTopLevels(), 2);
        auto* quit = mw->findChild<QAction*>(QStringLiteral("actionQuit"));
        QVERIFY(quit);
        quit->trigger();
        QVERIFY(!mw->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(review.isNull(), 5000);  // closed and deleted
        QCOMPARE(visibleTopLevels(), 0);  // so quitOnLastWindowClosed ends the process
        delete mw;
    }

    // Bug 2: a thumbnail asked for while its file was not there yet (an import still
    // writing) failed, and the failure stayed for the whole session, even across reopening
    // the project. Reopening (what the end of an import does) tries it again.
    void failedThumbnailsAreRetriedAfterReopen() {
        const fs::path file = project(12);
        const fs::path media = fs::path(m_tmp.path().toStdString()) / ("m" + std::to_string(m_count));
        const fs::path hidden = media.parent_path() / "hidden";
        fs::rename(media, hidden);  // the files are not there yet
        gui::MainWindow mw;
        mw.show();
        bool shown = false;
        mw.openProject(QString::fromStdString(file.string()), [&shown] { shown = true; });
        QTRY_VERIFY_WITH_TIMEOUT(shown, 20000);
        auto* model = mw.model();
        QVERIFY(model->rowCount() > 0);
        const QModelIndex first = model->index(0);
        model->data(first, widgets::SampleGridModel::ThumbnailRole);  // asks for the decode
        QTRY_VERIFY_WITH_TIMEOUT(model->data(first, widgets::SampleGridModel::ThumbnailFailedRole).toBool(), 10000);

        fs::rename(hidden, media);  // the import has written them
        shown = false;
        mw.openProject(QString::fromStdString(file.string()), [&shown] { shown = true; });
        QTRY_VERIFY_WITH_TIMEOUT(shown, 20000);
        const QModelIndex again = model->index(0);
        QVERIFY(!model->data(again, widgets::SampleGridModel::ThumbnailFailedRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(
            !model->data(again, widgets::SampleGridModel::ThumbnailRole).value<QImage>().isNull(), 10000);
    }

    // Bug 9: the jobs panel kept the previous project's jobs after Open Project. Now its
    // finished jobs are cleared and a job still running stays, labelled with its project.
    void jobsPanelFollowsTheOpenProject() {
        const fs::path a = project(10), b = project(10);
        std::atomic<bool> release{false};  // outlives the window, whose runner waits for the job
        gui::MainWindow mw;
        mw.show();
        QVERIFY(open(mw, a));
        auto* panel = mw.findChild<widgets::JobsPanel*>();
        QVERIFY(panel);
        widgets::JobRunner* runner = mw.jobs();
        QSignalSpy done(runner, &widgets::JobRunner::jobFinished);
        const int failed = runner->start(QStringLiteral("Export"), [](const core::ProgressFn&, const core::CancelToken&) {
            throw core::Error("disk full");
        });
        QTRY_COMPARE(done.count(), 1);
        // Ends when released or cancelled (the window cancels its jobs when it goes, also
        // after a failed check).
        const int running = runner->start(QStringLiteral("Long job"), [&release](const core::ProgressFn&, const core::CancelToken& cancel) {
            while (!release && !cancel.cancelled()) QThread::msleep(5);
        });
        QVERIFY(!panel->statusText(failed).isEmpty());
        QVERIFY(open(mw, b));
        QCOMPARE(panel->statusText(failed), QString());  // gone
        QVERIFY(runner->isRunning(running));
        QVERIFY2(panel->titleText(running).contains(QStringLiteral("p%1.winnow").arg(m_count - 1)),
                 qPrintable(panel->titleText(running)));
        release = true;
        runner->waitForAll();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
