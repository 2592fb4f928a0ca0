#include "app/gui/retrieval_window.h"

#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

#include "core/retrieval/retrieval_export.h"
#include "core/retrieval/retrieval_import.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/retrieval/builtin_train_dialog.h"
#include "widgets/retrieval/builtin_train_window.h"
#include "widgets/retrieval/retrieval_browser.h"
#include "widgets/retrieval/retrieval_eval_dialog.h"
#include "widgets/window_size.h"

namespace winnow::gui {

RetrievalWindow::RetrievalWindow(const std::filesystem::path& projectFile, QWidget* parent)
    : QMainWindow(parent), m_file(projectFile) {
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("retrievalWindow"));
    setWindowTitle(tr("Retrieval — %1").arg(QString::fromStdString(projectFile.filename().string())));
    m_browser = new widgets::RetrievalBrowser(this);
    m_jobs = new widgets::JobRunner(this);
    auto* jobsPanel = new widgets::JobsPanel(m_jobs, this);
    jobsPanel->setMinimumHeight(jobsPanel->sizeHint().height() + 24);
    jobsPanel->setMaximumHeight(jobsPanel->sizeHint().height() * 2 + 24);
    jobsPanel->setHiddenWhenEmpty(true);  // no room taken while there is no job
    auto* central = new QWidget(this);
    auto* lay = new QVBoxLayout(central);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_browser, 1);
    lay->addWidget(jobsPanel);
    setCentralWidget(central);

    QMenu* menu = menuBar()->addMenu(tr("&Retrieval"));
    menu->addAction(tr("&Import caption set…"), this, &RetrievalWindow::importDialog);
    menu->addAction(tr("&New evaluation…"), QKeySequence::New, this, &RetrievalWindow::evaluateDialog);
    menu->addAction(tr("Train &built-in encoder…"), this, &RetrievalWindow::trainBuiltinDialog);
    menu->addSeparator();
    menu->addAction(tr("Export results &table (CSV)…"), this, [this] { exportDialog(QStringLiteral("table")); });
    menu->addAction(tr("Export &failures (CSV)…"), this, [this] { exportDialog(QStringLiteral("failures")); });
    menu->addAction(tr("Export HTML &report…"), this, [this] { exportDialog(QStringLiteral("report")); });
    menu->addSeparator();
    menu->addAction(tr("&Reload"), QKeySequence::Refresh, m_browser, &widgets::RetrievalBrowser::reload);
    menu->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    resize(widgets::fitToScreen(this, QSize(1300, 860)));
    m_browser->open(m_file);
}

RetrievalWindow* RetrievalWindow::openFor(const std::filesystem::path& projectFile, QWidget* parent) {
    for (auto* w : parent ? parent->findChildren<RetrievalWindow*>() : QList<RetrievalWindow*>{}) {
        if (w->m_file == projectFile) {
            w->show();
            w->raise();
            w->activateWindow();
            return w;
        }
    }
    auto* w = new RetrievalWindow(projectFile, parent);
    w->setWindowFlag(Qt::Window);
    w->show();
    return w;
}

int RetrievalWindow::startJob(const QString& title,
                              std::function<QString(core::Project&, const core::ProgressFn&, const core::CancelToken&)> work,
                              bool reload) {
    auto message = std::make_shared<QString>();
    const auto file = m_file;
    return m_jobs->start(
        title,
        [file, work, message](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            auto project = core::Project::open(file);
            *message = work(*project, progress, cancel);
        },
        [this, message, reload, title](const widgets::JobResult& r) {
            if (r.ok) {
                if (!message->isEmpty()) statusBar()->showMessage(*message, 15000);
                if (reload) m_browser->open(m_file);
            } else if (!r.cancelled) {
                QMessageBox::warning(this, title, r.error);
                if (reload) m_browser->open(m_file);  // a failed run is listed with its reason
            }
        });
}

