#pragma once
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace winnow::widgets {

// World (layout) coordinates to widget pixels with one scale for both axes; y grows upwards
// in the world and downwards on screen:  sx = ox + x * s,  sy = oy - y * s.
class MapTransform {
public:
    MapTransform() = default;
    MapTransform(double scale, double ox, double oy) : m_s(scale), m_ox(ox), m_oy(oy) {}

    double scale() const { return m_s; }
    QPointF offset() const { return {m_ox, m_oy}; }
    QPointF toScreen(QPointF world) const { return {m_ox + world.x() * m_s, m_oy - world.y() * m_s}; }
    QPointF toWorld(QPointF screen) const { return {(screen.x() - m_ox) / m_s, (m_oy - screen.y()) / m_s}; }
    // The world rectangle (normalised) covered by a screen rectangle.
    QRectF toWorld(const QRectF& screen) const;

    // Multiplies the scale by `factor` keeping the world point under `screenPos` where it is.
    // The scale stays within [minScale, maxScale].
    void zoomAt(QPointF screenPos, double factor);
    // Moves the picture by (dx, dy) pixels.
    void panBy(double dx, double dy) { m_ox += dx; m_oy += dy; }
    // Shows `world` whole and centred in a viewport of `size` pixels with `margin` pixels
    // around it. A degenerate rectangle (one point, a line) keeps a finite scale. Sets the
    // allowed zoom range to 1/100 .. 1e6 times the fitted scale.
    void fit(const QRectF& world, QSizeF size, double margin);

    double minScale() const { return m_min; }
    double maxScale() const { return m_max; }

    bool operator==(const MapTransform& o) const {
        return m_s == o.m_s && m_ox == o.m_ox && m_oy == o.m_oy;
    }

private:
    double m_s = 1.0, m_ox = 0.0, m_oy = 0.0;
    double m_min = 1e-12, m_max = 1e12;
};

}  // namespace winnow::widgets
