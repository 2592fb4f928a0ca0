#include "app/gui/review_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileInfo>
#include <QPointer>
#include <QHBoxLayout>
#include <QUrl>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QVBoxLayout>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QtConcurrent>

#include "core/review/exporters.h"
#include "core/review/label_versions.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"
#include "widgets/curation/curation_review_data.h"
#include "widgets/jobs_panel.h"
#include "widgets/review/detector_names.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/key_help_overlay.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/retrain_job.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/scoring_watcher.h"
#include "widgets/review/trusted_set_manager.h"
#include "widgets/runs/compare_runs_dialog.h"

namespace winnow::gui {

namespace {
QString scoringSettingsKey(const std::filesystem::path& projectFile) {
    // A path holds '/', QSettings' group separator: percent-encode it into one key.
    const QString abs = QString::fromStdString(std::filesystem::absolute(projectFile).lexically_normal().string());
    return QStringLiteral("review/scoringByProject/") + QString::fromLatin1(QUrl::toPercentEncoding(abs));
}
}  // namespace

qint64 ReviewWindow::rememberedScoring(const std::filesystem::path& projectFile) {
    return QSettings().value(scoringSettingsKey(projectFile), 0).toLongLong();
}

ReviewWindow::ReviewWindow(const std::filesystem::path& projectFile, QWidget* parent)
    : QMainWindow(parent), m_file(projectFile) {
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Review — %1").arg(QString::fromStdString(projectFile.filename().string())));
    m_review = new widgets::ReviewWidget(this);
    m_trusted = new widgets::TrustedSetManager(m_review, this);
    m_dashboard = new widgets::InfluenceDashboard(this);
    m_banner = new QLabel(tr("Loading scores…"), this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_review, tr("&Queue"));
    m_tabs->addTab(m_trusted, tr("&Trusted set"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    // The detector switch sits beside the tabs: every view of the window follows it.
    auto* switchBox = new QWidget(this);
    auto* switchLay = new QHBoxLayout(switchBox);
    switchLay->setContentsMargins(4, 0, 4, 0);
    auto* switchLabel = new QLabel(tr("&Detector:"), switchBox);
    m_detectorSwitch = new QComboBox(switchBox);
    m_detectorSwitch->setObjectName(QStringLiteral("detectorSwitch"));
    m_detectorSwitch->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_detectorSwitch->setToolTip(tr("The scoring the queue, the trusted set and the dashboard show"));
    switchLabel->setBuddy(m_detectorSwitch);
    switchLay->addWidget(switchLabel);
    switchLay->addWidget(m_detectorSwitch);
    m_tabs->setCornerWidget(switchBox, Qt::TopRightCorner);
    connect(m_detectorSwitch, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_detectorSwitch->itemData(index).toLongLong();
        if (id > 0) showScoring(id);
    });
    statusBar()->addWidget(m_banner, 1);
    m_jobs = new widgets::JobRunner(this);
    // The jobs strip sits under the tabs, full width and tall enough for a job's row (in
    // the status bar, a retrain's progress, ETA and Cancel were squeezed off screen).
    auto* jobsPanel = new widgets::JobsPanel(m_jobs, this);
    jobsPanel->setObjectName(QStringLiteral("reviewJobs"));
    jobsPanel->setMinimumHeight(jobsPanel->sizeHint().height() + 24);
    jobsPanel->setMaximumHeight(jobsPanel->sizeHint().height() * 2 + 24);
    jobsPanel->setHiddenWhenEmpty(true);  // no room taken while there is no job
    auto* central = new QWidget(this);
    auto* centralLay = new QVBoxLayout(central);
    centralLay->setContentsMargins(0, 0, 0, 0);
    centralLay->setSpacing(2);
    centralLay->addWidget(m_tabs, 1);
    centralLay->addWidget(jobsPanel);
    setCentralWidget(central);
    m_retrain = new widgets::RetrainJob(m_jobs, this);
    connect(m_retrain, &widgets::RetrainJob::stageChanged, m_banner, &QLabel::setText);
    connect(m_retrain, &widgets::RetrainJob::finished, this, &ReviewWindow::retrainFinished);

    QMenu* file = menuBar()->addMenu(tr("&Review"));
    file->addAction(tr("&Apply decisions (new label version)…"), this, &ReviewWindow::applyDecisions)
        ->setObjectName(QStringLiteral("applyDecisions"));
    file->addAction(tr("Export corrected labels as &CSV…"), this, [this] { exportLabels(false); });
    file->addAction(tr("Export corrected labels as &JSON…"), this, [this] { exportLabels(true); });
    file->addAction(tr("Export cleaned &ImageFolder…"), this, &ReviewWindow::exportImageFolder);
    m_reloadAction = file->addAction(tr("&Reload results"), QKeySequence::Refresh, this, [this] {
        // The detector chosen here stays; without a choice, the newest scoring.
        const qint64 chosen = rememberedScoring(m_file);
        load(chosen > 0 && m_curationResult <= 0 && m_sampleList.isEmpty() ? chosen : 0);
    });
    m_loadNewAction = file->addAction(tr("&Load the new scoring"), this, &ReviewWindow::loadPendingScoring);
    m_loadNewAction->setEnabled(false);
    file->addAction(tr("&More like this"), QKeySequence(tr("Ctrl+M")), this, [this] {
            const qint64 id = m_review->currentSampleId();
            if (id >= 0) Q_EMIT moreLikeThisRequested(id);
        })->setObjectName(QStringLiteral("moreLikeThis"));
    file->addSeparator();
    m_retrainAction = file->addAction(tr("Re&train and re-score…"), this, &ReviewWindow::retrainAndRescore);
    m_retrainAction->setObjectName(QStringLiteral("retrainAndRescore"));
    file->addAction(tr("Compare r&uns…"), this, &ReviewWindow::compareRuns)->setObjectName(QStringLiteral("compareRunsAction"));
    file->addSeparator();
    // Jobs of the main window (it connects these signals to its actions).
    m_trainAction = file->addAction(tr("Train a &model…"), this, &ReviewWindow::requestTraining);
    m_noiseAction = file->addAction(tr("&Inject noise (self-test)…"), this, &ReviewWindow::requestNoiseInjection);
    m_scoreAction = file->addAction(tr("&Score with a detector…"), this, &ReviewWindow::requestScoring);
    m_trainAction->setObjectName(QStringLiteral("requestTraining"));
    m_noiseAction->setObjectName(QStringLiteral("requestNoiseInjection"));
    m_scoreAction->setObjectName(QStringLiteral("requestScoring"));
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] { m_review->undo(); });
    m_redoAction = edit->addAction(tr("&Redo"), QKeySequence::Redo, this, [this] { m_review->redo(); });
    m_undoAction->setObjectName(QStringLiteral("undo"));
    m_redoAction->setObjectName(QStringLiteral("redo"));
    connect(m_review, &widgets::ReviewWidget::undoStateChanged, this, &ReviewWindow::updateUndoActions);
    updateUndoActions();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard shortcuts"), this, &ReviewWindow::showKeyHelp);
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    keys->setObjectName(QStringLiteral("keyHelp"));
    m_keyHelp = new widgets::KeyHelpOverlay(this);
    connect(m_review, &widgets::ReviewWidget::keyHelpRequested, this, &ReviewWindow::showKeyHelp);

    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<widgets::ReviewData>>::finished, this,
            &ReviewWindow::loaded);
    connect(m_dashboard, &widgets::InfluenceDashboard::samplesSelected, this, [this](const QSet<qint64>& ids) {
        m_review->showOnly(ids);
        m_tabs->setCurrentWidget(m_review);
    });
    connect(m_dashboard, &widgets::InfluenceDashboard::flagsApplied, this,
            [this](const std::vector<uint8_t>& flags) {
                m_review->model()->setFlags(flags);
                m_tabs->setCurrentWidget(m_review);
            });
    // The CLI may score the project while this window is open: notice new results.
    m_watcherNew = new widgets::ScoringWatcher(this);
    connect(m_watcherNew, &widgets::ScoringWatcher::newScoring, this, &ReviewWindow::onNewScoring);
    // Fits a 1366×768 screen (the usual laptop) as well as a large one.
    QSize size(1400, 900);
    if (const QScreen* s = screen()) size = size.boundedTo(s->availableGeometry().size());
    resize(size);
    const qint64 remembered = rememberedScoring(m_file);
    load(remembered > 0 ? remembered : widgets::kRecommendedScoring);
}