int RetrievalWindow::importCaptions(const QString& captionFile, const QString& imageFolder) {
    const std::filesystem::path caption = captionFile.toStdString(), images = imageFolder.toStdString();
    return startJob(tr("Import %1").arg(QFileInfo(captionFile).fileName()),
                    [caption, images](core::Project& p, const core::ProgressFn&, const core::CancelToken&) {
                        core::CaptionImportOptions o;
                        o.imageFolder = images;
                        const auto result = core::importCaptionSet(p, caption, o);
                        return tr("Imported caption set #%1: %2 images, %3 issues")
                            .arg(result.setId)
                            .arg(result.set.images.size())
                            .arg(result.set.issues.size());
                    },
                    true);
}

int RetrievalWindow::evaluate(const core::RetrievalRequest& request) {
    return startJob(tr("Evaluate %1").arg(QString::fromStdString(request.model)),
                    [request](core::Project& p, const core::ProgressFn& progress, const core::CancelToken& cancel) {
                        const auto result = core::runRetrievalRequest(p, request, progress, &cancel);
                        return tr("Evaluation #%1 done: %2 images used, %3 left out")
                            .arg(result.runId)
                            .arg(result.imagesUsed)
                            .arg(result.imagesExcluded);
                    },
                    true);
}

int RetrievalWindow::exportTo(const QString& file, const QString& what) {
    const std::filesystem::path out = file.toStdString();
    const int64_t run = m_browser->currentRun();
    return startJob(tr("Export %1").arg(QFileInfo(file).fileName()),
                    [out, what, run](core::Project& p, const core::ProgressFn&, const core::CancelToken&) {
                        if (what == QStringLiteral("table"))
                            return tr("%1 rows written").arg(core::exportRetrievalTable(p, out));
                        if (what == QStringLiteral("failures"))
                            return tr("%1 failures written").arg(core::exportRetrievalFailures(p, out, run));
                        return tr("Report of %1 runs written").arg(core::writeRetrievalReport(p, out, run));
                    },
                    false);
}

void RetrievalWindow::importDialog() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Caption set"), {}, tr("Caption sets (*.json *.csv);;All files (*)"));
    if (file.isEmpty()) return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder the image paths are relative to"),
                                                             QFileInfo(file).absolutePath());
    if (folder.isEmpty()) return;
    importCaptions(file, folder);
}

void RetrievalWindow::evaluateDialog() { evaluateDialogWith(m_trainedModel); }

void RetrievalWindow::evaluateDialogWith(const QString& model) {
    widgets::RetrievalEvalDialog dlg(m_file, this);
    if (!model.isEmpty()) dlg.offerModel(model);
    if (dlg.exec() == QDialog::Accepted) evaluate(dlg.request());
}

void RetrievalWindow::trainBuiltinDialog() {
    widgets::BuiltinTrainDialog dlg(m_file, this);
    if (dlg.exec() == QDialog::Accepted) trainBuiltin(dlg.request());
}

int RetrievalWindow::trainBuiltin(const widgets::BuiltinTrainRequest& request) {
    auto* w = new widgets::BuiltinTrainWindow(m_jobs, this);
    w->setWindowFlag(Qt::Window);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &widgets::BuiltinTrainWindow::modelReady, this, [this](const QString& model) {
        m_trainedModel = model;
        statusBar()->showMessage(tr("Built-in encoder written: %1 (offered in New evaluation)").arg(model), 15000);
    });
    connect(w, &widgets::BuiltinTrainWindow::evaluateRequested, this, &RetrievalWindow::evaluateDialogWith);
    w->show();
    return w->start(m_file, request);
}

void RetrievalWindow::exportDialog(const QString& what) {
    const bool html = what == QStringLiteral("report");
    const QString file = QFileDialog::getSaveFileName(this, tr("Export"), {}, html ? tr("HTML (*.html)") : tr("CSV (*.csv)"));
    if (!file.isEmpty()) exportTo(file, what);
}

}  // namespace winnow::gui
