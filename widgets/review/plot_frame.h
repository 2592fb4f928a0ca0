#pragma once
#include <QString>
#include <QWidget>
#include <functional>

#include "widgets/review/dashboard_stats.h"

class QCustomPlot;
class QLabel;

namespace winnow::widgets {

// A QCustomPlot with a title, PNG/PDF/SVG export buttons and a hover read-out. The owner
// supplies `hoverText(x, y)` for what the pointer is over (empty = no tooltip).
class PlotFrame : public QWidget {
    Q_OBJECT
public:
    explicit PlotFrame(const QString& title, QWidget* parent = nullptr);
    QCustomPlot* plot() const { return m_plot; }
    void setHoverText(std::function<QString(double x, double y)> f) { m_hover = std::move(f); }
    void setInfo(const QString& text);
    // Writes the plot; the format follows the suffix (.png, .pdf, .svg). False on failure.
    bool exportTo(const QString& file, int width = 800, int height = 500);
    QString title() const { return m_title; }
    // Replaces the plot's content with the histogram's bars (clean and injected-noisy
    // stacked in two colours when `selfTest`) and a hover read-out of each bin.
    void drawHistogram(const Histogram& h, bool selfTest, const QString& xLabel);

    static const QColor& cleanColour();
    static const QColor& noisyColour();

private:
    void exportWithDialog(const QString& suffix);
    QCustomPlot* m_plot;
    QLabel* m_info;
    QString m_title;
    std::function<QString(double, double)> m_hover;
};

}  // namespace winnow::widgets