void ReviewWindow::updateUndoActions() {
    const QString u = m_review->undoText(), r = m_review->redoText();
    m_undoAction->setEnabled(m_review->canUndo());
    m_redoAction->setEnabled(m_review->canRedo());
    m_undoAction->setText(u.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(u));
    m_redoAction->setText(r.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(r));
}

void ReviewWindow::showKeyHelp() {
    QList<std::pair<QString, QList<widgets::KeyHelpEntry>>> sections;
    if (m_tabs->currentWidget() == m_review) sections.push_back({tr("Review queue"), m_review->keyHelp()});
    // The window's own keys, read from its menus' actions.
    QList<widgets::KeyHelpEntry> window;
    for (QAction* menuAction : menuBar()->actions()) {
        if (!menuAction->menu()) continue;
        for (QAction* a : menuAction->menu()->actions()) {
            if (a->isSeparator()) continue;
            QStringList keys;
            for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
            if (keys.isEmpty()) continue;
            window.push_back({keys.join(tr(" or ")), widgets::withoutMnemonic(a->text())});
        }
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QKeySequence mnemonic = QKeySequence::mnemonic(m_tabs->tabText(i));
        if (mnemonic.isEmpty()) continue;
        const QString tab = widgets::withoutMnemonic(m_tabs->tabText(i));
        window.push_back({mnemonic.toString(QKeySequence::NativeText), tr("Show the “%1” tab").arg(tab)});
    }
    sections.push_back({tr("Review window"), window});
    m_keyHelp->setSections(sections);
    m_keyHelp->popup();
}

