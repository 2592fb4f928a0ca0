// Issue 14: the Issues dock (scan, issue counts, near-duplicate threshold, More like this), its
// review queues and "More like this" from the grid's context menu and the detail pane.
#include <QDockWidget>
#include <QMenu>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "widgets/curation/duplicate_group_review.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/curation/text_search_dialog.h"
#include "widgets/detail_pane.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/window_size.h"

namespace winnow::gui {

void MainWindow::createIssuesDock() {
    m_issues = new widgets::IssuesPanel(m_jobs, this);
    m_issues->setObjectName(QStringLiteral("issuesPanel"));
    m_issuesDock = new QDockWidget(tr("Issues"), this);
    m_issuesDock->setObjectName(QStringLiteral("issuesDock"));
    m_issuesDock->setWidget(m_issues);
    addDockWidget(Qt::RightDockWidgetArea, m_issuesDock);
    m_issuesDock->hide();  // View ▸ Issues or Review ▸ Issues… shows it
    // Shown again: a scan the CLI stored meanwhile appears.
    connect(m_issuesDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && hasProject() && !m_issues->scanning()) m_issues->refresh();
    });

    // An issue type opens its queue in the Review window; the duplicate types' group review
    // (reviewGroupsRequested) is connected where that window is built.
    connect(m_issues, &widgets::IssuesPanel::reviewIssueRequested, this, [this](qint64 resultId, const QString& type) {
        if (!hasProject()) return;
        ReviewWindow* w = ReviewWindow::openFor(m_projectFile, this);
        if (!w) return;
        linkReviewWindow(w);
        w->showCurationIssue(resultId, type);
    });
    // The samples beyond an image-quality cut, worst first.
    connect(m_issues, &widgets::IssuesPanel::reviewSamplesRequested, this,
            [this](const QVector<qint64>& ids, const QString& reason) {
                if (!hasProject() || ids.isEmpty()) return;
                ReviewWindow* w = ReviewWindow::openFor(m_projectFile, this);
                if (!w) return;
                linkReviewWindow(w);
                w->showSampleList(ids, reason, true);
            });
    // The duplicate types are also reviewed a group at a time (keep one, not duplicates).
    connect(m_issues, &widgets::IssuesPanel::reviewGroupsRequested, this,
            [this](qint64 resultId, const QString& type) { openGroupReview(resultId, type); });
    connect(m_issues, &widgets::IssuesPanel::sampleActivated, this, &MainWindow::selectSample);
    connect(m_detail, &widgets::DetailPane::moreLikeThisRequested, this, &MainWindow::showMoreLikeThis);

    m_grid->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_grid, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_grid->indexAt(pos);
        if (!index.isValid()) return;
        m_grid->setCurrentIndex(index);
        const qint64 id = m_grid->currentSampleId();
        if (id < 0) return;
        QMenu menu(this);
        menu.addAction(tr("&More like this"), this, [this, id] { showMoreLikeThis(id); })
            ->setObjectName(QStringLiteral("gridMoreLikeThis"));
        menu.exec(m_grid->viewport()->mapToGlobal(pos));
    });
}

void MainWindow::openGroupReview(qint64 resultId, const QString& issueType) {
    if (!hasProject()) return;
    auto* w = new widgets::DuplicateGroupReviewWidget(m_projectFile, resultId, issueType,
                                                      ReviewWindow::reviewerName(this), this);
    w->setObjectName(QStringLiteral("duplicateGroupReview"));
    w->setWindowFlag(Qt::Window);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setWindowTitle(tr("Duplicate groups — %1").arg(QString::fromStdString(m_projectFile.filename().string())));
    w->resize(widgets::fitToScreen(w, QSize(1100, 640)));
    // Exclusions change what the grid's review filters show.
    connect(w, &widgets::DuplicateGroupReviewWidget::decisionsChanged, this, [this] {
        if (m_facts) loadFacts(wantedFactsSource());
    });
    w->show();
    w->setFocus();
}

void MainWindow::searchByText() {
    if (!hasProject()) return;
    auto* dlg = new widgets::TextSearchDialog(m_jobs, m_projectFile, this);
    dlg->setObjectName(QStringLiteral("textSearchDialog"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    const auto searched = m_projectFile;
    connect(dlg, &widgets::TextSearchDialog::resultsReady, this,
            [this, searched](const QVector<qint64>& ids, const QVector<float>& scores, const QString& reason) {
                if (ids.isEmpty() || searched != m_projectFile) return;
                ReviewWindow* w = ReviewWindow::openFor(m_projectFile, this);
                if (!w) return;
                linkReviewWindow(w);
                w->showSampleList(ids, reason, scores);
            });
    dlg->show();
}

void MainWindow::showIssues() {
    m_issuesDock->show();
    m_issuesDock->raise();
}

void MainWindow::showMoreLikeThis(qint64 sampleId) {
    showIssues();
    m_issues->showMoreLikeThis(sampleId);
}

}  // namespace winnow::gui
