#include "app/gui/review_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QtConcurrent>

#include "core/review/exporters.h"
#include "core/review/label_versions.h"
#include "core/store/project.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/trusted_set_manager.h"

namespace winnow::gui {

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
    setCentralWidget(m_tabs);
    statusBar()->addWidget(m_banner, 1);

    QMenu* file = menuBar()->addMenu(tr("&Review"));
    file->addAction(tr("&Apply decisions (new label version)…"), this, &ReviewWindow::applyDecisions);
    file->addAction(tr("Export corrected labels as &CSV…"), this, [this] { exportLabels(false); });
    file->addAction(tr("Export corrected labels as &JSON…"), this, [this] { exportLabels(true); });
    file->addAction(tr("Export cleaned &ImageFolder…"), this, &ReviewWindow::exportImageFolder);
    file->addAction(tr("&Reload results"), QKeySequence::Refresh, this, [this] { load(); });
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

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
    m_poll = new QTimer(this);
    m_poll->setInterval(5000);
    connect(m_poll, &QTimer::timeout, this, &ReviewWindow::checkForNewResults);
    resize(1400, 900);
    load();
}

ReviewWindow::~ReviewWindow() { m_watcher.waitForFinished(); }

QString ReviewWindow::reviewerName(QWidget* parent) {
    QSettings settings;
    QString name = settings.value(QStringLiteral("review/reviewer")).toString();
    if (!name.isEmpty()) return name;
    bool ok = false;
    name = QInputDialog::getText(parent, tr("Reviewer"),
                                 tr("Your name, recorded with every review decision:"),
                                 QLineEdit::Normal, qEnvironmentVariable("USER"), &ok)
               .trimmed();
    if (!ok || name.isEmpty()) return {};
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
    if (m_watcher.isRunning()) return;
    m_banner->setText(tr("Loading scores…"));
    const auto file = m_file;
    auto error = std::make_shared<QString>();
    m_loadErrorSlot = error;
    m_watcher.setFuture(QtConcurrent::run([file, scoringId, error]() -> std::shared_ptr<widgets::ReviewData> {
        try {
            return widgets::loadReviewData(file, scoringId);
        } catch (const std::exception& e) {
            *error = QString::fromUtf8(e.what());  // read on the GUI thread after finished()
            return nullptr;
        }
    }));
}

void ReviewWindow::loaded() {
    auto data = m_watcher.result();
    m_loadError = m_loadErrorSlot ? *m_loadErrorSlot : QString();
    if (!data) {
        m_banner->setText(m_loadError.isEmpty()
                              ? tr("No scores yet: train a model and run “winnow-cli score” on this project.")
                              : tr("Could not load the scores: %1").arg(m_loadError));
        m_poll->start();
        return;
    }
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
    m_banner->setText(tr("%1 on run %2 · %3 samples scored").arg(data->detector).arg(data->runId).arg(data->n));
    if (scorings.size() > 1) {
        const auto file = m_file;
        auto* w = new QFutureWatcher<std::vector<std::shared_ptr<const widgets::ReviewData>>>(this);
        connect(w, &QFutureWatcherBase::finished, this, [this, w] {
            m_dashboard->setOtherDetectors(w->result());
            w->deleteLater();
        });
        w->setFuture(QtConcurrent::run([file, scorings] {
            std::vector<std::shared_ptr<const widgets::ReviewData>> out;
            for (size_t i = 1; i < scorings.size() && i < 6; ++i) {
                try {
                    out.push_back(widgets::loadReviewData(file, scorings[i].id));
                } catch (const std::exception&) {
                    // A damaged older scoring is simply left out of the comparison.
                }
            }
            return out;
        }));
    }
    m_poll->start();
}

void ReviewWindow::checkForNewResults() {
    try {
        const auto s = widgets::listScorings(m_file);
        const qint64 newest = s.empty() ? 0 : s.front().id;
        if (newest > m_latestScoring && m_latestScoring >= 0)
            m_banner->setText(tr("New scores are available (%1) — Review ▸ Reload results.").arg(s.front().detector));
        if (m_latestScoring <= 0 && newest > 0) load();
    } catch (const std::exception&) {
        // The project is busy or moved: try again at the next tick.
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
        QMessageBox::information(this, tr("Apply decisions"),
                                 r.versionId == 0 ? tr("Nothing to apply: the labels already match the decisions.")
                                                  : tr("Label version %1: %2 relabelled, %3 excluded, %4 included again.")
                                                        .arg(r.versionId).arg(r.relabelled).arg(r.excluded).arg(r.included));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Apply decisions"), QString::fromUtf8(e.what()));
    }
}

void ReviewWindow::exportLabels(bool json) {
    if (!m_review->project()) return;
    const QString f = QFileDialog::getSaveFileName(this, tr("Export corrected labels"),
                                                   json ? QStringLiteral("labels.json") : QStringLiteral("labels.csv"));
    if (f.isEmpty()) return;
    try {
        if (json) core::exportLabelsJson(*m_review->project(), f.toStdString());
        else core::exportLabelsCsv(*m_review->project(), f.toStdString());
        m_banner->setText(tr("Exported %1").arg(f));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export"), QString::fromUtf8(e.what()));
    }
}

void ReviewWindow::exportImageFolder() {
    if (!m_review->project()) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export cleaned ImageFolder into"));
    if (dir.isEmpty()) return;
    try {
        const auto r = core::exportImageFolder(*m_review->project(), dir.toStdString(), {});
        m_banner->setText(tr("ImageFolder: %1 written, %2 skipped").arg(r.written).arg(r.skipped));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export"), QString::fromUtf8(e.what()));
    }
}

}  // namespace winnow::gui
