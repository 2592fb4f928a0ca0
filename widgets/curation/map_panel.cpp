#include "widgets/curation/map_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/curation/curation.h"
#include "core/curation/curation_read.h"
#include "core/curation/embedding_map.h"
#include "core/dataset/sample.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/train/run_rows.h"
#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/features_choice.h"
#include "widgets/job_runner.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

MapPanel::MapPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    m_features = new QComboBox(this);
    m_features->setObjectName(QStringLiteral("mapFeatures"));
    m_features->setToolTip(tr("What the map is made of: image thumbnails (no model needed), a run's features or an image encoder's."));
    m_encoderChoice = new EncoderFeaturesChoice(m_features);
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("mapMethod"));
    m_method->addItem(tr("Neighbour layout"), QStringLiteral("layout"));
    m_method->addItem(tr("PCA"), QStringLiteral("pca"));
    m_compute = new QPushButton(tr("Compute"), this);
    m_compute->setObjectName(QStringLiteral("mapCompute"));
    m_colour = new QComboBox(this);
    m_colour->setObjectName(QStringLiteral("mapColour"));
    m_colour->addItem(tr("Colour by label"));
    m_colour->addItem(tr("Colour by split"));
    m_colour->addItem(tr("Colour by issue"));
    m_colour->addItem(tr("Colour by outlier score"));
    bar->addWidget(m_features);
    bar->addWidget(m_method);
    bar->addWidget(m_compute);
    bar->addWidget(m_colour);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_view = new EmbeddingMapView(this);
    m_view->setObjectName(QStringLiteral("mapView"));
    m_view->setMinimumSize(240, 200);
    layout->addWidget(m_view, 1);
    auto* bottom = new QHBoxLayout;
    m_status = new QLabel(tr("Press Compute to draw the map."), this);
    m_status->setObjectName(QStringLiteral("mapStatus"));
    m_status->setWordWrap(true);
    m_toGrid = new QPushButton(tr("Show in grid"), this);
    m_toGrid->setObjectName(QStringLiteral("mapToGrid"));
    m_toReview = new QPushButton(tr("Review"), this);
    m_toReview->setObjectName(QStringLiteral("mapToReview"));
    m_toGrid->setEnabled(false);
    m_toReview->setEnabled(false);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_toGrid);
    bottom->addWidget(m_toReview);
    layout->addLayout(bottom);

    connect(m_compute, &QPushButton::clicked, this, [this] { compute(); });
    connect(m_colour, qOverload<int>(&QComboBox::currentIndexChanged), this, &MapPanel::colourBy);
    connect(m_view, &EmbeddingMapView::selectionChanged, this, &MapPanel::updateSelectionText);
    connect(m_view, &EmbeddingMapView::activated, this, &MapPanel::sampleActivated);
    connect(m_toGrid, &QPushButton::clicked, this, [this] { Q_EMIT showInGridRequested(m_selection); });
    connect(m_toReview, &QPushButton::clicked, this, [this] { Q_EMIT reviewRequested(m_selection); });
    connect(m_view, &EmbeddingMapView::hovered, this, [this](qint64 id) {
        if (id < 0 || !m_thumbnails) return;
        const QImage img = m_thumbnails->lookup(id);
        if (img.isNull()) m_thumbnails->request(id);
        else m_view->setHoverThumbnail(id, QPixmap::fromImage(img), tr("#%1").arg(id));
    });
    setEnabled(false);
}

void MapPanel::setProject(const std::filesystem::path& file, ThumbnailCache* thumbnails) {
    if (m_job && m_runner && m_runner->isRunning(m_job)) m_runner->cancel(m_job);
    m_job = 0;
    m_file = file;
    m_thumbnails = thumbnails;
    m_layers.reset();
    m_selection.clear();
    m_view->setPoints({});
    m_status->setText(tr("Press Compute to draw the map."));
    m_toGrid->setEnabled(false);
    m_toReview->setEnabled(false);
    setEnabled(!file.empty());
    // The main window makes a new cache per project, so each is connected once (a lambda
    // cannot be a Qt::UniqueConnection).
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](qint64 id) {
            if (id != m_view->hoveredId() || !m_thumbnails) return;
            const QImage img = m_thumbnails->lookup(id);
            if (!img.isNull()) m_view->setHoverThumbnail(id, QPixmap::fromImage(img), tr("#%1").arg(id));
        });
    m_encoderChoice->setProject(file);
    fillFeatures();
}

