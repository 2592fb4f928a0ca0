#pragma once
#include <QPointer>
#include <QString>
#include <QVector>
#include <QWidget>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace winnow::widgets {

class EncoderFeaturesChoice;
struct IssuesSnapshot;
class JobRunner;
class QualitySection;
class ThumbnailCache;

// The Issues view (issue 14): scans the project for curation issues (duplicates, leakage,
// outliers, neighbour label conflicts, image quality) as a JobRunner job with progress and
// Cancel, shows the newest stored result (each issue type with its count, and on a self-test
// project the precision/recall of the label-conflict types against the injected noise), a
// near-duplicate threshold slider whose effect (groups, samples) shows live from the stored
// neighbour distances, and "More like this": the stored nearest neighbours of a sample.
// Double-clicking an issue type asks for its review queue (reviewIssueRequested; for the
// duplicate types also reviewGroupsRequested).
class IssuesPanel : public QWidget {
    Q_OBJECT
public:
    explicit IssuesPanel(JobRunner* runner, QWidget* parent = nullptr);
    ~IssuesPanel() override;

    // Shows the newest stored result of a project (empty path: none).
    void setProject(const std::filesystem::path& projectFile);
    const std::filesystem::path& projectFile() const { return m_file; }
    // Reads the newest stored result again (after a scan, or one written by the CLI) on a
    // worker thread: loading() until it arrives (then `loaded`); a read overtaken by a newer
    // one (another project, another refresh) is dropped.
    void refresh();
    bool loading() const { return m_loading; }

    // Scan options and the scan itself (a job of the runner); the job's id, 0 when none started.
    QComboBox* featuresChoice() const { return m_features; }
    QSpinBox* kChoice() const { return m_k; }
    QCheckBox* autoThreshold() const { return m_autoThreshold; }
    QDoubleSpinBox* thresholdChoice() const { return m_threshold; }
    int startScan();
    void cancelScan();
    bool scanning() const { return m_scanJob != 0; }

    // The result shown (nullopt = none) and its issue list: one row per issue type, item data
    // (Qt::UserRole) = the type, columns: name, samples, precision, recall.
    const std::optional<core::StoredCuration>& result() const { return m_result; }
    QTreeWidget* issueList() const { return m_issues; }
    qint64 countShown(const QString& issueType) const;  // -1 when the type has no row
    QString summaryText() const;

    // The near-duplicate threshold slider (squared L2 on unit features) and its live effect.
    QSlider* thresholdSlider() const { return m_slider; }
    double sliderThreshold() const;
    void setSliderThreshold(double threshold);
    core::DuplicateGroupCount liveGroups() const { return m_live; }
    QString liveText() const { return liveText(sliderThreshold()); }
    QString liveText(double threshold) const;
    static constexpr double kSliderStep = 0.0005;  // threshold per slider step
    static constexpr int kSliderSteps = 400;        // 0 .. 0.2

    // Asks for the review queue of one issue type of the shown result.
    void openIssue(const QString& issueType);

    // "More like this": the k most similar samples of a sample from the stored neighbours of
    // the newest result (false, with the reason in moreLikeThisText(), when there is no result
    // or the sample is not in it; then "Scan" is offered).
    bool showMoreLikeThis(qint64 sampleId, int k = 10);
    const QVector<std::pair<qint64, float>>& similarShown() const { return m_similar; }
    QString moreLikeThisText() const;
    QListWidget* similarList() const { return m_similarList; }

    // The image-quality histograms with their draggable cut.
    QualitySection* qualitySection() const { return m_quality; }

Q_SIGNALS:
    void resultChanged(qint64 resultId);
    void reviewIssueRequested(qint64 resultId, const QString& issueType);
    void reviewGroupsRequested(qint64 resultId, const QString& issueType);
    // A "More like this" tile was activated (the main window selects it in the grid).
    void sampleActivated(qint64 sampleId);
    void scanFinished(bool ok, const QString& message);
    void loaded();
    // A hand-picked queue (the samples beyond a quality cut), in review order.
    void reviewSamplesRequested(const QVector<qint64>& sampleIds, const QString& reason);

private:
    void fillFeatures();
    void applySnapshot(IssuesSnapshot&& s);
    void showResult();
    void updateLive();
    void updateSimilarIcons(qint64 sampleId);

    JobRunner* m_runner;
    std::filesystem::path m_file;
    std::optional<core::StoredCuration> m_result;
    std::shared_ptr<const core::CurationArrays> m_arrays;
    quint64 m_loadGeneration = 0;
    bool m_loading = false;
    std::pair<qint64, int> m_pendingSimilar{-1, 0};  // "More like this" asked while loading
    std::vector<std::vector<int64_t>> m_exactGroups;  // sample ids of each stored exact group
    QString m_arraysError;
    core::DuplicateGroupCount m_live;
    int m_scanJob = 0;
    QVector<std::pair<qint64, float>> m_similar;
    QPointer<ThumbnailCache> m_thumbs;

    QComboBox* m_features;
    EncoderFeaturesChoice* m_encoderChoice;  // the features combo's "Image encoder…" entry
    QSpinBox* m_k;
    QCheckBox* m_autoThreshold;
    QDoubleSpinBox* m_threshold;
    QPushButton* m_scan;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTreeWidget* m_issues;
    QualitySection* m_quality;
    QSlider* m_slider;
    QLabel* m_liveLabel;
    QPushButton* m_useThreshold;
    QLabel* m_similarLabel;
    QListWidget* m_similarList;
    QPushButton* m_similarScan;
};

}  // namespace winnow::widgets
