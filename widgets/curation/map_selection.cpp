#include "widgets/curation/map_selection.h"

#include <algorithm>
#include <cmath>

namespace winnow::widgets {
namespace {

struct Edge {
    double ax, ay, bx, by;
    // The crossing test: the edge spans y half-open (lower end in, upper end out), and the
    // point lies left of the crossing, so a ray to +x crosses it.
    bool crossedBy(double x, double y) const {
        if ((ay > y) == (by > y)) return false;
        const double xi = ax + (y - ay) * (bx - ax) / (by - ay);
        return x < xi;
    }
};

QVector<Edge> edgesOf(const QPolygonF& polygon) {
    QVector<Edge> edges;
    const qsizetype n = polygon.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QPointF a = polygon[i], b = polygon[(i + 1) % n];
        if (a.y() == b.y()) continue;  // a horizontal edge never changes the crossing count
        edges.push_back({a.x(), a.y(), b.x(), b.y()});
    }
    return edges;
}

}  // namespace

bool pointInPolygon(const QPolygonF& polygon, double x, double y) {
    bool inside = false;
    for (const Edge& e : edgesOf(polygon))
        if (e.crossedBy(x, y)) inside = !inside;
    return inside;
}

QVector<int> selectInPolygon(const QVector<float>& xy, const QPolygonF& polygon) {
    QVector<int> out;
    const QVector<Edge> edges = edgesOf(polygon);
    if (edges.isEmpty()) return out;
    const QRectF box = polygon.boundingRect();
    const double y0 = box.top(), height = box.height();
    // Bands of equal height over the polygon's y range; each lists the edges whose y span
    // meets it. band() is monotone in y, so an edge spanning y is listed in y's band.
    const int bands = int(std::clamp<qsizetype>(edges.size(), 1, 4096));
    const double perBand = double(bands) / height;
    auto band = [&](double y) { return std::clamp(int((y - y0) * perBand), 0, bands - 1); };
    QVector<int> start(bands + 1, 0);
    for (const Edge& e : edges)
        for (int b = band(std::min(e.ay, e.by)); b <= band(std::max(e.ay, e.by)); ++b) ++start[b + 1];
    for (int b = 0; b < bands; ++b) start[b + 1] += start[b];
    QVector<int> fill(start.begin(), start.end() - 1);
    QVector<Edge> byBand(start[bands]);
    for (const Edge& e : edges)
        for (int b = band(std::min(e.ay, e.by)); b <= band(std::max(e.ay, e.by)); ++b) byBand[fill[b]++] = e;

    const qsizetype n = xy.size() / 2;
    const double left = box.left(), right = box.right(), bottom = box.bottom();
    for (qsizetype i = 0; i < n; ++i) {
        const double x = xy[2 * i], y = xy[2 * i + 1];
        // Outside the bounding box (or NaN): never inside. The comparisons are false for NaN.
        if (!(x >= left && x <= right && y >= y0 && y <= bottom)) continue;
        const int b = band(y);
        bool inside = false;
        for (int k = start[b]; k < start[b + 1]; ++k)
            if (byBand[k].crossedBy(x, y)) inside = !inside;
        if (inside) out.push_back(int(i));
    }
    return out;
}

QVector<int> selectInRect(const QVector<float>& xy, const QRectF& rect) {
    QVector<int> out;
    const QRectF r = rect.normalized();
    const double l = r.left(), rt = r.right(), t = r.top(), b = r.bottom();
    const qsizetype n = xy.size() / 2;
    for (qsizetype i = 0; i < n; ++i) {
        const double x = xy[2 * i], y = xy[2 * i + 1];
        if (x >= l && x <= rt && y >= t && y <= b) out.push_back(int(i));
    }
    return out;
}

}  // namespace winnow::widgets
