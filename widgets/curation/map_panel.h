#pragma once
#include <QPointer>
#include <QVector>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "core/curation/curation_arrays.h"
#include "core/util/progress.h"
#include "widgets/curation/map_points.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace winnow::widgets {

class EncoderFeaturesChoice;
class EmbeddingMapView;
class JobRunner;
class ThumbnailCache;

// Everything the map can be coloured by, read on a worker with the map itself.
struct MapLayers {
    MapPoints points;                    // xy, sample ids; category/value filled per colouring
    QVector<qint32> label, split, issue; // per point: dense class, split, first issue type (-1 none)
    QStringList labelNames, splitNames, issueNames;
    QVector<float> outlier;              // per point: outlier score of the latest curation (NaN none)
    QString source;                      // "layout of thumbnail-grey16 (cached)" etc.
    // The stored neighbours of the newest curation result over the map's features (null when
    // no scan used them): the selected sample's neighbours are ringed with it.
    std::shared_ptr<const core::CurationArrays> neighbours;
    qint64 neighboursFrom = -1;          // that result's id
};

// Issue 14's embedding map dock: computes (or reads back) the 2-D map of the chosen features
// on a worker (core::projectEmbeddingMap, with progress and Cancel in the jobs panel), colours
// it by label, split, curation issue or outlier score, shows a thumbnail on hover, and hands a
// box/lasso selection to the grid (showInGridRequested) or the review queue.
class MapPanel : public QWidget {
    Q_OBJECT
public:
    explicit MapPanel(JobRunner* runner, QWidget* parent = nullptr);

    // A new project (empty path: none): the map is cleared until Compute is pressed.
    void setProject(const std::filesystem::path& file, ThumbnailCache* thumbnails);
    EmbeddingMapView* view() const { return m_view; }
    // Starts computing (or reading back) the map with the current choices; the job's id.
    int compute();
    // Builds the layers on the calling thread (what the job runs); public for tests.
    static MapLayers readLayers(const std::filesystem::path& file, const QString& features, const QString& method,
                                const core::ProgressFn& progress = {}, const core::CancelToken* cancel = nullptr);
    // Colours the current layers by: 0 label, 1 split, 2 issue, 3 outlier score.
    void colourBy(int layer);
    // Rings a sample and its stored neighbours on the map (-1: none).
    void highlightSample(qint64 sampleId);
    // A sample's stored neighbours, nearest first (empty without a scan over the map's features).
    QVector<qint64> neighboursOf(qint64 sampleId) const;

Q_SIGNALS:
    void showInGridRequested(const QVector<qint64>& sampleIds);
    void reviewRequested(const QVector<qint64>& sampleIds);
    void sampleActivated(qint64 sampleId);
    void mapShown(int points);

private:
    void fillFeatures();
    void showLayers(std::shared_ptr<MapLayers> layers);
    MapPoints colouring(int layer) const;
    void updateSelectionText(const QVector<qint64>& ids);

    JobRunner* m_runner;
    std::filesystem::path m_file;
    QPointer<ThumbnailCache> m_thumbnails;
    EmbeddingMapView* m_view;
    QComboBox* m_features;
    EncoderFeaturesChoice* m_encoderChoice;  // the features combo's "Image encoder…" entry
    QComboBox* m_method;
    QComboBox* m_colour;
    QPushButton* m_compute;
    QPushButton* m_toGrid;
    QPushButton* m_toReview;
    QLabel* m_status;
    std::shared_ptr<MapLayers> m_layers;
    QVector<qint64> m_selection;
    qint64 m_highlightSample = -1;
    int m_job = 0;
};

}  // namespace winnow::widgets
