#pragma once
#include <QSet>
#include <QWidget>
#include <memory>
#include <vector>

#include "widgets/review/dashboard_stats.h"
#include "widgets/review/review_data.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QScrollArea;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QCPAbstractPlottable;

namespace winnow::widgets {

class OsdSmallMultiples;
class PlotFrame;

// The researcher's view of one scoring: OSM histogram; the consensus histogram; loss vs
// OSM; a comparison with other detectors; and every class's OSD histogram as small
// multiples, each with both fitted Gaussian components, its μ(G_low) cut (a draggable
// handle) and counts. γ and the
// per-class cuts only re-threshold stored values (never recompute influence), so the flagged
// count — and on a self-test project precision/recall/F1 — follow the controls live.
// Clicking a bar emits the samples of that bar.
class InfluenceDashboard : public QWidget {
    Q_OBJECT
public:
    explicit InfluenceDashboard(QWidget* parent = nullptr);
    void setReviewData(std::shared_ptr<const ReviewData> data);
    // False for detectors without OSD (e.g. "disagreement", "small-loss") and for an OSM-only
    // Influential Rank scoring (its OSD all NaN): their consensus panel, γ and cut controls
    // are hidden and the flags are the scorer's, as in the queue.
    bool showsConsensus() const;
    // Other scorings of the same project, for the detector comparison table.
    void setOtherDetectors(const std::vector<std::shared_ptr<const ReviewData>>& others);

    void setGamma(int gamma);
    int gamma() const { return m_gamma; }
    void setThreshold(int classIdx, double value);
    double threshold(int classIdx) const { return m_thr.at(size_t(classIdx)); }
    const std::vector<uint8_t>& currentFlags() const { return m_flags; }
    int64_t flaggedCount() const { return m_flaggedCount; }
    const DetectionQuality& quality() const { return m_quality; }
    QString summaryText() const;
    QString gammaRuleText() const;  // how the stored γ was chosen; empty without one
    PlotFrame* osmFrame() const { return m_osm; }
    // OSD histogram of the class chosen in the "OSD class" box (nullptr without OSD).
    PlotFrame* osdFrame() const;
    OsdSmallMultiples* osdGrid() const { return m_osdGrid; }
    // Chooses the class the cut box edits and scrolls its OSD histogram into view.
    void showOsdClass(int classIdx);
    // Every plot frame shown (OSM, consensus when the detector has it, scatter, then one OSD
    // frame per class).
    QList<PlotFrame*> plotFrames() const;
    // Writes every plot into `dir` as <title>.<suffix> (png, pdf or svg); returns how many.
    int exportAll(const QString& dir, const QString& suffix);
    PlotFrame* consensusFrame() const { return m_consensus; }
    PlotFrame* scatterFrame() const { return m_scatter; }
    QTableWidget* detectorTable() const { return m_detectors; }
    // Samples of bar `bin` of a plot ("osm", "osd" of the chosen class, "consensus"); what a
    // click selects. samplesInOsdBin: bar `bin` of class k's OSD histogram.
    QSet<qint64> samplesInBin(const QString& plot, int bin) const;
    QSet<qint64> samplesInOsdBin(int classIdx, int bin) const;

Q_SIGNALS:
    void samplesSelected(const QSet<qint64>& sampleIds);
    // "Use in queue": the flags of the current γ and cuts.
    void flagsApplied(const std::vector<uint8_t>& flags);

private:
    void recompute();
    void drawOsm();
    void drawOsd(int classIdx = -1);  // -1: all classes
    void drawConsensus();
    void drawScatter();
    void fillDetectorTable(bool ranks = true);
    void onBarClicked(const QString& plot, QCPAbstractPlottable* p, int dataIndex);

    std::shared_ptr<const ReviewData> m_data;
    std::vector<std::shared_ptr<const ReviewData>> m_others;
    std::vector<double> m_otherRho;  // Spearman ρ per other detector (table order)
    std::vector<std::vector<int>> m_otherRows;  // their row -> our row (-1), per other detector
    std::vector<double> m_thr, m_thrDefault;
    std::vector<uint8_t> m_consensusValues, m_flags;
    QWidget* m_consensusControls = nullptr;
    bool m_hasConsensus = false;  // OSD values stored (not an OSM-only scoring)
    QLabel* m_osdTitle = nullptr;
    int64_t m_flaggedCount = 0;
    DetectionQuality m_quality;
    int m_gamma = 1;
    int m_osdClass = 0;
    bool m_osmUsesScore = false;
    Histogram m_osmHist, m_consHist;
    QSlider* m_gammaSlider;
    QSpinBox* m_gammaSpin;
    QComboBox* m_classCombo;
    QDoubleSpinBox* m_thrSpin;
    QLabel* m_summary;
    QLabel* m_gammaRule = nullptr;           // how the scorer chose γ
    QPushButton* m_methodsGamma = nullptr;   // back to METHODS' γ
    PlotFrame* m_osm;
    OsdSmallMultiples* m_osdGrid;
    QScrollArea* m_scroll;
    PlotFrame* m_consensus;
    PlotFrame* m_scatter;
    QGridLayout* m_grid = nullptr;
    QWidget* m_detectorBox = nullptr;
    bool m_scatterEmpty = false;
    QTableWidget* m_detectors;
};

}  // namespace winnow::widgets
