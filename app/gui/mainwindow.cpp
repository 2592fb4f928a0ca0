#include "app/gui/mainwindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <utility>

#include "app/gui/review_window.h"
#include "core/store/project.h"
#include "widgets/class_distribution_chart.h"
#include "widgets/curation/map_panel.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/detail_pane.h"
#include "widgets/grid_query.h"
#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/project_loader.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/thumbnail_cache.h"
#include "widgets/window_size.h"

namespace winnow::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_jobs(new widgets::JobRunner(this)),
      m_model(new widgets::SampleGridModel(this)) {
    setWindowTitle(tr("Winnow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/winnow.svg")));
    // Fits a 1366×768 screen; the size the user left it at wins (restoreGeometry below).
    resize(widgets::fitToScreen(this, QSize(1360, 860)));
    createCentral();
    createDocks();
    createMenus();
    m_counts = new QLabel(this);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->showMessage(tr("Open a project or the demo project to begin."));
    connect(m_model, &widgets::SampleGridModel::queryApplied, this, &MainWindow::updateStatus);
    connect(m_model, &widgets::SampleGridModel::queryApplied, this, [this] {
        const qint64 pending = std::exchange(m_pendingSelection, -1);
        if (pending < 0) return;
        const int row = m_model->rowOfSample(pending);
        if (row >= 0) m_grid->setCurrentIndex(m_model->index(row));
    });
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() {
    // Jobs capture `this` in their completion callbacks: stop them before members go away.
    m_jobs->cancelAll();
    m_jobs->waitForAll();
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (m_jobs->runningCount() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Quit Winnow"),
            tr("%n job(s) still running. Cancel them and quit?", nullptr, m_jobs->runningCount()));
        if (answer != QMessageBox::Yes) {
            e->ignore();
            return;
        }
    }
    // Review windows are top-level windows of their own (no parent): left open, they kept
    // the process running after the main window had gone. Each may refuse (a running
    // retrain the user keeps); then nothing closes.
    for (QWidget* w : QApplication::topLevelWidgets()) {
        auto* review = qobject_cast<ReviewWindow*>(w);
        if (review && review->isVisible() && !review->close()) {
            e->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    e->accept();
}

bool MainWindow::quitApplication() {
    if (!close()) return false;
    // Whatever else is still open (a dialog without a parent) does not keep the process.
    QCoreApplication::quit();
    return true;
}

void MainWindow::openProject(const QString& file, std::function<void()> whenShown) {
    const int generation = ++m_loadGeneration;
    // Another project: the jobs panel drops the old project's finished jobs and labels its
    // running ones (they go on: a training is not thrown away because another project is
    // being looked at), the Training dock follows the new project (showLoaded).
    const std::filesystem::path target(file.toStdString());
    if (!m_projectFile.empty() && std::filesystem::absolute(target) != std::filesystem::absolute(m_projectFile))
        m_jobsPanel->projectChanged(QString::fromStdString(m_projectFile.filename().string()));
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(file).fileName()));
    // The first screen comes from a small preview query; the full table replaces it when
    // loaded (a million rows take over a second to read).
    widgets::startProjectLoad(
        *m_jobs, std::filesystem::path(file.toStdString()),
        [this, generation](const widgets::LoadedTable& preview) {
            if (generation == m_loadGeneration) showLoaded(preview);
        },
        [this, generation, whenShown, file](const widgets::LoadedTable& full) {
            if (generation != m_loadGeneration) return;  // another project was opened since
            showLoaded(full);
            addRecent(file);
            if (whenShown) whenShown();
        },
        [this, generation](const widgets::JobResult& r) {
            if (generation != m_loadGeneration) return;
            statusBar()->clearMessage();
            if (!r.cancelled) reportError(tr("Open project"), r.error);
        });
}

void MainWindow::showLoaded(const widgets::LoadedTable& p) {
    if (p.file != m_projectFile || !m_cache) {
        m_projectFile = p.file;
        // A fresh cache per project: its loader reads the project's array sources at start.
        // The new cache goes to the model before the old one is deleted.
        std::unique_ptr<widgets::ThumbnailCache> old(m_cache.data());
        m_cache = new widgets::ThumbnailCache(p.file, 96, 128ll << 20, this);
        m_model->setThumbnailCache(m_cache);
        old.reset();
        m_detail->setProject(p.file);
        m_map->setProject(p.file, m_cache);
        clearOnlySamples();
        if (m_issues) m_issues->setProject(p.file);
        m_chart->setCounts({}, {});
        // Another project's facts and sort choices mean nothing here.
        ++m_factsGeneration;
        m_facts.reset();
        m_factsSource.clear();
        fillSortSources({}, {});
        updateActions();
    }
    m_grid->setClipProject(p.file);  // again after imports: new clips may have appeared
    // Keep the user's place when the full table replaces the preview.
    const qint64 current = m_grid->currentSampleId();
    const int scroll = m_grid->verticalScrollBar()->value();
    m_model->setTable(p.table, p.classNames);
    if (current >= 0) {
        const int row = m_model->rowOfSample(current);
        if (row >= 0) m_grid->setCurrentIndex(m_model->index(row));
    }
    m_grid->verticalScrollBar()->setValue(scroll);
    fillClassFilter();
    m_importAction->setEnabled(true);
    setWindowTitle(tr("%1 — Winnow").arg(QString::fromStdString(p.file.filename().string())));
    if (p.complete) {
        // Thumbnails that failed while an import was still writing (or before the project
        // was reopened) are tried again: they showed as unreadable until a restart.
        if (m_cache) m_cache->forgetFailures();
        // File names, decisions and the scorings to sort by (a reload may follow an import,
        // a noise injection or a new scoring).
        loadFacts(wantedFactsSource());
        m_unreadable = p.unreadable;
        m_chart->setCounts(p.classNames, widgets::ClassDistributionChart::countTable(
                                             *p.table, int(p.classNames.size())));
        statusBar()->showMessage(tr("Loaded %1.").arg(QString::fromStdString(p.file.string())),
                                 5000);
    }
    m_complete = p.complete;
    updateStatus();
}

void MainWindow::reloadProject() {
    if (!m_projectFile.empty()) openProject(QString::fromStdString(m_projectFile.string()));
}

void MainWindow::updateStatus() {
    const auto table = m_model->table();
    const qint64 total = table ? qint64(table->size()) : 0;
    if (!m_complete) {
        m_counts->setText(tr("Loading samples… (%1 so far)").arg(QLocale().toString(total)));
        return;
    }
    m_counts->setText(tr("%1 samples · %2 shown · %3 classes · %4 unreadable")
                          .arg(QLocale().toString(total))
                          .arg(QLocale().toString(m_model->rowCount()))
                          .arg(m_model->classNames().size())
                          .arg(QLocale().toString(m_unreadable)));
}

void MainWindow::reportError(const QString& title, const QString& message) {
    QMessageBox::warning(this, title, message);
}

}  // namespace winnow::gui