void MapPanel::fillFeatures() {
    m_features->clear();
    m_features->addItem(tr("Thumbnails"), QStringLiteral("thumbnail"));
    if (m_file.empty()) return;
    try {
        auto p = core::Project::openReadOnly(m_file);
        for (const core::RunRow& run : core::listRunRows(*p))
            if (run.state == "done")
                m_features->addItem(tr("Run %1 features").arg(run.id), QStringLiteral("run:%1").arg(run.id));
    } catch (const std::exception&) {
        // Unreadable just now: thumbnails stay available.
    }
    m_encoderChoice->addEntry();
}

MapLayers MapPanel::readLayers(const std::filesystem::path& file, const QString& features, const QString& method,
                               const core::ProgressFn& progress, const core::CancelToken* cancel) {
    auto p = core::Project::openReadOnly(file);
    core::EmbeddingMapOptions options;
    options.method = method.toStdString();
    options.cacheDir = p->cacheDir() / "curation" / "map";
    const core::EmbeddingMap map = core::projectEmbeddingMap(*p, features.toStdString(), options, progress, cancel);
    MapLayers out;
    const qsizetype n = qsizetype(map.ids.size());
    out.points.xy = QVector<float>(map.xy.begin(), map.xy.end());
    out.points.sampleIds = QVector<qint64>(map.ids.begin(), map.ids.end());
    out.label.fill(-1, n);
    out.split.fill(-1, n);
    out.issue.fill(-1, n);
    out.outlier.fill(std::numeric_limits<float>::quiet_NaN(), n);
    auto rowOf = [&](int64_t id) -> qsizetype {
        auto it = std::lower_bound(map.ids.begin(), map.ids.end(), id);
        return it != map.ids.end() && *it == id ? qsizetype(it - map.ids.begin()) : -1;
    };
    core::SampleStore store(p->db());
    for (const core::ClassInfo& c : store.classes()) {
        while (out.labelNames.size() <= c.idx) out.labelNames.push_back(QString());
        out.labelNames[c.idx] = QString::fromStdString(c.name);
    }
    for (core::Split s : {core::Split::Train, core::Split::Val, core::Split::Test})
        out.splitNames.push_back(QString::fromUtf8(core::splitName(s)));
    const core::SampleTable table = store.loadTable();
    for (size_t i = 0; i < table.size(); ++i) {
        const qsizetype r = rowOf(table.ids[i]);
        if (r < 0) continue;
        out.label[r] = table.label[i];
        out.split[r] = table.split[i];
    }
    if (auto latest = core::latestCuration(*p)) {
        const auto types = core::curationIssueTypes();
        for (const auto& t : types) out.issueNames.push_back(QString::fromStdString(t));
        for (const core::StoredCurationIssue& is : core::curationIssues(*p, latest->id)) {
            const qsizetype r = rowOf(is.sampleId);
            if (r < 0) continue;
            const auto t = qint32(std::find(types.begin(), types.end(), is.issue) - types.begin());
            if (t >= qint32(types.size())) continue;
            if (out.issue[r] < 0 || t < out.issue[r]) out.issue[r] = t;  // the first type in report order
            if (is.issue == "outlier") out.outlier[r] = float(is.score);
        }
    }
    // The selected sample's neighbours come from the newest scan over these same features.
    for (const core::StoredCuration& c : core::listCurations(*p)) {
        if (c.features != map.features || c.resultDir.empty()) continue;
        try {
            out.neighbours = std::make_shared<core::CurationArrays>(core::loadCurationArrays(*p, c));
            out.neighboursFrom = c.id;
        } catch (const std::exception&) {
            // A damaged result: the map still shows, without neighbours.
        }
        break;
    }
    out.source = QStringLiteral("%1 · %2%3")
                     .arg(QString::fromStdString(map.method), QString::fromStdString(map.features),
                          map.fromCache ? QStringLiteral(" · cached") : QString());
    return out;
}

