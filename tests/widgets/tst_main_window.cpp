// The main window with its Review windows (issue 16): File → Quit closes every window, so
// the process ends; the loop without the CLI (Analyse menu); the grid's review filters,
// score sorting, search and jump; the selection shared with the Review window; settings.
#include <QAction>
#include <QApplication>
#include <QPointer>
#include <QSettings>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>

#include "gui_fixture.h"
#include "review_fixture.h"
#include "train_fixture.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/review/review_log.h"
#include "core/store/database.h"
#include "core/util/error.h"
#include "core/train/run_outputs.h"
#include "widgets/analysis/analysis_jobs.h"
#include "widgets/analysis/noise_dialog.h"
#include "widgets/analysis/score_dialog.h"
#include "widgets/import_dialog.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/sample_grid_view.h"
#include "widgets/settings_dialog.h"
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

    // Visible sample ids of the grid, in order.
    static QList<qint64> shownIds(gui::MainWindow& mw) {
        QList<qint64> ids;
        for (int r = 0; r < mw.model()->rowCount(); ++r) ids << mw.model()->sampleIdAt(r);
        return ids;
    }

    // Chooses a combo item by its data and waits for the grid to show the new query.
    static bool choose(gui::MainWindow& mw, const char* comboName, const QVariant& data, int role = Qt::UserRole) {
        auto* c = mw.findChild<QComboBox*>(QLatin1String(comboName));
        if (!c) return false;
        const int i = c->findData(data, role);
        if (i < 0) return false;
        QSignalSpy applied(mw.model(), &widgets::SampleGridModel::queryApplied);
        c->setCurrentIndex(i);
        // Another query may be applied first (facts re-read after a scoring): wait for this one.
        return QTest::qWaitFor(
            [&] {
                if (applied.isEmpty() || mw.model()->busy()) return false;
                const widgets::GridQuery& q = mw.model()->query();
                if (QLatin1String(comboName) == QLatin1String("gridSort"))
                    return role == Qt::UserRole + 1 ? q.sort == widgets::GridSortKey::Value && q.facts
                                                    : int(q.sort) == data.toInt();
                if (QLatin1String(comboName) == QLatin1String("gridReviewFilter")) return int(q.review) == data.toInt();
                return true;
            },
            20000);
    }

    // A stored scoring written by hand: score = id for even ids (so higher ids rank first),
    // odd ids unscored; ids divisible by 4 flagged.
    static void addScoring(const fs::path& file, int64_t n) {
        auto p = core::Project::open(file);
        auto& db = p->db();
        db.exec("INSERT INTO runs(id, created_at, state, config_json) VALUES(1, '2026-01-01', 'done', '{}')");
        core::ScoreFile sf;
        for (int64_t id = 2; id <= n; id += 2) {
            sf.sampleIds.push_back(id);
            sf.givenLabel.push_back(0);
            sf.suggestedLabel.push_back(0);
            sf.score.push_back(float(id));
            sf.suggestedProb.push_back(0.5f);
            sf.flag.push_back(id % 4 == 0 ? 1 : 0);
        }
        sf.meta = nlohmann::json::object();
        sf.meta["format"] = 1;
        sf.meta["detector"] = "small-loss";
        sf.meta["run_id"] = 1;
        sf.meta["n"] = int64_t(sf.sampleIds.size());
        sf.meta["classes"] = 3;
        sf.write(p->cacheDir() / "scorings" / "1");
        db.exec("INSERT INTO scorings(id, run_id, detector, created_at, params_json, result_file)"
                " VALUES(1, 1, 'small-loss', '2026-01-01', '{}', 'scorings/1')");
    }

    static bool open(gui::MainWindow& mw, const fs::path& file) { return gui_fixture::openProject(mw, file); }

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

    // Issue 16: the grid sorts by a scoring's score, filters by review state, searches file
    // names and jumps to an id (clearing filters that hide it).
    void gridSortsFiltersSearchesAndJumps() {
        const fs::path file = project(40);
        addScoring(file, 40);
        {
            auto p = core::Project::open(file);
            core::ReviewLog log(*p);
            core::Decision d;
            d.reviewer = "tester";
            d.sampleId = 5;
            d.action = core::ReviewAction::Relabel;
            d.oldLabel = 0;
            d.newLabel = 1;
            log.record(d);
            d.sampleId = 7;
            d.action = core::ReviewAction::Exclude;
            log.record(d);
        }
        gui::MainWindow mw;
        mw.show();
        QVERIFY(open(mw, file));
        QTRY_VERIFY_WITH_TIMEOUT(mw.gridFacts() != nullptr, 20000);
        QCOMPARE(shownIds(mw).size(), 40);

        // Sorting by the scoring, highest first: the scored ids descending, then the rest.
        mw.findChild<QCheckBox*>(QStringLiteral("gridDescending"))->setChecked(true);
        QTRY_VERIFY(!mw.model()->busy());
        QVERIFY(choose(mw, "gridSort", QStringLiteral("scoring:1"), Qt::UserRole + 1));
        QTRY_VERIFY_WITH_TIMEOUT(!mw.model()->busy() && mw.model()->rowCount() == 40, 20000);
        QList<qint64> ids = shownIds(mw);
        QCOMPARE(ids.mid(0, 4), (QList<qint64>{40, 38, 36, 34}));
        QCOMPARE(ids.mid(20, 3), (QList<qint64>{1, 3, 5}));  // unscored last, in id order

        // Flagged: the scoring's flags (ids divisible by 4).
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Flagged)));
        QCOMPARE(shownIds(mw), (QList<qint64>{40, 36, 32, 28, 24, 20, 16, 12, 8, 4}));
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Relabelled)));
        QCOMPARE(shownIds(mw), QList<qint64>{5});
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Excluded)));
        QCOMPARE(shownIds(mw), QList<qint64>{7});
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Decided)));
        QCOMPARE(shownIds(mw), (QList<qint64>{5, 7}));
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Undecided)));
        QCOMPARE(shownIds(mw).size(), 38);
        QVERIFY(choose(mw, "gridReviewFilter", int(widgets::GridReviewFilter::Any)));
        QVERIFY(choose(mw, "gridSort", int(widgets::GridSortKey::Id)));

        // File-name search (the fixture's files are s<id>.png): "S1" finds s1 and s10..s19.
        auto* search = mw.findChild<QLineEdit*>(QStringLiteral("gridSearch"));
        QVERIFY(search);
        QSignalSpy applied(mw.model(), &widgets::SampleGridModel::queryApplied);
        search->setText(QStringLiteral("S1"));
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0 && !mw.model()->busy(), 20000);
        ids = shownIds(mw);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, (QList<qint64>{1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}));

        // Jump to #33, which the search hides: the filters clear and it becomes current.
        QSignalSpy selected(&mw, &gui::MainWindow::selectedSampleChanged);
        auto* jump = mw.findChild<QLineEdit*>(QStringLiteral("gridJump"));
        QVERIFY(jump);
        jump->setText(QStringLiteral("33"));
        QTest::keyClick(jump, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(mw.selectedSampleId(), qint64(33), 20000);
        QVERIFY(search->text().isEmpty());
        QCOMPARE(mw.model()->rowCount(), 40);
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().at(0).toLongLong(), qint64(33));
        QVERIFY(!mw.selectSample(4242));  // not in the project
        QCOMPARE(mw.selectedSampleId(), qint64(33));
    }

    // Issue 16: noise → train → score (each detector and the combined ranking) → self-test,
    // with no CLI: the Analyse menu's jobs.
    void analysisLoopWithoutTheCli() {
        QTemporaryDir dir;
        const fs::path file = train_fixture::makeImageFolderProject(dir.path());
        gui::MainWindow mw;
        mw.show();
        QVERIFY(open(mw, file));
        for (const char* name : {"actionInjectNoise", "actionScoreRun", "actionEvaluateSelfTest"}) {
            auto* a = mw.findChild<QAction*>(QLatin1String(name));
            QVERIFY2(a && a->isEnabled(), name);
        }
        QCOMPARE(mw.injectNoiseAction()->objectName(), QStringLiteral("actionInjectNoise"));
        auto* panel = mw.findChild<widgets::JobsPanel*>();

        QSignalSpy labels(&mw, &gui::MainWindow::labelsChanged);
        widgets::NoiseRequest noise;
        noise.spec.kind = "asymmetric";
        noise.spec.rate = 0.25;
        noise.spec.seed = 5;
        noise.trustedPerClass = 2;
        {
            // What the dialog asks for is what it hands over.
            widgets::NoiseDialog dlg;
            dlg.setRequest(noise);
            const widgets::NoiseRequest back = dlg.request();
            QCOMPARE(back.spec.kind, noise.spec.kind);
            QCOMPARE(back.spec.rate, noise.spec.rate);
            QCOMPARE(back.spec.seed, noise.spec.seed);
            QCOMPARE(back.trustedPerClass, noise.trustedPerClass);
        }
        const int noiseJob = mw.injectNoise(noise);
        QVERIFY(noiseJob > 0);
        QTRY_COMPARE_WITH_TIMEOUT(labels.count(), 1, 20000);
        QVERIFY2(panel->statusText(noiseJob).startsWith(QStringLiteral("Done")), qPrintable(panel->statusText(noiseJob)));
        int64_t flipped = 0;
        {
            auto p = core::Project::openReadOnly(file);
            flipped = p->db().queryInt64("SELECT count(*) FROM samples WHERE original_label IS NOT NULL AND label <> original_label");
        }
        QVERIFY(flipped > 0);

        const int64_t run = train_fixture::trainTiny(file);
        {
            // The score dialog offers the run. The combined ranking needs the run's Influential
            // Rank and confident-learning scorings: without them the dialog starts on confident
            // learning, and choosing the combined ranking disables OK and says why (issue 16).
            widgets::ScoreDialog dlg(file);
            QCOMPARE(dlg.runCount(), 1);
            QCOMPARE(dlg.request().runId, run);
            QCOMPARE(dlg.request().detector, std::string("confident-learning"));
            auto* ok = dlg.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            QVERIFY(ok->isEnabled());
            auto* det = dlg.findChild<QComboBox*>(QStringLiteral("scoreDetector"));
            det->setCurrentIndex(det->findData(QStringLiteral("combined")));
            QVERIFY(!ok->isEnabled());
            bool said = false;
            for (QLabel* l : dlg.findChildren<QLabel*>())
                said = said || (l->text().contains(QStringLiteral("Influential Rank")) &&
                                l->text().contains(QStringLiteral("Confident learning")) &&
                                l->text().contains(QStringLiteral("no ")));
            QVERIFY(said);
        }
        QSignalSpy added(&mw, &gui::MainWindow::scoringAdded);
        QSignalSpy finished(mw.jobs(), &widgets::JobRunner::jobFinished);
        for (const char* detector : {"confident-learning", "influential-rank", "combined"}) {
            core::ScoreRequest req;
            req.detector = detector;
            req.runId = run;
            const int before = added.count();
            const int job = mw.scoreRun(req);
            QVERIFY(job > 0);
            QTRY_VERIFY_WITH_TIMEOUT(!mw.jobs()->isRunning(job), 120000);
            QVERIFY2(added.count() == before + 1, qPrintable(detector + QStringLiteral(": ") + panel->statusText(job)));
            QVERIFY(added.last().at(0).toLongLong() > 0);
        }
        {
            // Both scorings there: the combined ranking is the default again, and can run.
            widgets::ScoreDialog dlg(file);
            QCOMPARE(dlg.request().detector, std::string("combined"));
            QVERIFY(dlg.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
        }
        // The combined ranking is stored like any detector and joins the grid's sort list.
        {
            auto p = core::Project::openReadOnly(file);
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings WHERE detector='combined'"), int64_t(1));
        }
        auto* sort = mw.findChild<QComboBox*>(QStringLiteral("gridSort"));
        QTRY_VERIFY_WITH_TIMEOUT(sort->findData(QStringLiteral("scoring:%1").arg(added.last().at(0).toLongLong()),
                                                Qt::UserRole + 1) >= 0,
                                 20000);

        // Sorting by the run's loss: the grid starts at the smallest loss.
        float minLoss = 0;
        std::map<qint64, float> lossOf;
        {
            auto p = core::Project::openReadOnly(file);
            auto outputs = core::RunOutputs::open(core::runOutputsPath(*p, run));
            for (int64_t i = 0; i < outputs->meta().n; ++i) lossOf[outputs->sampleIds()[i]] = outputs->loss()[i];
            minLoss = std::min_element(lossOf.begin(), lossOf.end(), [](auto& a, auto& b) { return a.second < b.second; })->second;
        }
        QVERIFY(choose(mw, "gridSort", QStringLiteral("loss:%1").arg(run), Qt::UserRole + 1));
        QTRY_VERIFY_WITH_TIMEOUT(!mw.model()->busy() && mw.model()->rowCount() > 0, 20000);
        QCOMPARE(lossOf.at(mw.model()->sampleIdAt(0)), minLoss);
        QVERIFY(lossOf.at(mw.model()->sampleIdAt(0)) <= lossOf.at(mw.model()->sampleIdAt(1)));

        // The self-test's evaluation: one line per scoring.
        const int evalJob = mw.evaluateSelfTest();
        QVERIFY(evalJob > 0);
        QMessageBox* report = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((report = mw.findChild<QMessageBox*>(QStringLiteral("selfTestReport"))) != nullptr, 60000);
        QCOMPARE(report->text().count(QStringLiteral("average precision")), 3);
        QVERIFY(report->text().contains(QStringLiteral("Combined ranking")));
        report->close();

        // The grid and the Review window share their selection (opened from the menu).
        QAction* openReview = mw.findChild<QAction*>(QStringLiteral("actionOpenReview"));
        QVERIFY(openReview);
        openReview->trigger();
        gui::ReviewWindow* review = nullptr;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* rw = qobject_cast<gui::ReviewWindow*>(w)) review = rw;
        QVERIFY(review);
        // The Analyse actions are offered to the Review window (its empty queue uses them).
        QStringList offered;
        for (QAction* a : review->actions()) offered << a->objectName();
        QVERIFY2(offered.contains(QStringLiteral("actionScoreRun")) && offered.contains(QStringLiteral("actionInjectNoise")),
                 qPrintable(offered.join(',')));
        widgets::ReviewWidget* queue = review->review();
        QTRY_VERIFY_WITH_TIMEOUT(queue->model() && queue->model()->rowCount() > 3, 30000);
        queue->setCurrentRow(2);
        const qint64 fromReview = queue->currentSampleId();
        QTRY_COMPARE_WITH_TIMEOUT(mw.selectedSampleId(), fromReview, 10000);
        const qint64 other = queue->model()->sampleIdAt(3);
        QVERIFY(mw.selectSample(other));
        QTRY_COMPARE_WITH_TIMEOUT(queue->currentSampleId(), other, 10000);
        review->close();
        delete review;
    }

    // Issue 16: the reviewer name is editable in Settings (an empty one is refused).
    void reviewerNameInSettings() {
        widgets::SettingsDialog dlg;
        auto* field = dlg.findChild<QLineEdit*>(QStringLiteral("settingsReviewer"));
        QVERIFY(field);
        QCOMPARE(field->text(), QStringLiteral("tester"));
        field->setText(QStringLiteral("  "));
        QVERIFY(!dlg.save());
        QCOMPARE(QSettings().value(QStringLiteral("review/reviewer")).toString(), QStringLiteral("tester"));
        field->setText(QStringLiteral("Ana"));
        dlg.accept();
        QCOMPARE(dlg.result(), int(QDialog::Accepted));
        QCOMPARE(QSettings().value(QStringLiteral("review/reviewer")).toString(), QStringLiteral("Ana"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));

        // From the main window's File menu.
        gui::MainWindow mw;
        auto* action = mw.findChild<QAction*>(QStringLiteral("actionSettings"));
        QVERIFY(action);
        QTimer::singleShot(0, [] {
            auto* d = qobject_cast<widgets::SettingsDialog*>(QApplication::activeModalWidget());
            if (!d) return;
            d->setReviewer(QStringLiteral("Bo"));
            d->accept();
        });
        action->trigger();
        QCOMPARE(QSettings().value(QStringLiteral("review/reviewer")).toString(), QStringLiteral("Bo"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
    }

    // Issue 16: Open Recent tells projects of one name apart; the import dialog starts on
    // Image folder.
    void recentPathsAndImportDefault() {
        const fs::path file = project(6);
        gui::MainWindow mw;
        mw.show();
        QVERIFY(open(mw, file));
        auto* recent = mw.findChild<QMenu*>(QStringLiteral("recentMenu"));
        QVERIFY(recent);
        QVERIFY(recent->toolTipsVisible());
        QVERIFY(!recent->actions().isEmpty());
        const QString folder = QString::fromStdString(file.parent_path().string());
        QVERIFY2(recent->actions().first()->text().contains(folder), qPrintable(recent->actions().first()->text()));
        QCOMPARE(recent->actions().first()->toolTip(), QFileInfo(QString::fromStdString(file.string())).absoluteFilePath());

        widgets::ImportDialog import(file, mw.jobs());
        auto* format = import.findChild<QComboBox*>(QStringLiteral("importFormat"));
        QVERIFY(format);
        QCOMPARE(format->currentData().toString(), QStringLiteral("imagefolder"));
    }

    // Issue 16: the window fits a 1366×768 screen (the offscreen screen is smaller still)
    // and keeps the size it was left at.
    void windowFitsTheScreenAndKeepsItsSize() {
        {
            gui::MainWindow mw;
            const QRect room = mw.screen()->availableGeometry();
            QVERIFY2(mw.width() <= room.width() && mw.height() <= room.height(),
                     qPrintable(QStringLiteral("%1x%2 on %3x%4").arg(mw.width()).arg(mw.height()).arg(room.width()).arg(room.height())));
            mw.show();
            mw.resize(790, 700);  // above its minimum size, inside the 800×800 offscreen screen
            QVERIFY(mw.close());
        }
        gui::MainWindow again;
        QCOMPARE(again.size(), QSize(790, 700));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