void ReviewWindow::showScoring(qint64 scoringId) {
    QSettings().setValue(scoringSettingsKey(m_file), scoringId);
    m_curationResult = 0;
    m_sampleList.clear();
    load(scoringId);
}

void ReviewWindow::showCurationIssue(qint64 resultId, const QString& issueType) {
    m_curationResult = resultId;
    m_curationIssue = issueType;
    m_sampleList.clear();
    load(0);
}

void ReviewWindow::showSampleList(const QVector<qint64>& sampleIds, const QString& reason, bool keepOrder) {
    m_curationResult = 0;
    m_sampleList = sampleIds;
    m_sampleListReason = reason;
    m_sampleListOrdered = keepOrder;
    m_sampleListScores.clear();
    load(0);
}

void ReviewWindow::showSampleList(const QVector<qint64>& sampleIds, const QString& reason, const QVector<float>& scores) {
    m_curationResult = 0;
    m_sampleList = sampleIds;
    m_sampleListReason = reason;
    m_sampleListOrdered = false;
    m_sampleListScores = scores;
    load(0);
}

void ReviewWindow::fillDetectorSwitch(const std::vector<widgets::ScoringInfo>& scorings, qint64 shown,
                                      const QString& shownDetector) {
    const QSignalBlocker block(m_detectorSwitch);
    m_detectorSwitch->clear();
    for (const auto& s : scorings) {
        m_detectorSwitch->addItem(widgets::DetectorNames::scoringLabel(s.detector, s.runId, s.id), s.id);
        m_detectorSwitch->setItemData(m_detectorSwitch->count() - 1,
                                      tr("%1, written %2").arg(s.detector, s.createdAt), Qt::ToolTipRole);
    }
    if (shown <= 0 && !shownDetector.isEmpty())  // the run fallback (no scoring yet)
        m_detectorSwitch->insertItem(0, widgets::DetectorNames::displayName(shownDetector), 0);
    const int idx = m_detectorSwitch->findData(shown);
    m_detectorSwitch->setCurrentIndex(std::max(0, idx));
    m_detectorSwitch->setEnabled(m_detectorSwitch->count() > 1);
}

ReviewWindow::~ReviewWindow() { m_watcher.waitForFinished(); }

void ReviewWindow::setPollInterval(int ms) { m_watcherNew->setInterval(ms); }

void ReviewWindow::closeEvent(QCloseEvent* e) {
    // Closing cancels a running retrain (its jobs belong to this window): ask first.
    if (m_retrain->isRunning() &&
        QMessageBox::question(this, tr("Retrain and re-score"),
                              tr("Retraining is still running. Cancel it and close the window?")) != QMessageBox::Yes) {
        e->ignore();
        return;
    }
    m_retrain->cancel();
    QMainWindow::closeEvent(e);
}