int MapPanel::compute() {
    if (m_file.empty() || !m_runner) return 0;
    if (m_job && m_runner->isRunning(m_job)) return m_job;
    const auto file = m_file;
    const QString features = m_features->currentData().toString();
    const QString method = m_method->currentData().toString();
    auto result = std::make_shared<MapLayers>();
    m_compute->setEnabled(false);
    m_status->setText(tr("Computing the map…"));
    m_job = m_runner->start(
        tr("Embedding map (%1)").arg(m_method->currentText()),
        [file, features, method, result](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            *result = readLayers(file, features, method, progress, &cancel);
        },
        [this, result, file](const JobResult& r) {
            m_compute->setEnabled(true);
            if (file != m_file) return;  // another project since
            if (!r.ok) {
                m_status->setText(r.cancelled ? tr("Map cancelled.") : tr("The map could not be made: %1").arg(r.error));
                return;
            }
            showLayers(result);
        });
    return m_job;
}

void MapPanel::showLayers(std::shared_ptr<MapLayers> layers) {
    m_layers = std::move(layers);
    m_selection.clear();
    MapPoints pts = colouring(m_colour->currentIndex());
    pts.xy = m_layers->points.xy;  // implicitly shared, not copied
    pts.sampleIds = m_layers->points.sampleIds;
    m_view->setColourBy(m_colour->currentIndex() == 3 ? EmbeddingMapView::ColourBy::Value
                                                       : EmbeddingMapView::ColourBy::Category);
    m_view->setPoints(std::move(pts));  // a new map fits the view anew
    highlightSample(m_highlightSample);
    m_status->setText(tr("%n point(s) · %1", nullptr, int(m_layers->points.size())).arg(m_layers->source));
    Q_EMIT mapShown(int(m_layers->points.size()));
}

MapPoints MapPanel::colouring(int layer) const {
    MapPoints pts;
    switch (layer) {
    case 1:
        pts.category = m_layers->split;
        pts.categoryNames = m_layers->splitNames;
        pts.categoryTitle = tr("Split");
        break;
    case 2:
        pts.category = m_layers->issue;
        pts.categoryNames = m_layers->issueNames;
        pts.categoryTitle = m_layers->issueNames.isEmpty() ? tr("Issue (no scan yet)") : tr("Issue");
        break;
    case 3:
        pts.value = m_layers->outlier;
        pts.valueTitle = tr("Outlier score");
        break;
    default:
        pts.category = m_layers->label;
        pts.categoryNames = m_layers->labelNames;
        pts.categoryTitle = tr("Label");
        break;
    }
    return pts;
}

void MapPanel::colourBy(int layer) {
    if (!m_layers) return;
    // Only the colours change (rebuilt once): the points, the hover index, the view and the
    // selection stay; the outlier layer holds values only, so it is drawn as a ramp.
    m_view->setColouring(colouring(layer));
}

QVector<qint64> MapPanel::neighboursOf(qint64 sampleId) const {
    QVector<qint64> out;
    if (!m_layers || !m_layers->neighbours) return out;
    for (const auto& [id, dist] : core::storedNeighbours(*m_layers->neighbours, sampleId)) out.push_back(id);
    return out;
}

void MapPanel::highlightSample(qint64 sampleId) {
    m_highlightSample = sampleId;
    QVector<qint64> ids;
    if (sampleId >= 0) ids = QVector<qint64>{sampleId} + neighboursOf(sampleId);
    m_view->setHighlighted(ids);
}

void MapPanel::updateSelectionText(const QVector<qint64>& ids) {
    m_selection = ids;
    m_toGrid->setEnabled(!ids.isEmpty());
    m_toReview->setEnabled(!ids.isEmpty());
    if (!m_layers) return;
    m_status->setText(ids.isEmpty() ? tr("%n point(s) · %1", nullptr, int(m_layers->points.size())).arg(m_layers->source)
                                    : tr("%n selected", nullptr, int(ids.size())));
}

}  // namespace winnow::widgets
