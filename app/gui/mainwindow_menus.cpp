#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include "app/gui/mainwindow.h"
#include "app/gui/retrieval_window.h"
#include "app/gui/review_window.h"
#include "core/store/project.h"
#include "widgets/class_distribution_chart.h"
#include "widgets/import_dialog.h"
#include "widgets/job_runner.h"
#include "widgets/runs/compare_runs_dialog.h"
#include "widgets/review/review_widget.h"
#include "widgets/settings_dialog.h"

namespace winnow::gui {

namespace {
const QString kRecentKey = QStringLiteral("recentProjects");
constexpr int kMaxRecent = 8;
}  // namespace

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Project…"), QKeySequence::New, this, &MainWindow::newProjectDialog);
    file->addAction(tr("&Open Project…"), QKeySequence::Open, this, &MainWindow::openProjectDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recentMenu->setToolTipsVisible(true);
    file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDemoInteractive)
        ->setObjectName(QStringLiteral("actionOpenDemo"));
    file->addSeparator();
    m_importAction = file->addAction(tr("&Import Dataset…"), QKeySequence(tr("Ctrl+I")), this,
                                     &MainWindow::importDialog);
    m_importAction->setEnabled(false);
    m_exportChartAction = file->addAction(tr("&Export Class Chart…"), m_chart,
                                          &widgets::ClassDistributionChart::exportInteractive);
    file->addSeparator();
    QAction* settings = file->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::settingsDialog);
    settings->setObjectName(QStringLiteral("actionSettings"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quitApplication);
    quit->setObjectName(QStringLiteral("actionQuit"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) m_viewMenu->addAction(dock->toggleViewAction());

    // Issue 5: the review workstation opens in its own window for the current project.
    QMenu* review = menuBar()->addMenu(tr("&Review"));
    QAction* openReview = review->addAction(tr("Open &Review Workstation…"), QKeySequence(tr("Ctrl+R")), this, [this] {
        if (hasProject()) linkReviewWindow(ReviewWindow::openFor(m_projectFile, this));
    });
    openReview->setObjectName(QStringLiteral("actionOpenReview"));
    QAction* compare = review->addAction(tr("&Compare Runs…"), this, [this] {
        if (!hasProject()) return;
        try {
            auto* dlg = new widgets::CompareRunsDialog(m_projectFile, this);
            dlg->setAttribute(Qt::WA_DeleteOnClose);
            dlg->show();
        } catch (const std::exception& e) {
            reportError(tr("Compare runs"), QString::fromUtf8(e.what()));
        }
    });
    compare->setObjectName(QStringLiteral("actionCompareRuns"));
    review->addAction(tr("&Issues…"), QKeySequence(tr("Ctrl+Shift+I")), this, &MainWindow::showIssues)
        ->setObjectName(QStringLiteral("actionIssues"));
    review->addAction(tr("Search by &Text…"), this, &MainWindow::searchByText)
        ->setObjectName(QStringLiteral("actionSearchByText"));

    // Issue 3: training runs as a job; its curves go to the Training dock.
    QMenu* train = menuBar()->addMenu(tr("&Train"));
    m_trainAction = train->addAction(tr("Train &Model…"), QKeySequence(tr("Ctrl+T")), this,
                                     &MainWindow::trainDialog);
    m_trainAction->setObjectName(QStringLiteral("actionTrain"));
    m_trainAction->setEnabled(hasProject());

    createAnalysisMenu();  // issue 16 (mainwindow_analysis.cpp)

    // Issue 11: RoCOCO retrieval stress tests in their own window for the current project.
    QMenu* retrieval = menuBar()->addMenu(tr("Re&trieval"));
    QAction* openRetrieval = retrieval->addAction(tr("Open Retrieval &Workstation…"), QKeySequence(tr("Ctrl+Shift+R")),
                                                  this, [this] {
                                                      if (hasProject()) RetrievalWindow::openFor(m_projectFile, this);
                                                  });
    openRetrieval->setObjectName(QStringLiteral("actionOpenRetrieval"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Winnow"), this, &MainWindow::about);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& f : recent) {
        // Two projects of one name in different folders must be told apart: the folder
        // shows beside the name, the full path as the tooltip.
        const QFileInfo info(f);
        QAction* a = m_recentMenu->addAction(tr("%1 — %2").arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())));
        a->setToolTip(f);
        a->setStatusTip(f);
        connect(a, &QAction::triggered, this, [this, f] { openProject(f); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QString& file) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString abs = QFileInfo(file).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::newProjectDialog() {
    QString file = QFileDialog::getSaveFileName(this, tr("New project"), QString(),
                                                tr("Winnow projects (*.winnow)"));
    if (file.isEmpty()) return;
    if (!file.endsWith(QStringLiteral(".winnow"))) file += QStringLiteral(".winnow");
    if (QFileInfo::exists(file)) {
        reportError(tr("New project"), tr("%1 already exists.").arg(file));
        return;
    }
    try {
        // Creating an empty project is a few milliseconds of schema statements.
        core::Project::create(std::filesystem::path(file.toStdString()));
    } catch (const std::exception& e) {
        reportError(tr("New project"), QString::fromUtf8(e.what()));
        return;
    }
    openProject(file, [this] { importDialog(); });
}

void MainWindow::openProjectDialog() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                      tr("Winnow projects (*.winnow)"));
    if (!file.isEmpty()) openProject(file);
}

void MainWindow::importDialog() {
    if (m_projectFile.empty()) return;
    auto* dlg = new widgets::ImportDialog(m_projectFile, m_jobs, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &widgets::ImportDialog::importFinished, this, &MainWindow::reloadProject);
    dlg->show();
}

void MainWindow::openDemoInteractive() {
    QString file = defaultDemoPath();
    if (!QFileInfo::exists(file)) {
        // The proposed folder must exist: a file dialog cannot show a missing one, and took
        // the proposal relative to the working directory (the demo landed there, not where
        // the README says). The folders made for the dialog go again after it (openDemo
        // makes the chosen one).
        QStringList made;
        for (QDir d = QFileInfo(file).absoluteDir(); !d.exists(); d.setPath(QFileInfo(d.absolutePath()).absolutePath()))
            made.prepend(d.absolutePath());
        if (!made.isEmpty()) QDir().mkpath(made.last());
        file = QFileDialog::getSaveFileName(this, tr("Where should the demo project go?"), file,
                                            tr("Winnow projects (*.winnow)"));
        for (auto it = made.crbegin(); it != made.crend(); ++it) QDir().rmdir(*it);  // only when empty
        if (file.isEmpty()) return;
        if (!file.endsWith(QStringLiteral(".winnow"))) file += QStringLiteral(".winnow");
    }
    openDemo(file);
}

void MainWindow::settingsDialog() {
    widgets::SettingsDialog dlg(this);
    if (dlg.exec() != QDialog::Accepted) return;
    // Open Review windows record the new name from their next decision on.
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* review = qobject_cast<ReviewWindow*>(w)) review->review()->setReviewer(dlg.reviewer());
}

void MainWindow::about() {
    QMessageBox::about(this, tr("About Winnow"),
                       tr("<b>Winnow</b> %1<br>Finds and fixes mislabelled samples in image and "
                          "video datasets.")
                           .arg(QApplication::applicationVersion()));
}

}  // namespace winnow::gui
