#pragma once
#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;

namespace winnow::widgets {

// A histogram of one image-quality property over the scanned samples (bars of
// core::qualityHistogram, logarithmic x axis and bins for blur) with a vertical cut line.
// The user drags the line with the mouse (a press in the plot moves it there, dragging follows
// the pointer) or moves it with Left/Right (Shift: ten times further), one pixel's worth a key.
// cutChanged is emitted whenever the cut changes, also while dragging.
class QualityHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit QualityHistogramView(QWidget* parent = nullptr);

    // Shows `values` (NaN left out) with the cut at `cut`; the x range takes in the values and
    // the cut. With `logScale` the axis is logarithmic and values <= 0 are left out of the bars.
    void setValues(const std::vector<float>& values, bool logScale, const QString& xLabel, double cut);
    void clear();
    double cut() const { return m_cut; }
    // The x axis's range: where the cut can be.
    double lowest() const;
    double highest() const;
    void setCut(double cut);  // clamped into the x range; emits cutChanged when it changes
    bool logScale() const { return m_log; }
    QCustomPlot* plot() const { return m_plot; }
    // The value under a pixel column of the plot (widget coordinates of plot()).
    double valueAtPixel(double x) const;

Q_SIGNALS:
    void cutChanged(double cut);

protected:
    void keyPressEvent(QKeyEvent* e) override;

private:
    void moveCutToPixel(double x);
    QCustomPlot* m_plot;
    QCPBars* m_bars;
    QCPItemStraightLine* m_line;
    double m_cut = 0;
    bool m_log = false;
    bool m_dragging = false;
    bool m_hasData = false;
};

}  // namespace winnow::widgets
