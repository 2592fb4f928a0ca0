#include "widgets/curation/map_hover_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace winnow::widgets {

MapHoverIndex::MapHoverIndex(const QVector<float>& xy) {
    const qsizetype n = xy.size() / 2;
    double x0 = std::numeric_limits<double>::max(), y0 = x0;
    double x1 = -x0, y1 = -x0;
    qsizetype finite = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        ++finite;
        x0 = std::min(x0, double(x));
        x1 = std::max(x1, double(x));
        y0 = std::min(y0, double(y));
        y1 = std::max(y1, double(y));
    }
    if (finite == 0) return;
    m_bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1));
    const int side = int(std::clamp(std::sqrt(double(finite) / 4.0), 1.0, 2048.0));
    // Cells roughly square in world units.
    const double w = std::max(x1 - x0, 1e-12), h = std::max(y1 - y0, 1e-12);
    const double aspect = w / h;
    m_cols = std::clamp(int(std::lround(side * std::sqrt(aspect))), 1, 2048);
    m_rows = std::clamp(int(std::lround(side / std::sqrt(aspect))), 1, 2048);
    m_cellW = w / m_cols;
    m_cellH = h / m_rows;
    m_start = QVector<int>(m_cols * m_rows + 1, 0);
    QVector<int> cellOf(n, -1);
    for (qsizetype i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const int c = cellY(y) * m_cols + cellX(x);
        cellOf[i] = c;
        ++m_start[c + 1];
    }
    for (int c = 0; c < m_cols * m_rows; ++c) m_start[c + 1] += m_start[c];
    QVector<int> fill(m_start.begin(), m_start.end() - 1);
    m_order.resize(finite);
    for (qsizetype i = 0; i < n; ++i)
        if (cellOf[i] >= 0) m_order[fill[cellOf[i]]++] = int(i);
}

int MapHoverIndex::cellX(double x) const {
    return std::clamp(int((x - m_bounds.left()) / m_cellW), 0, m_cols - 1);
}
int MapHoverIndex::cellY(double y) const {
    return std::clamp(int((y - m_bounds.top()) / m_cellH), 0, m_rows - 1);
}

QVector<std::pair<int, int>> MapHoverIndex::rangesIn(const QRectF& world) const {
    QVector<std::pair<int, int>> out;
    if (m_order.isEmpty() || !world.intersects(m_bounds.adjusted(-m_cellW, -m_cellH, m_cellW, m_cellH)))
        return out;
    const int cx0 = cellX(world.left()), cx1 = cellX(world.right());
    const int cy0 = cellY(world.top()), cy1 = cellY(world.bottom());
    for (int cy = cy0; cy <= cy1; ++cy) {
        const int b = m_start[cy * m_cols + cx0], e = m_start[cy * m_cols + cx1 + 1];
        if (b == e) continue;
        if (!out.isEmpty() && out.last().second == b)
            out.last().second = e;
        else
            out.push_back({b, e});
    }
    return out;
}

int MapHoverIndex::nearest(const QVector<float>& xy, double x, double y, double radius) const {
    if (m_order.isEmpty() || !std::isfinite(x) || !std::isfinite(y) || !(radius >= 0)) return -1;
    // Outside the box by more than the radius: nothing can be near.
    if (x < m_bounds.left() - radius || x > m_bounds.right() + radius || y < m_bounds.top() - radius ||
        y > m_bounds.bottom() + radius)
        return -1;
    const int cx0 = cellX(x - radius), cx1 = cellX(x + radius);
    const int cy0 = cellY(y - radius), cy1 = cellY(y + radius);
    int best = -1;
    double bestD2 = radius * radius;
    for (int cy = cy0; cy <= cy1; ++cy)
        for (int cx = cx0; cx <= cx1; ++cx) {
            const int c = cy * m_cols + cx;
            for (int k = m_start[c]; k < m_start[c + 1]; ++k) {
                const int i = m_order[k];
                const double dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
                const double d2 = dx * dx + dy * dy;
                if (d2 < bestD2 || (d2 == bestD2 && (best < 0 || i < best))) {
                    bestD2 = d2;
                    best = i;
                }
            }
        }
    return best;
}

}  // namespace winnow::widgets
