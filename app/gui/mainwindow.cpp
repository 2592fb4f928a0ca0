#include "app/gui/mainwindow.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "core/store/project.h"
#include "widgets/class_distribution_chart.h"
#include "widgets/detail_pane.h"
#include "widgets/job_runner.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_jobs(new widgets::JobRunner(this)),
      m_model(new widgets::SampleGridModel(this)) {
    setWindowTitle(tr("Winnow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/winnow.svg")));
    resize(1360, 860);
    createCentral();
    createDocks();
    createMenus();
    m_counts = new QLabel(this);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->showMessage(tr("Open a project or the demo project to begin."));
    connect(m_model, &widgets::SampleGridModel::queryApplied, this, &MainWindow::updateStatus);
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
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    e->accept();
}

void MainWindow::openProject(const QString& file, std::function<void()> whenShown) {
    const int generation = ++m_loadGeneration;
    auto result = std::make_shared<LoadedProject>();
    result->file = std::filesystem::path(file.toStdString());
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(file).fileName()));
    m_jobs->start(
        tr("Open %1").arg(QFileInfo(file).fileName()),
        [result](const core::ProgressFn& progress, const core::CancelToken&) {
            progress({0.0, "reading samples"});
            // This worker's own connection; open() also migrates an older project.
            auto project = core::Project::open(result->file);
            core::SampleStore store(project->db());
            auto table = std::make_shared<core::SampleTable>(store.loadTable());
            for (const auto& c : store.classes())
                result->classNames << QString::fromStdString(c.name);
            for (int8_t s : table->status) result->unreadable += s != 0;
            result->table = std::move(table);
            progress({1.0, "done"});
        },
        [this, result, generation, whenShown, file](const widgets::JobResult& r) {
            if (generation != m_loadGeneration) return;  // another project was opened since
            if (!r.ok) {
                statusBar()->clearMessage();
                if (!r.cancelled) reportError(tr("Open project"), r.error);
                return;
            }
            showLoaded(*result);
            addRecent(file);
            if (whenShown) whenShown();
        });
}

void MainWindow::showLoaded(const LoadedProject& p) {
    m_projectFile = p.file;
    m_unreadable = p.unreadable;
    // A fresh cache per project: its loader reads the project's array sources at start.
    m_model->setThumbnailCache(nullptr);
    delete m_cache;
    m_cache = new widgets::ThumbnailCache(p.file, 96, 128ll << 20, this);
    m_model->setThumbnailCache(m_cache);
    m_model->setTable(p.table, p.classNames);
    m_detail->setProject(p.file);
    m_chart->setCounts(p.classNames, widgets::ClassDistributionChart::countTable(
                                         *p.table, int(p.classNames.size())));
    fillClassFilter();
    m_importAction->setEnabled(true);
    setWindowTitle(tr("%1 — Winnow").arg(QString::fromStdString(p.file.filename().string())));
    statusBar()->showMessage(tr("Loaded %1.").arg(QString::fromStdString(p.file.string())), 5000);
    updateStatus();
}

void MainWindow::reloadProject() {
    if (!m_projectFile.empty()) openProject(QString::fromStdString(m_projectFile.string()));
}

void MainWindow::updateStatus() {
    const auto table = m_model->table();
    const qint64 total = table ? qint64(table->size()) : 0;
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
