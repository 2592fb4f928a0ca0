#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

class QCustomPlot;
class QCPAxis;

namespace winnow::widgets {

// Class names under a bar chart's bottom axis (one category per integer key 0..n-1) that never
// overlap or run past the plot (issue 16, bug 11): horizontal when every whole name fits its
// slot, else vertical (reading upwards, ending at the axis) and elided past a share of the
// plot's height; when even vertical labels are wider than a slot, only every m-th is drawn.
// Hovering a label (or the bar above it) shows the whole name as a tooltip (elsewhere, the
// plot's own tooltip). Recomputed after
// every layout of the plot, so it follows resizes.
class CategoryAxisLabels : public QObject {
    Q_OBJECT
public:
    CategoryAxisLabels(QCustomPlot* plot, QCPAxis* axis);

    // Installs the names (and a text ticker) and lays them out for the plot's current size.
    void setNames(const QStringList& names);
    const QStringList& names() const { return m_names; }
    // The text drawn under category k ("" when skipped for room).
    QString drawnLabel(int k) const { return m_drawn.value(k); }
    // Whole name of the category whose label or bar is at `pos` (plot coordinates), else "".
    QString toolTipAt(const QPoint& pos) const;
    // Lays out for the current axis length; true when the labels changed.
    bool relayout();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int categoryAt(const QPoint& pos) const;

    QCustomPlot* m_plot;
    QCPAxis* m_axis;
    QStringList m_names;
    QStringList m_drawn;
    double m_rotation = 0;
};

}  // namespace winnow::widgets
