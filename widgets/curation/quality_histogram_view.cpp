#include "widgets/curation/quality_histogram_view.h"

#include <QKeyEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "core/curation/quality_cut.h"

namespace winnow::widgets {

QualityHistogramView::QualityHistogramView(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("qualityHistogramPlot"));
    m_plot->setMinimumHeight(140);
    m_plot->setMouseTracking(true);
    m_plot->setInteractions(QCP::Interactions());  // the mouse moves the cut, not the axes
    m_plot->yAxis->setLabel(tr("Samples"));
    auto counts = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);  // whole samples
    counts->setTickStep(1);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(counts);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(palette().color(QPalette::Highlight));
    m_line = new QCPItemStraightLine(m_plot);
    m_line->setPen(QPen(QColor(200, 30, 30), 2));
    m_line->point1->setType(QCPItemPosition::ptPlotCoords);
    m_line->point2->setType(QCPItemPosition::ptPlotCoords);
    m_line->setVisible(false);
    lay->addWidget(m_plot);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Drag the red line, or press Left/Right (Shift: faster), to move the cut"));

    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (!m_hasData || e->button() != Qt::LeftButton) return;
        if (!m_plot->axisRect()->rect().contains(e->position().toPoint())) return;
        m_dragging = true;
        setFocus(Qt::MouseFocusReason);
        moveCutToPixel(e->position().x());
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (!m_hasData) return;
        const double px = m_plot->xAxis->coordToPixel(m_cut);
        m_plot->setCursor(m_dragging || std::abs(e->position().x() - px) < 6 ? Qt::SizeHorCursor : Qt::ArrowCursor);
        if (m_dragging) moveCutToPixel(e->position().x());
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
        if (m_dragging) moveCutToPixel(e->position().x());
        m_dragging = false;
    });
}

void QualityHistogramView::setValues(const std::vector<float>& values, bool logScale, const QString& xLabel,
                                     double cut) {
    const core::QualityHistogram h = core::qualityHistogram(values, 40, logScale);
    m_log = h.logBins;
    double top = 1;
    m_bars->data()->clear();
    for (size_t i = 0; i < h.counts.size(); ++i) {
        // A bar is centred in its bin: on the log axis at the bin's geometric middle.
        const double a = h.edges[i], b = h.edges[i + 1];
        m_bars->addData(m_log ? std::sqrt(a * b) : 0.5 * (a + b), double(h.counts[i]));
        top = std::max(top, double(h.counts[i]));
    }
    const double bins = double(std::max<size_t>(h.counts.size(), 1));
    double lo = h.edges.front(), hi = h.edges.back();
    if (std::isfinite(cut) && (!m_log || cut > 0)) lo = std::min(lo, cut), hi = std::max(hi, cut);
    if (m_log) {
        lo /= 1.2, hi *= 1.2;
        // Equal bins on the log axis: each bar is the same share of the axis rect's width.
        m_bars->setWidthType(QCPBars::wtAxisRectRatio);
        m_bars->setWidth(0.98 * std::log10(h.edges.back() / h.edges.front()) / bins / std::log10(hi / lo));
        m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        const double pad = 0.03 * (hi - lo);
        m_bars->setWidthType(QCPBars::wtPlotCoords);
        m_bars->setWidth(0.98 * (h.edges.back() - h.edges.front()) / bins);
        lo -= pad, hi += pad;
        m_plot->xAxis->setScaleType(QCPAxis::stLinear);
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    m_plot->xAxis->setRange(lo, hi);
    m_plot->xAxis->setLabel(xLabel);
    m_plot->yAxis->setRange(0, top * 1.08);
    m_hasData = true;
    m_line->setVisible(true);
    m_cut = std::nan("");
    setCut(std::isfinite(cut) ? cut : lo);
    m_plot->replot();
}

void QualityHistogramView::clear() {
    m_bars->data()->clear();
    m_line->setVisible(false);
    m_hasData = false;
    m_dragging = false;
    m_plot->xAxis->setLabel(QString());
    m_plot->replot();
}

void QualityHistogramView::setCut(double cut) {
    if (!m_hasData || !std::isfinite(cut)) return;
    const QCPRange r = m_plot->xAxis->range();
    cut = std::clamp(cut, r.lower, r.upper);
    if (cut == m_cut) return;
    m_cut = cut;
    m_line->point1->setCoords(cut, 0);
    m_line->point2->setCoords(cut, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT cutChanged(cut);
}

double QualityHistogramView::lowest() const { return m_plot->xAxis->range().lower; }
double QualityHistogramView::highest() const { return m_plot->xAxis->range().upper; }

double QualityHistogramView::valueAtPixel(double x) const { return m_plot->xAxis->pixelToCoord(x); }

void QualityHistogramView::moveCutToPixel(double x) {
    const QRect r = m_plot->axisRect()->rect();
    setCut(valueAtPixel(std::clamp(x, double(r.left()), double(r.right()))));
}

void QualityHistogramView::keyPressEvent(QKeyEvent* e) {
    if (!m_hasData || (e->key() != Qt::Key_Left && e->key() != Qt::Key_Right)) {
        QWidget::keyPressEvent(e);
        return;
    }
    const double step = (e->modifiers() & Qt::ShiftModifier) ? 10 : 1;
    const double px = m_plot->xAxis->coordToPixel(m_cut);
    moveCutToPixel(px + (e->key() == Qt::Key_Left ? -step : step));
}

}  // namespace winnow::widgets
