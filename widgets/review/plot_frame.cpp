#include "widgets/review/plot_frame.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QSvgGenerator>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace winnow::widgets {

PlotFrame::PlotFrame(const QString& title, QWidget* parent) : QWidget(parent), m_title(title) {
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(320, 220);
    m_plot->setInteractions(QCP::iSelectPlottables);
    m_info = new QLabel(this);
    // Long read-outs wrap instead of widening the frame (small multiples sit side by side).
    m_info->setWordWrap(true);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* head = new QHBoxLayout;
    auto* t = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    head->addWidget(t);
    head->addWidget(m_info, 1);
    for (const QString& fmt : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")}) {
        auto* b = new QToolButton(this);
        b->setText(fmt.toUpper());
        b->setAutoRaise(true);
        b->setToolTip(tr("Export this plot as %1").arg(fmt.toUpper()));
        connect(b, &QToolButton::clicked, this, [this, fmt] { exportWithDialog(fmt); });
        head->addWidget(b);
    }
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(2, 2, 2, 2);
    lay->addLayout(head);
    lay->addWidget(m_plot, 1);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (!m_hover) return;
        const double x = m_plot->xAxis->pixelToCoord(e->position().x());
        const double y = m_plot->yAxis->pixelToCoord(e->position().y());
        const QString text = m_hover(x, y);
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(e->globalPosition().toPoint(), text, m_plot);
    });
}

const QColor& PlotFrame::cleanColour() {
    static const QColor c(31, 119, 180);
    return c;
}

const QColor& PlotFrame::noisyColour() {
    static const QColor c(214, 39, 40);
    return c;
}

void PlotFrame::drawHistogram(const Histogram& h, bool self, const QString& xLabel) {
    QCustomPlot* p = m_plot;
    p->clearPlottables();
    p->clearItems();
    QVector<double> x, clean, noisy;
    for (size_t b = 0; b < h.counts.size(); ++b) {
        x << h.binCentre(int(b));
        clean << double(h.counts[b] - (self ? h.noisy[b] : 0));
        noisy << double(h.noisy[b]);
    }
    auto* cb = new QCPBars(p->xAxis, p->yAxis);
    cb->setName(self ? tr("clean") : tr("samples"));
    cb->setData(x, clean);
    cb->setWidth(h.binWidth() * 0.95);
    cb->setBrush(cleanColour());
    cb->setPen(Qt::NoPen);
    if (self) {
        auto* nb = new QCPBars(p->xAxis, p->yAxis);
        nb->setName(tr("noisy (injected)"));
        nb->setData(x, noisy);
        nb->setWidth(h.binWidth() * 0.95);
        nb->setBrush(noisyColour());
        nb->setPen(Qt::NoPen);
        nb->moveAbove(cb);
    }
    p->legend->setVisible(self);
    p->xAxis->setLabel(xLabel);
    p->yAxis->setLabel(tr("samples"));
    p->rescaleAxes();
    // The y range from the stacked totals, with headroom: rescaleAxes ended it at the
    // tallest bar's top (or below, for the stacked noisy part) and cut that bar (issue 16).
    int64_t tallest = 0;
    for (int64_t c : h.counts) tallest = std::max(tallest, c);
    p->yAxis->setRange(0, tallest > 0 ? double(tallest) * 1.08 : 1.0);
    setHoverText([h, self](double xv, double) -> QString {
        const int b = h.binOf(xv);
        if (b < 0 || xv < h.lo || xv > h.hi) return {};
        QString t = tr("[%1, %2): %3 samples").arg(h.lo + b * h.binWidth(), 0, 'f', 2)
                        .arg(h.lo + (b + 1) * h.binWidth(), 0, 'f', 2).arg(h.counts[size_t(b)]);
        if (self) t += tr(", %1 noisy").arg(h.noisy[size_t(b)]);
        return t;
    });
}

void PlotFrame::setInfo(const QString& text) { m_info->setText(text); }

bool PlotFrame::exportTo(const QString& file, int width, int height) {
    const QString lower = file.toLower();
    if (lower.endsWith(QLatin1String(".png"))) return m_plot->savePng(file, width, height);
    if (lower.endsWith(QLatin1String(".pdf"))) return m_plot->savePdf(file, width, height);
    if (lower.endsWith(QLatin1String(".svg"))) {
        QSvgGenerator gen;
        gen.setFileName(file);
        gen.setSize(QSize(width, height));
        gen.setViewBox(QRect(0, 0, width, height));
        gen.setTitle(m_title);
        QCPPainter painter;
        if (!painter.begin(&gen)) return false;
        m_plot->toPainter(&painter, width, height);
        return painter.end();
    }
    return false;
}

void PlotFrame::exportWithDialog(const QString& suffix) {
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export plot"), m_title + QLatin1Char('.') + suffix,
        tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (!file.isEmpty()) exportTo(file);
}

}  // namespace winnow::widgets
