#include "widgets/curation/map_transform.h"

#include <algorithm>
#include <cmath>

namespace winnow::widgets {

QRectF MapTransform::toWorld(const QRectF& screen) const {
    const QPointF a = toWorld(screen.topLeft()), b = toWorld(screen.bottomRight());
    return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                  QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
}

void MapTransform::zoomAt(QPointF screenPos, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor)) return;
    const QPointF w = toWorld(screenPos);
    m_s = std::clamp(m_s * factor, m_min, m_max);
    m_ox = screenPos.x() - w.x() * m_s;
    m_oy = screenPos.y() + w.y() * m_s;
}

void MapTransform::fit(const QRectF& world, QSizeF size, double margin) {
    const double w = std::max(1.0, size.width() - 2 * margin);
    const double h = std::max(1.0, size.height() - 2 * margin);
    double bw = world.width(), bh = world.height();
    // One point or all points on a line: pretend the extent is a unit (or the other side).
    const double ext = std::max(bw, bh);
    const double unit = ext > 0 && std::isfinite(ext) ? ext : 1.0;
    if (!(bw > 0)) bw = unit;
    if (!(bh > 0)) bh = unit;
    m_s = std::min(w / bw, h / bh);
    const QPointF c = world.center();
    m_ox = size.width() / 2 - c.x() * m_s;
    m_oy = size.height() / 2 + c.y() * m_s;
    m_min = m_s / 100.0;
    m_max = m_s * 1e6;
}

}  // namespace winnow::widgets
