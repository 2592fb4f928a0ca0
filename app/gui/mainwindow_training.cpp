// Issue 3 in the main window: the Train… action (TrainDialog → TrainingJob on the runner)
// and the Training dock (run selector, live curves, per-class accuracy).
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMessageBox>
#include <QStatusBar>

#include "app/gui/mainwindow.h"
#include "core/util/invalid_setting.h"
#include "widgets/sample_grid_model.h"
#include "widgets/train/external_run_watcher.h"
#include "widgets/train/multi_process_launch.h"
#include "widgets/train/process_run_job.h"
#include "widgets/train/train_dialog.h"
#include "widgets/train/training_job.h"
#include "widgets/train/training_panel.h"

namespace winnow::gui {

void MainWindow::createTrainingDock() {
    m_trainingPanel = new widgets::TrainingPanel(this);
    auto* dock = new QDockWidget(tr("Training"), this);
    dock->setObjectName(QStringLiteral("trainingDock"));
    dock->setWidget(m_trainingPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();  // shown when a run starts or from the View menu

    m_trainingJob = new widgets::TrainingJob(m_jobs, this);
    connect(m_trainingJob, &widgets::TrainingJob::epochFinished, m_trainingPanel,
            &widgets::TrainingPanel::addLiveEpoch);
    connect(m_trainingJob, &widgets::TrainingJob::finished, this,
            [this](bool ok, bool cancelled, qint64 runId, const QString& error) {
                if (m_trainAction) m_trainAction->setEnabled(hasProject() && !trainingRunning());
                m_trainingPanel->endLive(runId);
                if (ok) statusBar()->showMessage(tr("Training run %1 finished.").arg(runId), 8000);
                else if (!cancelled) reportError(tr("Training failed"), error);
            });
    // A run of several processes (Train dialog, Processes > 1): torchrun's children write the
    // project (rank 0); their JSON lines feed the same live view.
    m_processRun = new widgets::ProcessRunJob(m_jobs, this);
    connect(m_processRun, &widgets::ProcessRunJob::epochFinished, m_trainingPanel,
            &widgets::TrainingPanel::addLiveEpoch);
    connect(m_processRun, &widgets::ProcessRunJob::finished, this,
            [this](bool ok, bool cancelled, qint64 runId, const QString& error) {
                if (m_trainAction) m_trainAction->setEnabled(hasProject() && !trainingRunning());
                m_trainingPanel->endLive(runId);
                if (ok) statusBar()->showMessage(tr("Training run %1 finished.").arg(runId), 8000);
                else if (!cancelled) reportError(tr("Training failed"), error);
            });
    // Runs that winnow-cli, torchrun or a Slurm job train into this project: listed in the
    // jobs panel while they run, and the run list follows them.
    m_runWatcher = new widgets::ExternalRunWatcher(m_jobs, this);
    connect(m_runWatcher, &widgets::ExternalRunWatcher::runsChanged, this, [this] {
        m_trainingPanel->refreshRuns();
        m_trainingPanel->refreshShownRun();
    });
    connect(m_trainingPanel, &widgets::TrainingPanel::resumeRequested, this, &MainWindow::resumeRun);
    // The grid model resets whenever a project (re)loads; follow the project from there.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_trainingPanel->property("file").toString() == QString::fromStdString(m_projectFile.string()))
            return;
        m_trainingPanel->setProperty("file", QString::fromStdString(m_projectFile.string()));
        m_trainingPanel->setProject(m_projectFile);
        m_runWatcher->setProject(m_projectFile);
        if (m_trainAction) m_trainAction->setEnabled(hasProject() && !trainingRunning());
    });
}

bool MainWindow::trainingRunning() const {
    return m_trainingJob->isRunning() || (m_processRun && m_processRun->isRunning());
}

void MainWindow::trainDialog() {
    if (!hasProject() || trainingRunning()) return;
    // Over the window the user acted in (the Review window's empty queue offers training too).
    QWidget* active = QApplication::activeWindow();
    widgets::TrainDialog dlg(m_projectFile, active ? active : this);
    if (dlg.exec() != QDialog::Accepted) return;
    const core::TrainConfig cfg = dlg.config();
    const int processes = dlg.processes();
    if (processes > 1) {
        widgets::ProcessLaunch launch;
        try {
            launch = widgets::trainLaunch(widgets::torchrunProgram(), processes, widgets::winnowCliProgram(),
                                          m_projectFile, cfg);
        } catch (const core::Error& e) {  // a setting the CLI cannot take, or no free port
            reportError(tr("Training failed"), QString::fromStdString(e.what()));
            return;
        }
        m_trainingPanel->beginLive(tr("Training %1 for %n epoch(s) in %2 processes…", nullptr, cfg.epochs)
                                       .arg(QString::fromStdString(cfg.model))
                                       .arg(processes));
        m_trainAction->setEnabled(false);
        m_processRun->start(tr("Train %1 (%n epoch(s), %2 processes)", nullptr, cfg.epochs)
                                .arg(QString::fromStdString(cfg.model))
                                .arg(processes),
                            launch.program, launch.arguments);
    } else {
        if (m_trainingJob->start(m_projectFile, cfg) == 0) return;
        m_trainAction->setEnabled(false);
        m_trainingPanel->beginLive(tr("Training %1 for %n epoch(s)…", nullptr, cfg.epochs)
                                       .arg(QString::fromStdString(cfg.model)));
    }
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("trainingDock"))) {
        dock->show();
        dock->raise();
    }
}

// Continues a run that stopped early from its last checkpoint, with its stored config.
void MainWindow::resumeRun(qint64 runId) {
    if (!hasProject() || trainingRunning()) return;
    core::TrainConfig cfg;
    cfg.resumeRunId = runId;
    cfg.device = "auto";
    if (m_trainingJob->start(m_projectFile, cfg) == 0) return;
    m_trainAction->setEnabled(false);
    m_trainingPanel->beginLive(tr("Resuming run %1…").arg(runId), runId);
}

}  // namespace winnow::gui
