#include "widgets/review/bar_list_widget.h"

#include <QPainter>
#include <cmath>

namespace winnow::widgets {

namespace {
constexpr int kRow = 16;
}

BarListWidget::BarListWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BarListWidget::setBars(const QVector<Bar>& bars, double minValue, double maxValue) {
    m_bars = bars;
    m_min = std::min(minValue, 0.0);
    m_max = std::max(maxValue, m_min + 1e-9);
    updateGeometry();
    update();
}

QSize BarListWidget::sizeHint() const { return {260, int(m_bars.size()) * kRow + 4}; }
QSize BarListWidget::minimumSizeHint() const { return {160, int(m_bars.size()) * kRow + 4}; }

void BarListWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm(font());
    int labelW = 0;
    for (const auto& b : m_bars) labelW = std::max(labelW, fm.horizontalAdvance(b.label));
    labelW = std::min(labelW + 6, width() / 3);
    const int valueW = fm.horizontalAdvance(QStringLiteral("-00.00")) + 6;
    const int x0 = labelW;
    const int w = std::max(10, width() - labelW - valueW);
    auto xOf = [&](double v) { return x0 + int(std::round((v - m_min) / (m_max - m_min) * w)); };
    const int zero = xOf(0.0);
    for (int i = 0; i < m_bars.size(); ++i) {
        const auto& b = m_bars[i];
        const int y = 2 + i * kRow;
        p.setPen(palette().text().color());
        p.drawText(QRect(0, y, labelW - 4, kRow), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(b.label, Qt::ElideRight, labelW - 4));
        if (std::isnan(b.value)) {
            p.drawText(QRect(x0, y, w, kRow), Qt::AlignLeft | Qt::AlignVCenter, tr("n/a"));
            continue;
        }
        const int xv = xOf(std::clamp(b.value, m_min, m_max));
        p.fillRect(QRect(std::min(zero, xv), y + 3, std::max(1, std::abs(xv - zero)), kRow - 6),
                   b.color);
        if (!std::isnan(b.marker)) {
            p.setPen(QPen(Qt::black, 2));
            const int xm = xOf(std::clamp(b.marker, m_min, m_max));
            p.drawLine(xm, y + 1, xm, y + kRow - 1);
        }
        p.setPen(palette().text().color());
        const QString text = b.valueText.isEmpty() ? QString::number(b.value, 'f', 2) : b.valueText;
        p.drawText(QRect(x0 + w + 4, y, valueW, kRow), Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    if (m_min < 0) {
        p.setPen(QPen(palette().mid().color(), 1, Qt::DashLine));
        p.drawLine(zero, 0, zero, height());
    }
}

}  // namespace winnow::widgets
