// Issue 16 in the main window: the loop without the CLI. The Analyse menu injects noise for
// a self-test, scores a run with any detector (the combined ranking included) and evaluates
// the self-test, each as a job with progress and Cancel in the jobs panel.
#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "app/gui/mainwindow.h"
#include "widgets/analysis/analysis_jobs.h"
#include "widgets/analysis/noise_dialog.h"
#include "widgets/analysis/score_dialog.h"
#include "widgets/job_runner.h"

namespace winnow::gui {

namespace {
// Dialogs open over the window the user acted in (a Review window offers these actions too).
QWidget* dialogParent(QWidget* fallback) {
    QWidget* active = QApplication::activeWindow();
    return active ? active : fallback;
}
}  // namespace

void MainWindow::createAnalysisMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Analyse"));
    m_injectNoiseAction = menu->addAction(tr("&Inject Noise (Self-Test)…"), this, &MainWindow::injectNoiseInteractive);
    m_injectNoiseAction->setObjectName(QStringLiteral("actionInjectNoise"));
    m_scoreRunAction = menu->addAction(tr("&Score Run…"), QKeySequence(tr("Ctrl+Shift+S")), this,
                                       &MainWindow::scoreRunInteractive);
    m_scoreRunAction->setObjectName(QStringLiteral("actionScoreRun"));
    m_evaluateAction = menu->addAction(tr("&Evaluate Self-Test"), this, &MainWindow::evaluateSelfTestInteractive);
    m_evaluateAction->setObjectName(QStringLiteral("actionEvaluateSelfTest"));
    updateActions();
}

void MainWindow::updateActions() {
    for (QAction* a : {m_injectNoiseAction, m_scoreRunAction, m_evaluateAction})
        if (a) a->setEnabled(hasProject());
}

int MainWindow::injectNoise(const widgets::NoiseRequest& request) {
    if (!hasProject()) return 0;
    const auto file = m_projectFile;
    return widgets::startNoiseInjection(*m_jobs, file, request,
                                        [this, file](const widgets::JobResult& r, const QString& summary) {
                                            if (r.ok) {
                                                statusBar()->showMessage(summary, 10000);
                                                if (file == m_projectFile) reloadProject();
                                                Q_EMIT labelsChanged();
                                            } else if (!r.cancelled) {
                                                reportError(tr("Inject noise"), r.error);
                                            }
                                        });
}

int MainWindow::scoreRun(const core::ScoreRequest& request) {
    if (!hasProject()) return 0;
    const auto file = m_projectFile;
    return widgets::startScoring(
        *m_jobs, file, request,
        [this, file](const widgets::JobResult& r, qint64 scoringId, const QString& summary) {
            if (r.ok) {
                statusBar()->showMessage(summary, 10000);
                // The new scoring joins the grid's sort choices.
                if (file == m_projectFile) loadFacts(wantedFactsSource());
                Q_EMIT scoringAdded(scoringId);
            } else if (!r.cancelled) {
                reportError(tr("Score run"), r.error);
            }
        });
}

int MainWindow::evaluateSelfTest() {
    if (!hasProject()) return 0;
    return widgets::startSelfTestEvaluation(*m_jobs, m_projectFile,
                                            [this](const widgets::JobResult& r, const QString& report) {
                                                if (r.ok) {
                                                    auto* box = new QMessageBox(QMessageBox::Information,
                                                                                tr("Self-test"), report,
                                                                                QMessageBox::Ok, this);
                                                    box->setAttribute(Qt::WA_DeleteOnClose);
                                                    box->setObjectName(QStringLiteral("selfTestReport"));
                                                    box->show();
                                                } else if (!r.cancelled) {
                                                    reportError(tr("Self-test"), r.error);
                                                }
                                            });
}

void MainWindow::injectNoiseInteractive() {
    if (!hasProject()) return;
    widgets::NoiseDialog dlg(dialogParent(this));
    if (dlg.exec() == QDialog::Accepted) injectNoise(dlg.request());
}

void MainWindow::scoreRunInteractive() {
    if (!hasProject()) return;
    widgets::ScoreDialog dlg(m_projectFile, dialogParent(this));
    if (dlg.exec() == QDialog::Accepted) scoreRun(dlg.request());
}

void MainWindow::evaluateSelfTestInteractive() { evaluateSelfTest(); }

}  // namespace winnow::gui
