// Issue 14: the embedding-map dock and the grid's "only these samples" filter it feeds.
#include <QDockWidget>
#include <QStatusBar>
#include <QToolButton>
#include <algorithm>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/map_panel.h"
#include "widgets/sample_grid_view.h"

namespace winnow::gui {

void MainWindow::createMapDock() {
    m_map = new widgets::MapPanel(m_jobs, this);
    m_map->setObjectName(QStringLiteral("mapPanel"));
    m_mapDock = new QDockWidget(tr("Map"), this);
    m_mapDock->setObjectName(QStringLiteral("mapDock"));
    m_mapDock->setWidget(m_map);
    addDockWidget(Qt::RightDockWidgetArea, m_mapDock);
    m_mapDock->hide();  // View ▸ Map shows it

    connect(m_map, &widgets::MapPanel::showInGridRequested, this, &MainWindow::showOnlySamples);
    connect(m_map, &widgets::MapPanel::sampleActivated, this, &MainWindow::selectSample);
    connect(m_map, &widgets::MapPanel::reviewRequested, this, [this](const QVector<qint64>& ids) {
        if (!hasProject() || ids.isEmpty()) return;
        ReviewWindow* w = ReviewWindow::openFor(m_projectFile, this);
        if (!w) return;
        linkReviewWindow(w);
        w->showSampleList(ids, tr("Map selection"));
    });
    // The grid's current sample and its stored neighbours are ringed on the map.
    connect(this, &MainWindow::selectedSampleChanged, m_map, &widgets::MapPanel::highlightSample);
}

void MainWindow::showMap() {
    m_mapDock->show();
    m_mapDock->raise();
}

void MainWindow::showOnlySamples(const QVector<qint64>& ids) {
    if (ids.isEmpty()) {
        clearOnlySamples();
        return;
    }
    auto sorted = std::make_shared<std::vector<int64_t>>(ids.begin(), ids.end());
    std::sort(sorted->begin(), sorted->end());
    sorted->erase(std::unique(sorted->begin(), sorted->end()), sorted->end());
    m_onlyIds = std::move(sorted);
    m_onlyIdsButton->setText(tr("Map selection: %n sample(s) ✕", nullptr, int(m_onlyIds->size())));
    m_onlyIdsButton->show();
    applyFilters();
}

void MainWindow::clearOnlySamples() {
    if (!m_onlyIds) return;
    m_onlyIds.reset();
    m_onlyIdsButton->hide();
    applyFilters();
}

}  // namespace winnow::gui
