// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/review/osd_small_multiples.h"

#include <QGridLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/review/plot_frame.h"

namespace winnow::widgets {

namespace {
constexpr int kBins = 30;
constexpr int kHandlePx = 6;  // how close a press must be to the cut to grab it
}  // namespace

OsdSmallMultiples::OsdSmallMultiples(QWidget* parent) : QWidget(parent), m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(0, 0, 0, 0);
}

void OsdSmallMultiples::setData(std::shared_ptr<const ReviewData> data, const std::vector<double>& cuts) {
    m_data = std::move(data);
    const int K = m_data && m_data->hasOsd() ? m_data->classes : 0;
    if (K != count()) {
        for (PlotFrame* f : m_frames) delete f;
        m_frames.clear();
        // Wide enough to read, narrow enough that three fit beside each other.
        m_columns = std::clamp(K, 1, 3);
        for (int k = 0; k < K; ++k) {
            auto* f = new PlotFrame(tr("class %1").arg(k), this);
            f->plot()->setMinimumSize(240, 170);
            m_grid->addWidget(f, k / m_columns, k % m_columns);
            connect(f->plot(), &QCustomPlot::mousePress, this, [this, k](QMouseEvent* e) { mouse(k, e, 0); });
            connect(f->plot(), &QCustomPlot::mouseMove, this, [this, k](QMouseEvent* e) { mouse(k, e, 1); });
            connect(f->plot(), &QCustomPlot::mouseRelease, this, [this, k](QMouseEvent* e) { mouse(k, e, 2); });
            m_frames.push_back(f);
        }
    }
    m_hist.assign(size_t(K), Histogram());
    m_inClass.assign(size_t(K), 0);
    m_above.assign(size_t(K), 0);
    m_cuts = cuts;
    m_cuts.resize(size_t(K), 0.0);
    for (int k = 0; k < K; ++k) {
        m_hist[size_t(k)] = makeHistogram(m_data->osd, m_data->n, K, k, kBins, &m_data->given, &m_data->original);
        drawClass(k, m_cuts[size_t(k)]);
    }
}

void OsdSmallMultiples::drawClass(int k, double cut) {
    if (!m_data || k < 0 || k >= count()) return;
    m_cuts[size_t(k)] = cut;
    PlotFrame* frame = m_frames[size_t(k)];
    QCustomPlot* p = frame->plot();
    const Histogram& h = m_hist[size_t(k)];
    const QString name = m_data->classNames.value(k, QString::number(k));
    frame->drawHistogram(h, m_data->isSelfTest(), tr("OSD of class %1").arg(name));
    p->legend->setVisible(false);
    p->clearGraphs();
    int64_t inClass = 0, above = 0;
    const size_t K = size_t(m_data->classes);
    for (int64_t i = 0; i < m_data->n; ++i) {
        const float v = m_data->osd[size_t(i) * K + size_t(k)];
        if (std::isnan(v)) continue;
        ++inClass;
        above += double(v) >= cut;
    }
    m_inClass[size_t(k)] = inClass;
    m_above[size_t(k)] = above;
    // Each component scaled to counts per bin: n_k × bin width × w_c N(x; μ_c, σ_c²).
    const bool fitted = k < int(m_data->gmm.size()) && m_data->gmm[size_t(k)].valid;
    if (fitted) {
        const auto& g = m_data->gmm[size_t(k)];
        for (int c = 0; c < 2; ++c) {
            QVector<double> xs, ys;
            for (int i = 0; i <= 120; ++i) {
                const double x = h.lo + (h.hi - h.lo) * i / 120.0;
                xs << x;
                ys << double(inClass) * h.binWidth() * componentDensity(g, c, x);
            }
            auto* gr = p->addGraph();
            gr->setData(xs, ys);
            gr->setName(c == 0 ? tr("G_low (μ %1)").arg(g.mean[0], 0, 'f', 2)
                               : tr("G_high (μ %1)").arg(g.mean[1], 0, 'f', 2));
            gr->setPen(QPen(c == 0 ? QColor(40, 150, 70) : QColor(150, 40, 150), 2));
            gr->setSelectable(QCP::stNone);
        }
    }
    // One legend (on the first class) says what the colours are; the others stay clear.
    p->legend->setVisible(k == 0 && p->legend->itemCount() > 0);
    p->legend->setFont(QFont(font().family(), std::max(6, font().pointSize() - 2)));
    auto* line = new QCPItemStraightLine(p);
    line->point1->setCoords(cut, 0);
    line->point2->setCoords(cut, 1);
    line->setPen(QPen(Qt::black, 2));
    const bool atMean = fitted && std::abs(cut - m_data->gmm[size_t(k)].mean[0]) < 1e-9;
    frame->setInfo(QStringLiteral("<b>%1</b> · ").arg(name.toHtmlEscaped()) +
                   (atMean ? tr("cut μ(G_low) = %1").arg(cut, 0, 'f', 3) : tr("cut %1").arg(cut, 0, 'f', 3)) +
                   tr(" · C = %1 of %2").arg(above).arg(inClass));
    p->replot();
}

void OsdSmallMultiples::mouse(int k, QMouseEvent* e, int phase) {
    if (!m_data || k >= count()) return;
    QCustomPlot* p = m_frames[size_t(k)]->plot();
    if (phase == 0) {
        const double px = p->xAxis->coordToPixel(m_cuts[size_t(k)]);
        m_dragClass = std::abs(px - e->position().x()) <= kHandlePx ? k : -1;
        m_pressAt = e->position();
        p->setInteractions(m_dragClass == k ? QCP::Interactions() : QCP::iSelectPlottables);
    } else if (phase == 1 && m_dragClass == k) {
        Q_EMIT cutDragged(k, p->xAxis->pixelToCoord(e->position().x()));
    } else if (phase == 2) {
        const bool wasDrag = m_dragClass == k;
        m_dragClass = -1;
        p->setInteractions(QCP::iSelectPlottables);
        // A click (no drag) inside a bar selects it. Hit-tested here rather than through
        // plottableClick, which the fitted curves drawn over the bars would swallow.
        if (wasDrag || (e->position() - m_pressAt).manhattanLength() > 3) return;
        const double x = p->xAxis->pixelToCoord(e->position().x());
        const double y = p->yAxis->pixelToCoord(e->position().y());
        const Histogram& h = m_hist[size_t(k)];
        const int bin = h.binOf(x);
        if (bin >= 0 && x >= h.lo && x <= h.hi && y >= 0 && y <= double(h.counts[size_t(bin)]))
            Q_EMIT barClicked(k, bin);
    }
}

}  // namespace winnow::widgets
