#pragma once
#include <QPolygonF>
#include <QRectF>
#include <QVector>

namespace winnow::widgets {

// Selection over plain point arrays (xy = x0, y0, x1, y1, ...), in world coordinates.
// Points whose coordinates are not finite are never selected.

// Indices (ascending) of the points inside `polygon` (closed implicitly; any vertex count,
// concave or self-intersecting: even-odd rule). Boundary rule, like a half-open pixel: a point
// exactly on the boundary is inside when the interior lies right of it (+x), or, on a
// horizontal edge, above it (+y); so [0,1]x[0,1] takes x in [0,1), y in [0,1), and polygons
// that tile the plane select every point exactly once.
// Cost: O(n * edges per horizontal band) — the edges are bucketed by y.
QVector<int> selectInPolygon(const QVector<float>& xy, const QPolygonF& polygon);

// Indices (ascending) of the points with left <= x <= right and top <= y <= bottom of the
// normalised `rect` (closed on every side).
QVector<int> selectInRect(const QVector<float>& xy, const QRectF& rect);

// One point against a polygon with the same rule as selectInPolygon (no bucketing).
bool pointInPolygon(const QPolygonF& polygon, double x, double y);

}  // namespace winnow::widgets
