// The review window over a real project: it opens the newest scoring, keeps polling while
// another connection (as the CLI would) writes a new scoring, offers it without replacing
// what is on screen, and shows it on request; decisions made meanwhile stay recorded.
#include <QApplication>
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
#include <QComboBox>
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QToolButton>
#include <QTimer>
#include <atomic>
#include "core/review/review_log.h"
#include "review_fixture.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/key_help_overlay.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

// Answers modal dialogs as they open (QDialog::exec blocks the test): `answer` gets each
// new modal dialog and handles it; counts how many it saw.
class ModalAnswerer : public QObject {
public:
    explicit ModalAnswerer(std::function<void(QWidget*)> answer) : m_answer(std::move(answer)) {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget* w = QApplication::activeModalWidget();
            if (!w || w == m_last) return;
            m_last = w;
            ++seen;
            m_answer(w);
        });
        m_timer.start();
    }
    int seen = 0;

private:
    std::function<void(QWidget*)> m_answer;
    QPointer<QWidget> m_last;
    QTimer m_timer;
};

// The final_label column of a sample in an exported labels CSV.
QString finalLabel(const QString& csv, qint64 sampleId) {
    QFile f(csv);
    if (!f.open(QIODevice::ReadOnly)) return QStringLiteral("<no file>");
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(QByteArray::number(sampleId) + ',')) return QString::fromUtf8(line.split(',').value(4));
    return QStringLiteral("<no row>");
}

}  // namespace

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
        QVERIFY2(w->bannerText().contains(QStringLiteral("Confident learning")), qPrintable(w->bannerText()));
        // Offered, not forced: the queue still shows the first scoring.
        QCOMPARE(w->review()->model()->reviewData()->detector, QStringLiteral("small-loss"));
        w->loadPendingScoring();
        QTRY_COMPARE_WITH_TIMEOUT(w->review()->model()->reviewData()->detector, QStringLiteral("confident-learning"), 20000);
        QCOMPARE(w->pendingScoring(), 0);
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions WHERE action='exclude'"), 1);
        delete w;
    }

    // Issue 16: the detector (scoring) shown is switched in the window, by its translated
    // name; the choice is remembered per project. The dashboard compares with every other
    // stored scoring (bug 8: it stopped at five).
    void detectorSwitchAndFullComparison() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "switch.winnow";
        array_fixture::makeArrayProject(file, 40);
        const qint64 first = array_fixture::trainAndScore(file, "small-loss");
        std::vector<qint64> ids{first};
        {
            auto p = core::Project::open(file);
            for (const char* det : {"confident-learning", "self-confidence", "small-loss", "confident-learning",
                                    "self-confidence", "small-loss"}) {
                core::ScoreRequest r;
                r.detector = det;
                ids.push_back(core::scoreProject(*p, r).scoringId);
            }
        }
        QCOMPARE(ids.size(), size_t(7));
        auto* w = new gui::ReviewWindow(file);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        QComboBox* sw = w->detectorSwitch();
        QCOMPARE(sw->count(), 7);
        for (int i = 0; i < sw->count(); ++i) {
            for (const char* raw : {"small-loss", "confident-learning", "self-confidence"})  // names, not ids
                QVERIFY2(!sw->itemText(i).contains(QLatin1String(raw)), qPrintable(sw->itemText(i)));
            QVERIFY(std::find(ids.begin(), ids.end(), sw->itemData(i).toLongLong()) != ids.end());
        }
        const qint64 shown = w->review()->model()->reviewData()->scoringId;
        QCOMPARE(sw->currentData().toLongLong(), shown);
        QTableWidget* table = w->dashboard()->detectorTable();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 6, 20000);
        QSet<QString> listed;
        for (int r = 0; r < table->rowCount(); ++r) listed.insert(table->item(r, 0)->text());
        QCOMPARE(listed.size(), 6);  // each other scoring once, the shown one not
        // Switch to the oldest scoring.
        const int oldest = sw->findData(first);
        QVERIFY(oldest >= 0);
        sw->setCurrentIndex(oldest);
        Q_EMIT sw->activated(oldest);
        QTRY_COMPARE_WITH_TIMEOUT(w->review()->model()->reviewData()->scoringId, first, 20000);
        QCOMPARE(w->detectorSwitch()->currentData().toLongLong(), first);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 6, 20000);
        delete w;
        // Remembered for this project: a new window opens the oldest scoring again.
        QCOMPARE(gui::ReviewWindow::rememberedScoring(file), first);
        auto* again = new gui::ReviewWindow(file);
        QTRY_VERIFY_WITH_TIMEOUT(again->review()->model()->reviewData() != nullptr, 20000);
        QCOMPARE(again->review()->model()->reviewData()->scoringId, first);
        QVERIFY(again->bannerText().contains(QStringLiteral("Small loss")));
        delete again;
        // Another project is not affected.
        QCOMPARE(gui::ReviewWindow::rememberedScoring(fs::path(m_tmp.path().toStdString()) / "win.winnow"), 0);
    }

    // Issue 16, bug 8: after decisions are applied (relabels, a trusted and an excluded
    // flagged sample) and the scores reloaded, queue and dashboard count the same flagged.
    void flaggedCountsAgreeAfterApplying() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "agree.winnow";
        array_fixture::makeArrayProject(file, 40);
        array_fixture::trainAndScore(file, "confident-learning");
        auto* w = new gui::ReviewWindow(file);
        const std::unique_ptr<gui::ReviewWindow> owner(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        widgets::ReviewWidget* r = w->review();
        QVERIFY(r->model()->rowCount() >= 3);
        QCOMPARE(r->model()->flaggedCount(), w->dashboard()->flaggedCount());
        r->setTrustConfirmation([](const QString&) { return true; });
        QVERIFY(!w->undoAction()->isEnabled());
        r->setCurrentRow(0);
        const qint64 first = r->currentSampleId();
        QVERIFY(r->acceptSuggestion());
        // Edit ▸ Undo names what it takes back (issue 16).
        QVERIFY(w->undoAction()->isEnabled());
        QVERIFY2(w->undoAction()->text().startsWith(QStringLiteral("&Undo ")) &&
                     w->undoAction()->text().contains(QStringLiteral("#%1").arg(first)),
                 qPrintable(w->undoAction()->text()));
        QVERIFY(r->toggleTrusted());
        QVERIFY(r->decide(core::ReviewAction::Exclude));
        QVERIFY2(w->undoAction()->text().contains(QStringLiteral("exclusion of #")), qPrintable(w->undoAction()->text()));
        w->undoAction()->trigger();
        QVERIFY2(w->redoAction()->text().contains(QStringLiteral("exclusion of #")), qPrintable(w->redoAction()->text()));
        w->redoAction()->trigger();
        // F1: the keys of the queue (its key table) and of the window's menus.
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        w->showKeyHelp();
        QVERIFY(w->keyHelpOverlay()->isVisible());
        const QString help = w->keyHelpOverlay()->text();
        // Every description starts with a capital, like the menus' ("redo" beside "Reload
        // results" before, issue 16).
        for (const auto& k : r->keyHelp()) {
            QVERIFY2(help.contains(k.what.toHtmlEscaped()), qPrintable(k.what));
            QVERIFY2(!k.what.at(0).isLower(), qPrintable(k.what));
        }
        QVERIFY(help.contains(QStringLiteral("<td>Redo</td>")));
        QVERIFY2(help.contains(QStringLiteral("<td>Show the “Queue” tab</td>")), qPrintable(help));
        // One table: the key columns of the queue's and the window's sections line up.
        QCOMPARE(help.count(QStringLiteral("<table")), 1);
        for (const QKeySequence& k : {QKeySequence(QKeySequence::Undo), QKeySequence(QKeySequence::Refresh)})
            QVERIFY2(help.contains(k.toString(QKeySequence::NativeText)), qPrintable(k.toString()));
        QVERIFY(help.contains(QStringLiteral("Reload results")));
        core::applyReviewDecisions(*r->project(), "v2", "test");
        const auto before = r->model()->reviewData();
        QAction* reload = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(QKeySequence::Refresh)) reload = a;
        QVERIFY(reload);
        reload->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(r->model()->reviewData() != before, 20000);
        QCOMPARE(r->model()->flaggedCount(), w->dashboard()->flaggedCount());
        QVERIFY(w->dashboard()->summaryText().contains(QString::number(r->model()->flaggedCount())));
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

    // Bug 4: exports (and retraining) read the applied labels. A relabel decision not yet
    // applied is announced with a choice: Cancel writes nothing, Continue exports the
    // applied labels as they are, Apply first makes a label version and exports it.
    void exportAsksAboutDecisionsNotApplied() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "pending.winnow";
        array_fixture::makeArrayProject(file, 60);
        array_fixture::trainAndScore(file, "small-loss");
        auto* w = new gui::ReviewWindow(file);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        const auto data = w->review()->model()->reviewData();
        const qint64 id = w->review()->currentSampleId();
        const int given = data->given[size_t(data->rowOf(id))];
        const int target = (given + 1) % data->classes;
        QVERIFY(w->review()->decide(core::ReviewAction::Relabel, target));
        const QString csv = m_tmp.filePath(QStringLiteral("labels.csv"));
        auto clickIn = [](const char* name) {
            return [name](QWidget* dlg) {
                QCOMPARE(dlg->objectName(), QStringLiteral("pendingDecisions"));
                auto* box = qobject_cast<QMessageBox*>(dlg);
                QVERIFY(box);
                QVERIFY2(box->text().contains(QStringLiteral("1")), qPrintable(box->text()));
                if (QByteArray(name) == "cancel") box->button(QMessageBox::Cancel)->click();
                else box->findChild<QPushButton*>(QLatin1String(name))->click();
            };
        };
        {
            ModalAnswerer answer(clickIn("cancel"));
            QVERIFY(!w->exportLabelsTo(csv, false));
            QCOMPARE(answer.seen, 1);
            QVERIFY(!QFile::exists(csv));
        }
        {
            ModalAnswerer answer(clickIn("continueWithout"));
            QVERIFY(w->exportLabelsTo(csv, false));
            QCOMPARE(answer.seen, 1);
            // The export runs as a job (issue 13): wait for its file.
            QTRY_COMPARE_WITH_TIMEOUT(finalLabel(csv, id), data->classNames[given], 20000);
            QCOMPARE(core::pendingReviewDecisions(*w->review()->project()).relabelled, 1);
        }
        {
            ModalAnswerer answer(clickIn("applyFirst"));
            QVERIFY(w->exportLabelsTo(csv, false));
            QCOMPARE(answer.seen, 1);
            QTRY_COMPARE_WITH_TIMEOUT(finalLabel(csv, id), data->classNames[target], 20000);
            QCOMPARE(core::pendingReviewDecisions(*w->review()->project()).changes(), 0);
        }
        {
            // Nothing pending any more: no question.
            ModalAnswerer answer([](QWidget* dlg) { static_cast<QDialog*>(dlg)->reject(); });
            QVERIFY(w->exportLabelsTo(csv, true));
            QCOMPARE(answer.seen, 0);
        }
        delete w;
    }

    // Bug 12: OK with an empty reviewer name used to close the prompt and open nothing.
    // The prompt stays until a name is given (or it is cancelled).
    void reviewerPromptRequiresAName() {
        QSettings().remove(QStringLiteral("review/reviewer"));
        bool stayedOpen = false;
        ModalAnswerer answer([&stayedOpen](QWidget* dlg) {
            auto* edit = dlg->findChild<QLineEdit*>();
            auto* buttons = dlg->findChild<QDialogButtonBox*>();
            QVERIFY(edit && buttons);
            edit->clear();
            QTest::keyClick(edit, Qt::Key_Return);
            buttons->button(QDialogButtonBox::Ok)->click();
            QCoreApplication::processEvents();
            stayedOpen = dlg->isVisible();
            edit->setText(QStringLiteral("  ann "));
            buttons->button(QDialogButtonBox::Ok)->click();
        });
        QCOMPARE(gui::ReviewWindow::reviewerName(nullptr), QStringLiteral("ann"));
        QVERIFY(stayedOpen);
        QCOMPARE(answer.seen, 1);
        QCOMPARE(QSettings().value(QStringLiteral("review/reviewer")).toString(), QStringLiteral("ann"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
    }

    // Bug 12: without scores the detail pane said "loading…" for ever. It says there are no
    // scores yet and offers what can be done from the window.
    void noScoresShowsAnEmptyState() {
        auto data = widgets::makeSyntheticReviewData(20, 3, 0.3, 8);
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / "noscores.winnow";
        review_fixture::makeProject(file, dir / "noscores-media", *data);
        auto* w = new gui::ReviewWindow(file);
        w->resize(1366, 768);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QTRY_VERIFY_WITH_TIMEOUT(w->bannerText().contains(QStringLiteral("No scores yet")), 20000);
        QCoreApplication::processEvents();
        QVERIFY2(w->review()->panel()->imageText().startsWith(QStringLiteral("No scores yet")),
                 qPrintable(w->review()->panel()->imageText()));
        for (QLabel* l : w->findChildren<QLabel*>())
            QVERIFY2(!(l->isVisible() && l->text().contains(QStringLiteral("loading"))), qPrintable(l->text()));
        bool reload = false;
        for (QToolButton* b : w->review()->panel()->findChildren<QToolButton*>())
            reload = reload || (b->isVisible() && b->text().contains(QStringLiteral("Reload")));
        QVERIFY(reload);
        // The empty queue offers the jobs that make scores, not a command line (issue 16).
        for (QLabel* l : w->findChildren<QLabel*>())
            QVERIFY2(!(l->isVisible() && l->text().contains(QStringLiteral("winnow-cli"))), qPrintable(l->text()));
        QVERIFY(!w->bannerText().contains(QStringLiteral("winnow-cli")));
        QSignalSpy train(w, &gui::ReviewWindow::requestTraining);
        QSignalSpy noise(w, &gui::ReviewWindow::requestNoiseInjection);
        QSignalSpy score(w, &gui::ReviewWindow::requestScoring);
        int clicked = 0;
        for (QToolButton* b : w->review()->panel()->findChildren<QToolButton*>()) {
            if (!b->isVisible() || !b->defaultAction()) continue;
            const QString name = b->defaultAction()->objectName();
            if (name == QLatin1String("requestTraining") || name == QLatin1String("requestNoiseInjection") ||
                name == QLatin1String("requestScoring")) {
                b->click();
                ++clicked;
            }
        }
        QCOMPARE(clicked, 3);
        QCOMPARE(train.size(), 1);
        QCOMPARE(noise.size(), 1);
        QCOMPARE(score.size(), 1);
        delete w;
    }

    // Bug 7: at 1366×768 a running job's progress bar, status (with its ETA) and Cancel are
    // on screen in full (they were squeezed into the status bar).
    void jobsPanelFitsAt1366x768() {
        auto data = widgets::makeSyntheticReviewData(30, 3, 0.3, 3);
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / "jobs.winnow";
        review_fixture::makeProject(file, dir / "jobs-media", *data);
        auto* w = new gui::ReviewWindow(file);
        w->resize(1366, 768);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        std::atomic<bool> release{false};
        w->jobs()->start(QStringLiteral("Retrain run 3 and re-score"),
                         [&release](const core::ProgressFn& progress, const core::CancelToken& cancel) {
                             for (int i = 1; !release && !cancel.cancelled(); ++i) {
                                 progress({std::min(0.9, 0.05 + i * 0.001), "epoch 2/5"});
                                 QThread::msleep(20);
                             }
                         });
        // A failed check returns early: the window's runner cancels the job when it goes.
        const std::unique_ptr<gui::ReviewWindow> owner(w);
        QLabel* status = nullptr;
        QTRY_VERIFY((status = w->findChild<QLabel*>(QStringLiteral("jobStatus"))) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("left")), 10000);  // the ETA
        QCoreApplication::processEvents();
        auto* bar = w->findChild<QProgressBar*>(QStringLiteral("jobBar"));
        auto* cancel = w->findChild<QPushButton*>(QStringLiteral("jobCancel"));
        QVERIFY(bar && cancel);
        for (QWidget* part : {static_cast<QWidget*>(bar), static_cast<QWidget*>(status), static_cast<QWidget*>(cancel)}) {
            QVERIFY(part->isVisible());
            // Not clipped by any parent, and inside the window.
            QCOMPARE(part->visibleRegion().boundingRect(), part->rect());
            const QRect inWindow(part->mapTo(w, QPoint(0, 0)), part->size());
            QVERIFY2(w->rect().contains(inWindow), qPrintable(part->objectName()));
            QVERIFY2(part->height() >= part->minimumSizeHint().height(), qPrintable(part->objectName()));
        }
        QVERIFY(status->width() >= status->sizeHint().width());  // the whole text, ETA included
        release = true;
        w->jobs()->waitForAll();
    }
};

QTEST_MAIN(TestReviewWindow)
#include "tst_review_window.moc"
