#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

#include "app/gui/mainwindow.h"
#include "widgets/class_distribution_chart.h"
#include "widgets/detail_pane.h"
#include "widgets/grid_query.h"
#include "widgets/jobs_panel.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"

namespace winnow::gui {

void MainWindow::createCentral() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    auto* bar = new QHBoxLayout;
    m_classFilter = new QComboBox(central);
    m_classFilter->setObjectName(QStringLiteral("gridClassFilter"));
    // Filled again with each project's class names, after the first show: follow them.
    m_classFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_splitFilter = new QComboBox(central);
    m_splitFilter->addItem(tr("All splits"), -1);
    m_splitFilter->addItem(tr("train"), 0);
    m_splitFilter->addItem(tr("val"), 1);
    m_splitFilter->addItem(tr("test"), 2);
    m_statusFilter = new QComboBox(central);
    m_statusFilter->addItem(tr("Any status"), -1);
    m_statusFilter->addItem(tr("Readable"), 0);
    m_statusFilter->addItem(tr("Unreadable"), 1);
    m_sort = new QComboBox(central);
    m_sort->addItem(tr("Sort by id"), int(widgets::GridSortKey::Id));
    m_sort->addItem(tr("Sort by label"), int(widgets::GridSortKey::Label));
    m_sort->addItem(tr("Sort by split"), int(widgets::GridSortKey::Split));
    m_sort->addItem(tr("Sort by status"), int(widgets::GridSortKey::Status));
    m_descending = new QCheckBox(tr("Descending"), central);
    m_descending->setObjectName(QStringLiteral("gridDescending"));
    // Issue 16: what reviewers and detectors said, file-name search and jump to an id.
    m_reviewFilter = new QComboBox(central);
    m_reviewFilter->setObjectName(QStringLiteral("gridReviewFilter"));
    m_reviewFilter->addItem(tr("Any review state"), int(widgets::GridReviewFilter::Any));
    m_reviewFilter->addItem(tr("Flagged"), int(widgets::GridReviewFilter::Flagged));
    m_reviewFilter->addItem(tr("Relabelled"), int(widgets::GridReviewFilter::Relabelled));
    m_reviewFilter->addItem(tr("Excluded"), int(widgets::GridReviewFilter::Excluded));
    m_reviewFilter->addItem(tr("Trusted"), int(widgets::GridReviewFilter::Trusted));
    m_reviewFilter->addItem(tr("Reviewed"), int(widgets::GridReviewFilter::Decided));
    m_reviewFilter->addItem(tr("Not reviewed"), int(widgets::GridReviewFilter::Undecided));
    m_reviewFilter->setToolTip(tr("Flagged: by the scoring chosen under Sort, else by the newest scoring."));
    m_sort->setObjectName(QStringLiteral("gridSort"));
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("gridSearch"));
    m_search->setPlaceholderText(tr("Search file names"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    m_jump = new QLineEdit(central);
    m_jump->setObjectName(QStringLiteral("gridJump"));
    m_jump->setPlaceholderText(tr("Go to #id"));
    m_jump->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), m_jump));
    m_jump->setMaximumWidth(110);
    bar->addWidget(new QLabel(tr("Class:"), central));
    bar->addWidget(m_classFilter);
    bar->addWidget(new QLabel(tr("Split:"), central));
    bar->addWidget(m_splitFilter);
    bar->addWidget(new QLabel(tr("Status:"), central));
    bar->addWidget(m_statusFilter);
    bar->addWidget(new QLabel(tr("Review:"), central));
    bar->addWidget(m_reviewFilter);
    bar->addStretch(1);
    layout->addLayout(bar);
    // A second row so the bar fits a 1366-pixel screen beside the docks.
    auto* bar2 = new QHBoxLayout;
    bar2->addWidget(m_sort, 1);
    bar2->addWidget(m_descending);
    bar2->addSpacing(12);
    bar2->addWidget(m_search, 1);
    bar2->addWidget(m_jump);
    // Shown while the grid holds only a map selection; a click shows every sample again.
    m_onlyIdsButton = new QToolButton(central);
    m_onlyIdsButton->setObjectName(QStringLiteral("gridOnlyIds"));
    m_onlyIdsButton->setToolTip(tr("Show every sample again"));
    m_onlyIdsButton->hide();
    connect(m_onlyIdsButton, &QToolButton::clicked, this, &MainWindow::clearOnlySamples);
    bar2->addWidget(m_onlyIdsButton);
    layout->addLayout(bar2);
    fillClassFilter();

    m_grid = new widgets::SampleGridView(96, central);
    m_grid->setGridModel(m_model);
    layout->addWidget(m_grid, 1);
    setCentralWidget(central);

    for (QComboBox* c : {m_classFilter, m_splitFilter, m_statusFilter, m_sort, m_reviewFilter})
        connect(c, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilters);
    connect(m_descending, &QCheckBox::toggled, this, &MainWindow::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilters);
    connect(m_jump, &QLineEdit::returnPressed, this, &MainWindow::jumpToSample);
}