void ReviewWindow::loadPendingScoring() {
    if (m_pendingScoring <= 0) return;
    m_curationResult = 0;
    m_sampleList.clear();
    load(m_pendingScoring);
}

QString ReviewWindow::bannerText() const { return m_banner->text(); }

QString ReviewWindow::reviewerName(QWidget* parent) {
    QSettings settings;
    QString name = settings.value(QStringLiteral("review/reviewer")).toString();
    if (!name.isEmpty()) return name;
    // Every decision records its reviewer, so the prompt insists on a name: OK stays
    // disabled while the field is blank (it used to accept a blank name and then open
    // nothing, without a word).
    QDialog dlg(parent);
    dlg.setObjectName(QStringLiteral("reviewerPrompt"));
    dlg.setWindowTitle(tr("Reviewer"));
    auto* edit = new QLineEdit(qEnvironmentVariable("USER"), &dlg);
    auto* hint = new QLabel(&dlg);
    hint->setEnabled(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dlg);
    auto* lay = new QVBoxLayout(&dlg);
    lay->addWidget(new QLabel(tr("Your name, recorded with every review decision:"), &dlg));
    lay->addWidget(edit);
    lay->addWidget(hint);
    lay->addWidget(buttons);
    auto update = [edit, hint, buttons] {
        const bool blank = edit->text().trimmed().isEmpty();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!blank);
        hint->setText(blank ? tr("A name is required.") : QString());
    };
    QObject::connect(edit, &QLineEdit::textChanged, &dlg, update);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dlg, [&dlg, edit] {
        if (!edit->text().trimmed().isEmpty()) dlg.accept();
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    update();
    if (dlg.exec() != QDialog::Accepted) return {};
    name = edit->text().trimmed();
    settings.setValue(QStringLiteral("review/reviewer"), name);
    return name;
}

ReviewWindow* ReviewWindow::openFor(const std::filesystem::path& projectFile, QWidget* parent) {
    for (auto* w : QApplication::topLevelWidgets())
        if (auto* rw = qobject_cast<ReviewWindow*>(w); rw && rw->m_file == projectFile) {
            rw->raise();
            rw->activateWindow();
            return rw;
        }
    if (reviewerName(parent).isEmpty()) return nullptr;
    auto* w = new ReviewWindow(projectFile, nullptr);
    w->show();
    return w;
}

void ReviewWindow::load(qint64 scoringId) {
    if (m_watcher.isRunning()) {
        m_loadAgain = true;
        m_loadAgainId = scoringId;
        return;
    }
    m_banner->setText(tr("Loading scores…"));
    const auto file = m_file;
    auto error = std::make_shared<QString>();
    m_loadErrorSlot = error;
    const qint64 curationResult = m_curationResult;
    const QString curationIssue = m_curationIssue;
    const QVector<qint64> sampleList = m_sampleList;
    const QString sampleListReason = m_sampleListReason;
    const bool sampleListOrdered = m_sampleListOrdered;
    const QVector<float> sampleListScores = m_sampleListScores;
    m_watcher.setFuture(QtConcurrent::run([file, scoringId, error, curationResult, curationIssue, sampleList,
                                           sampleListReason, sampleListOrdered,
                                           sampleListScores]() -> std::shared_ptr<widgets::ReviewData> {
        try {
            if (!sampleList.isEmpty())
                return widgets::loadSampleListReviewData(file, sampleList, sampleListReason, sampleListOrdered,
                                                         sampleListScores);
            if (curationResult > 0) return widgets::loadCurationReviewData(file, curationResult, curationIssue);
            qint64 id = scoringId;
            if (id > 0) {  // a remembered scoring may have gone (project replaced): the default then
                const auto all = widgets::listScorings(file);
                if (std::none_of(all.begin(), all.end(), [id](const auto& s) { return s.id == id; }))
                    id = widgets::kRecommendedScoring;
            }
            return widgets::loadReviewData(file, id);
        } catch (const std::exception& e) {
            *error = QString::fromUtf8(e.what());  // read on the GUI thread after finished()
            return nullptr;
        }
    }));
}

