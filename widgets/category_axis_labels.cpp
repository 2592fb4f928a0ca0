// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/category_axis_labels.h"

#include <QHelpEvent>
#include <QToolTip>
#include <cmath>
#include <qcustomplot.h>

namespace winnow::widgets {

CategoryAxisLabels::CategoryAxisLabels(QCustomPlot* plot, QCPAxis* axis)
    : QObject(plot), m_plot(plot), m_axis(axis) {
    m_axis->setSubTicks(false);
    m_plot->installEventFilter(this);
    // Slots depend on the axis length, known once the plot is laid out: a change shows at
    // the next replot, which a queued replot brings at once.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (relayout()) m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void CategoryAxisLabels::setNames(const QStringList& names) {
    m_names = names;
    m_drawn.clear();
    relayout();
}

bool CategoryAxisLabels::relayout() {
    const int n = int(m_names.size());
    const double length = m_axis->axisRect()->width() > 0 ? m_axis->axisRect()->width() : m_plot->width() - 60;
    const double slot = length / std::max(1e-9, m_axis->range().size());
    const QFontMetrics fm(m_axis->tickLabelFont());
    const int gap = fm.horizontalAdvance(QStringLiteral("  "));
    int widest = 0;
    for (const QString& name : m_names) widest = std::max(widest, fm.horizontalAdvance(name));

    QStringList drawn;
    double rotation = 0;
    if (widest + gap <= slot) {
        drawn = m_names;
    } else {
        // Vertical, reading upwards and ending at the axis: each label takes one line
        // height of the axis, so it fits its slot; every m-th one when slots are thinner.
        rotation = -90;
        const int every = std::max(1, int(std::ceil((fm.height() + 2) / std::max(1.0, slot))));
        const int room = std::max(fm.horizontalAdvance(QStringLiteral("MMMMMM")), int(m_plot->height() * 0.3));
        for (int k = 0; k < n; ++k)
            drawn << (k % every == 0 ? fm.elidedText(m_names[k], Qt::ElideRight, room) : QString());
    }
    if (drawn == m_drawn && rotation == m_rotation && !m_axis->ticker().dynamicCast<QCPAxisTickerText>().isNull())
        return false;
    m_drawn = drawn;
    m_rotation = rotation;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int k = 0; k < n; ++k) ticker->addTick(double(k), m_drawn[k]);
    m_axis->setTicker(ticker);
    m_axis->setTickLabelRotation(rotation);
    return true;
}

int CategoryAxisLabels::categoryAt(const QPoint& pos) const {
    const QRect area = m_axis->axisRect()->rect();
    if (pos.y() < area.top() || pos.x() < area.left() || pos.x() > area.right()) return -1;
    // Labels are centred under their tick (horizontal or vertical), bars over it.
    const double key = m_axis->pixelToCoord(pos.x());
    const int k = int(std::lround(key));
    if (k < 0 || k >= m_names.size() || std::abs(key - k) > 0.5) return -1;
    return k;
}

QString CategoryAxisLabels::toolTipAt(const QPoint& pos) const {
    const int k = categoryAt(pos);
    return k < 0 ? QString() : m_names[k];
}

bool CategoryAxisLabels::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) return false;  // the plot's own tooltip, if any
        QToolTip::showText(help->globalPos(), text, m_plot);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace winnow::widgets
