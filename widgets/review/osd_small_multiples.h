#pragma once
#include <QPointF>
#include <QWidget>
#include <memory>
#include <vector>

#include "widgets/review/dashboard_stats.h"
#include "widgets/review/review_data.h"

class QGridLayout;
class QMouseEvent;

namespace winnow::widgets {

class PlotFrame;

// Every class's OSD histogram at once, as small multiples in a grid: each with both fitted
// Gaussian components of that class drawn over the bars, its cut (a handle that can be
// dragged; μ(G_low) unless moved) and the counts C_k / in class. Owners keep the cuts and
// redraw a class when its cut moves; a drag or a bar click is reported as a signal.
class OsdSmallMultiples : public QWidget {
    Q_OBJECT
public:
    explicit OsdSmallMultiples(QWidget* parent = nullptr);

    // One frame per class (rebuilt when the class count changes); draws all of them.
    void setData(std::shared_ptr<const ReviewData> data, const std::vector<double>& cuts);
    void drawClass(int k, double cut);
    int count() const { return int(m_frames.size()); }
    PlotFrame* frame(int k) const { return m_frames.at(size_t(k)); }
    const Histogram& histogram(int k) const { return m_hist.at(size_t(k)); }
    // Non-NaN OSD values of class k, and those at or above the cut drawn last.
    int64_t inClass(int k) const { return m_inClass.at(size_t(k)); }
    int64_t aboveCut(int k) const { return m_above.at(size_t(k)); }
    int columns() const { return m_columns; }

Q_SIGNALS:
    void cutDragged(int classIdx, double value);
    void barClicked(int classIdx, int bin);

private:
    void mouse(int k, QMouseEvent* e, int phase);

    std::shared_ptr<const ReviewData> m_data;
    std::vector<PlotFrame*> m_frames;
    std::vector<Histogram> m_hist;
    std::vector<int64_t> m_inClass, m_above;
    std::vector<double> m_cuts;
    QGridLayout* m_grid;
    int m_columns = 3;
    int m_dragClass = -1;
    QPointF m_pressAt;
};

}  // namespace winnow::widgets