void ReviewWindow::loaded() {
    if (m_loadAgain) {  // asked for something else meanwhile: that, not this
        m_loadAgain = false;
        load(m_loadAgainId);
        return;
    }
    auto data = m_watcher.result();
    m_loadError = m_loadErrorSlot ? *m_loadErrorSlot : QString();
    if (!data) {
        m_banner->setText(m_loadError.isEmpty()
                              ? (m_curationResult > 0 ? tr("No samples with this issue in scan %1.").arg(m_curationResult)
                                                      : tr("No scores yet: train a model and score it with a detector."))
                              : tr("Could not load the scores: %1").arg(m_loadError));
        // The detail pane says so too, with what can be done from here (it used to show
        // "loading…" for ever, then sent the user to winnow-cli).
        m_review->panel()->setEmptyState(
            m_loadError.isEmpty()
                ? tr("No scores yet.\n\nTrain a model, optionally inject label noise first to test the "
                     "detectors, then score the run with a detector; new scores show up here by themselves.")
                : tr("Could not load the scores:\n%1").arg(m_loadError),
            {m_trainAction, m_noiseAction, m_scoreAction, m_reloadAction});
        fillDetectorSwitch({}, 0, {});
        m_latestScoring = 0;
        m_watcherNew->watch(m_file, 0);
        return;
    }
    m_review->panel()->setEmptyState({});
    try {
        m_review->open(m_file, data, reviewerName(this));
    } catch (const std::exception& e) {
        m_banner->setText(tr("Could not open the project for review: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_trusted->refresh();
    m_dashboard->setReviewData(data);
    // Other detectors for the comparison, loaded in the background.
    const auto scorings = widgets::listScorings(m_file);
    m_latestScoring = scorings.empty() ? 0 : scorings.front().id;
    m_shownRun = data->runId;
    m_pendingScoring = 0;
    m_loadNewAction->setEnabled(false);
    fillDetectorSwitch(scorings, data->scoringId, data->detector);
    if (m_curationResult > 0)
        m_banner->setText(tr("%1 · scan %2 · %n sample(s)", nullptr, int(data->n))
                              .arg(widgets::DetectorNames::displayName(data->detector))
                              .arg(m_curationResult));
    else
        m_banner->setText(tr("%1 on run %2 · %3 samples scored")
                              .arg(widgets::DetectorNames::displayName(data->detector))
                              .arg(data->runId)
                              .arg(data->n));
    m_banner->setToolTip(data->choiceReason.isEmpty() ? QString()
                                                      : tr("Opened by default because %1").arg(data->choiceReason));
    // Every other stored scoring goes into the detector comparison (it used to stop at five
    // and to assume the newest was the one shown).
    std::vector<qint64> others;
    for (const auto& s : scorings)
        if (s.id != data->scoringId) others.push_back(s.id);
    m_dashboard->setOtherDetectors({});
    if (!others.empty()) {
        const auto file = m_file;
        auto* w = new QFutureWatcher<std::vector<std::shared_ptr<const widgets::ReviewData>>>(this);
        const qint64 shownScoring = data->scoringId;
        connect(w, &QFutureWatcherBase::finished, this, [this, w, shownScoring] {
            const auto now = m_review->model()->reviewData();
            // A comparison for a scoring no longer shown (switched meanwhile) is dropped.
            if (now && now->scoringId == shownScoring) m_dashboard->setOtherDetectors(w->result());
            w->deleteLater();
        });
        w->setFuture(QtConcurrent::run([file, others] {
            std::vector<std::shared_ptr<const widgets::ReviewData>> out;
            for (qint64 id : others) {
                try {
                    out.push_back(widgets::loadReviewData(file, id));
                } catch (const std::exception&) {
                    // A damaged older scoring is simply left out of the comparison.
                }
            }
            return out;
        }));
    }
    m_watcherNew->watch(m_file, m_latestScoring);
}

void ReviewWindow::onNewScoring(qint64 scoringId, qint64 runId, const QString& detector) {
    if (m_latestScoring <= 0 && m_curationResult <= 0) {  // nothing shown yet: show it at once
        load(scoringId);
        return;
    }
    m_pendingScoring = scoringId;
    m_loadNewAction->setEnabled(true);
    m_banner->setText(tr("New scores are available (%1 on run %2) — Review ▸ Load the new scoring.")
                          .arg(widgets::DetectorNames::displayName(detector)).arg(runId));
}

bool ReviewWindow::settlePendingDecisions(const QString& title) {
    core::ApplyResult pending;
    try {
        pending = core::pendingReviewDecisions(*m_review->project());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, title, QString::fromUtf8(e.what()));
        return false;
    }
    if (pending.changes() == 0) return true;
    QMessageBox box(QMessageBox::Warning, title,
                    tr("%n review decision(s) not applied yet: %1 relabel, %2 exclude, %3 include. "
                       "This uses the applied labels only.",
                       nullptr, int(pending.changes()))
                        .arg(pending.relabelled)
                        .arg(pending.excluded)
                        .arg(pending.included),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("pendingDecisions"));
    QPushButton* apply = box.addButton(tr("Apply first"), QMessageBox::AcceptRole);
    QPushButton* skip = box.addButton(tr("Continue without them"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    apply->setObjectName(QStringLiteral("applyFirst"));
    skip->setObjectName(QStringLiteral("continueWithout"));
    box.setDefaultButton(apply);
    box.exec();
    if (box.clickedButton() == skip) return true;
    if (box.clickedButton() != apply) return false;
    try {
        const auto r = core::applyReviewDecisions(*m_review->project(), tr("reviewed").toStdString(),
                                                  "by " + m_review->reviewer().toStdString());
        m_banner->setText(tr("Label version %1: %2 relabelled, %3 excluded, %4 included again.")
                              .arg(r.versionId).arg(r.relabelled).arg(r.excluded).arg(r.included));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, title, QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

void ReviewWindow::retrainAndRescore() {
    if (!m_review->project() || m_retrain->isRunning()) return;
    if (!settlePendingDecisions(tr("Retrain and re-score"))) return;
    widgets::RetrainPlan plan;
    try {
        plan = widgets::planRetrain(*m_review->project(), m_shownRun);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Retrain and re-score"), QString::fromUtf8(e.what()));
        return;
    }
    QStringList detectors;
    for (const auto& r : plan.scorings) detectors << QString::fromStdString(r.detector);
    const auto answer = QMessageBox::question(
        this, tr("Retrain and re-score"),
        tr("Train a new %1 model for %n epoch(s) on label version %2 (the config of run %3; excluded "
           "samples are left out), then score it with %4?", nullptr, plan.config.epochs)
            .arg(QString::fromStdString(plan.config.model))
            .arg(plan.labelVersion)
            .arg(plan.baseRun)
            .arg(detectors.join(QStringLiteral(", "))));
    if (answer == QMessageBox::Yes) startRetrain(plan);
}

bool ReviewWindow::startRetrain(const widgets::RetrainPlan& plan) {
    if (m_retrain->isRunning() || m_retrain->start(m_file, plan) == 0) return false;
    m_retrainAction->setEnabled(false);
    return true;
}

void ReviewWindow::retrainFinished(bool ok, bool cancelled, qint64 runId, const QList<qint64>& scorings,
                                   const QString& error) {
    m_retrainAction->setEnabled(true);
    if (!ok) {
        m_banner->setText(cancelled ? tr("Retraining cancelled.") : tr("Retraining failed: %1").arg(error));
        if (!cancelled) QMessageBox::warning(this, tr("Retrain and re-score"), error);
        return;
    }
    m_latestScoring = std::max(m_latestScoring, scorings.isEmpty() ? 0 : scorings.last());
    m_watcherNew->watch(m_file, m_latestScoring);  // announced here, not by the poll
    m_pendingScoring = scorings.isEmpty() ? 0 : scorings.last();
    m_loadNewAction->setEnabled(m_pendingScoring > 0);
    m_banner->setText(tr("Run %1 trained and scored.").arg(runId));
    // Non-modal: the queue stays usable while the offer waits.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Retrain and re-score"),
                                tr("Run %1 is trained and scored. Review its new scoring now, or compare it with run %2?")
                                    .arg(runId).arg(m_shownRun),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("retrainDone"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* open = box->addButton(tr("Open the new scoring"), QMessageBox::AcceptRole);
    QPushButton* compare = box->addButton(tr("Compare runs"), QMessageBox::ActionRole);
    open->setObjectName(QStringLiteral("openNewScoring"));
    compare->setObjectName(QStringLiteral("compareRuns"));
    box->addButton(QMessageBox::Close);
    connect(box, &QMessageBox::buttonClicked, this, [this, open, compare](QAbstractButton* b) {
        if (b == open) loadPendingScoring();
        else if (b == compare) compareRuns();
    });
    box->open();
}

void ReviewWindow::compareRuns() {
    try {
        auto* dlg = new widgets::CompareRunsDialog(m_file, this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->show();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Compare runs"), QString::fromUtf8(e.what()));
    }
}

void ReviewWindow::applyDecisions() {
    if (!m_review->project()) return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Apply decisions"), tr("Name of the new label version:"),
                                               QLineEdit::Normal, tr("reviewed"), &ok);
    if (!ok) return;
    try {
        const auto r = core::applyReviewDecisions(*m_review->project(), name.toStdString(),
                                                  "by " + m_review->reviewer().toStdString());
        if (r.versionId == 0) {
            QMessageBox::information(this, tr("Apply decisions"),
                                     tr("Nothing to apply: the labels already match the decisions."));
            return;
        }
        const auto again = QMessageBox::question(
            this, tr("Apply decisions"),
            tr("Label version %1: %2 relabelled, %3 excluded, %4 included again.\n\nRetrain on the cleaned "
               "labels and re-score now?")
                .arg(r.versionId).arg(r.relabelled).arg(r.excluded).arg(r.included));
        if (again == QMessageBox::Yes) retrainAndRescore();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Apply decisions"), QString::fromUtf8(e.what()));
    }
}

void ReviewWindow::exportLabels(bool json) {
    if (!m_review->project()) return;
    const QString f = QFileDialog::getSaveFileName(this, tr("Export corrected labels"),
                                                   json ? QStringLiteral("labels.json") : QStringLiteral("labels.csv"));
    if (!f.isEmpty()) exportLabelsTo(f, json);
}

bool ReviewWindow::exportLabelsTo(const QString& file, bool json) {
    if (!m_review->project() || !settlePendingDecisions(tr("Export"))) return false;
    const std::filesystem::path project = m_review->project()->file();
    const std::filesystem::path out = file.toStdString();
    return startExportJob(tr("Export %1").arg(QFileInfo(file).fileName()),
                          [project, out, json](const core::ProgressFn& progress, const core::CancelToken& cancel) {
                              // Its own connection: the GUI thread's one is not shared.
                              auto p = core::Project::openReadOnly(project);
                              if (json) core::exportLabelsJson(*p, out, progress, &cancel);
                              else core::exportLabelsCsv(*p, out, progress, &cancel);
                          },
                          [file] { return tr("Exported %1").arg(file); });
}

void ReviewWindow::exportImageFolder() {
    if (!m_review->project()) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export cleaned ImageFolder into"));
    if (!dir.isEmpty()) exportImageFolderTo(dir);
}

bool ReviewWindow::exportImageFolderTo(const QString& dir) {
    if (!m_review->project() || !settlePendingDecisions(tr("Export"))) return false;
    const std::filesystem::path project = m_review->project()->file();
    const std::filesystem::path target = dir.toStdString();
    auto report = std::make_shared<core::ImageFolderReport>();
    return startExportJob(tr("Export ImageFolder %1").arg(QFileInfo(dir).fileName()),
                          [project, target, report](const core::ProgressFn& progress, const core::CancelToken& cancel) {
                              auto p = core::Project::openReadOnly(project);
                              *report = core::exportImageFolder(*p, target, {}, progress, &cancel);
                          },
                          [report] {
                              return tr("ImageFolder: %1 written, %2 skipped").arg(report->written).arg(report->skipped);
                          });
}

bool ReviewWindow::startExportJob(const QString& title, widgets::JobFn fn, std::function<QString()> doneText) {
    // Off the GUI thread, with progress and Cancel in the jobs strip. The exporters write
    // under temporary names and remove what they wrote when cancelled or failed, so a
    // cancelled export leaves nothing behind.
    QPointer<ReviewWindow> self(this);
    m_jobs->start(title, std::move(fn), [self, doneText = std::move(doneText)](const widgets::JobResult& r) {
        if (!self) return;
        if (r.ok) self->m_banner->setText(doneText());
        else if (r.cancelled) self->m_banner->setText(tr("Export cancelled; nothing was written."));
        else QMessageBox::warning(self, tr("Export"), r.error);
    });
    return true;
}

}  // namespace winnow::gui