void MainWindow::createDocks() {
    setDockNestingEnabled(true);
    // The right-hand column (chart, sample) runs the full height and the bottom docks (jobs,
    // training) sit under the grid only: stacked, their minimum heights made the window
    // taller than a 1366×768 screen.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_chart = new widgets::ClassDistributionChart(this);
    auto* chartDock = new QDockWidget(tr("Class distribution"), this);
    chartDock->setObjectName(QStringLiteral("chartDock"));
    chartDock->setWidget(m_chart);
    addDockWidget(Qt::RightDockWidgetArea, chartDock);

    m_detail = new widgets::DetailPane(this);
    auto* detailDock = new QDockWidget(tr("Sample"), this);
    detailDock->setObjectName(QStringLiteral("detailDock"));
    detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, detailDock);

    m_jobsPanel = new widgets::JobsPanel(m_jobs, this);
    auto* jobsDock = new QDockWidget(tr("Jobs"), this);
    jobsDock->setObjectName(QStringLiteral("jobsDock"));
    jobsDock->setWidget(m_jobsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, jobsDock);
    createTrainingDock();  // issue 3 (mainwindow_training.cpp)
    createMapDock();       // issue 14 (mainwindow_map.cpp)
    createIssuesDock();    // issue 14 (mainwindow_issues.cpp)
    // Dock sizes only take effect once the window is laid out, hence the deferred call; a
    // layout saved by the user (restoreState) wins.
    if (QSettings().value(QStringLiteral("window/state")).isNull()) {
        QTimer::singleShot(0, this, [this, chartDock, detailDock, jobsDock] {
            resizeDocks({chartDock}, {440}, Qt::Horizontal);
            resizeDocks({chartDock, detailDock}, {340, 420}, Qt::Vertical);
            resizeDocks({jobsDock}, {80}, Qt::Vertical);
        });
    }

    connect(m_grid, &widgets::SampleGridView::currentSampleChanged, m_detail,
            &widgets::DetailPane::showSample);
    connect(m_grid, &widgets::SampleGridView::currentSampleChanged, this, &MainWindow::selectedSampleChanged);
}

void MainWindow::fillClassFilter() {
    const QSignalBlocker block(m_classFilter);
    const int previous = m_classFilter->currentData().isValid() ? m_classFilter->currentData().toInt() : -1;
    m_classFilter->clear();
    m_classFilter->addItem(tr("All classes"), -1);
    m_classFilter->addItem(tr("(unlabelled)"), -2);
    const QStringList& names = m_model->classNames();
    for (int i = 0; i < names.size(); ++i) m_classFilter->addItem(names[i], i);
    const int idx = m_classFilter->findData(previous);
    m_classFilter->setCurrentIndex(idx >= 0 ? idx : 0);
}


}  // namespace winnow::gui
