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
class QLabel;
class QSlider;
class QSpinBox;
class QTableWidget;
class QCPAbstractPlottable;
class QMouseEvent;

namespace winnow::widgets {

class PlotFrame;

// The researcher's view of one scoring: OSM histogram; the OSD histogram of a chosen class
// with both fitted Gaussian components, its μ(G_low) cut (a draggable handle) and counts;
// the consensus histogram; loss vs OSM; and a comparison with other detectors. γ and the
// per-class cuts only re-threshold stored values (never recompute influence), so the flagged
// count — and on a self-test project precision/recall/F1 — follow the controls live.
// Clicking a bar emits the samples of that bar.
class InfluenceDashboard : public QWidget {
    Q_OBJECT
public:
    explicit InfluenceDashboard(QWidget* parent = nullptr);
    void setReviewData(std::shared_ptr<const ReviewData> data);
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
    PlotFrame* osmFrame() const { return m_osm; }
    PlotFrame* osdFrame() const { return m_osd; }
    PlotFrame* consensusFrame() const { return m_consensus; }
    PlotFrame* scatterFrame() const { return m_scatter; }
    QTableWidget* detectorTable() const { return m_detectors; }
    // Samples of bar `bin` of a plot ("osm", "osd", "consensus"); what a click selects.
    QSet<qint64> samplesInBin(const QString& plot, int bin) const;

Q_SIGNALS:
    void samplesSelected(const QSet<qint64>& sampleIds);
    // "Use in queue": the flags of the current γ and cuts.
    void flagsApplied(const std::vector<uint8_t>& flags);

private:
    void recompute();
    void drawOsm();
    void drawOsd();
    void drawConsensus();
    void drawScatter();
    void fillDetectorTable();
    void drawBars(PlotFrame* frame, const Histogram& h, const QString& xLabel);
    void onBarClicked(const QString& plot, QCPAbstractPlottable* p, int dataIndex);
    void osdMouse(QMouseEvent* e, int phase);

    std::shared_ptr<const ReviewData> m_data;
    std::vector<std::shared_ptr<const ReviewData>> m_others;
    std::vector<double> m_thr, m_thrDefault;
    std::vector<uint8_t> m_consensusValues, m_flags;
    int64_t m_flaggedCount = 0;
    DetectionQuality m_quality;
    int m_gamma = 1;
    int m_osdClass = 0;
    bool m_dragging = false;
    bool m_osmUsesScore = false;
    Histogram m_osmHist, m_osdHist, m_consHist;
    QSlider* m_gammaSlider;
    QSpinBox* m_gammaSpin;
    QComboBox* m_classCombo;
    QDoubleSpinBox* m_thrSpin;
    QLabel* m_summary;
    PlotFrame* m_osm;
    PlotFrame* m_osd;
    PlotFrame* m_consensus;
    PlotFrame* m_scatter;
    QTableWidget* m_detectors;
};

}  // namespace winnow::widgets
