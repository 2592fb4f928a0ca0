#pragma once
#include <QRectF>
#include <QVector>
#include <utility>

namespace winnow::widgets {

// A uniform grid over the points' bounding box (about four points per cell on average, at
// most 2048 x 2048 cells), built once per data change; finds the nearest point to a world
// position within a radius by looking only at the cells the radius touches.
class MapHoverIndex {
public:
    MapHoverIndex() = default;
    // Points whose coordinates are not finite are left out.
    explicit MapHoverIndex(const QVector<float>& xy);

    // Index of the point nearest to (x, y) with distance <= radius, or -1. Ties: lowest index.
    int nearest(const QVector<float>& xy, double x, double y, double radius) const;
    // Bounding box of the finite points (null when there are none).
    QRectF bounds() const { return m_bounds; }
    int finiteCount() const { return int(m_order.size()); }
    // The finite points' indices grouped by cell (cells row by row): drawing in this order
    // writes neighbouring pixels one after another.
    const QVector<int>& cellOrder() const { return m_order; }
    // Ranges [begin, end) of cellOrder() holding every point inside `world` (and possibly
    // some around it): one range per row of cells it touches, rows merged where contiguous.
    QVector<std::pair<int, int>> rangesIn(const QRectF& world) const;
    int columns() const { return m_cols; }
    int rows() const { return m_rows; }

private:
    int cellX(double x) const;
    int cellY(double y) const;
    QRectF m_bounds;
    int m_cols = 0, m_rows = 0;
    double m_cellW = 1.0, m_cellH = 1.0;
    QVector<int> m_start;  // cols*rows + 1 offsets into m_order
    QVector<int> m_order;  // point indices sorted by cell
};

}  // namespace winnow::widgets
