#pragma once
#include <QColor>
#include <QImage>
#include <QVector>
#include <QtGlobal>

#include "widgets/curation/map_transform.h"

namespace winnow::widgets {

// Colours of category `i` of `count`: `given[i]` where valid, else a fixed palette (ten
// distinct colours, then hues by the golden angle).
QVector<QRgb> categoryColours(int count, const QVector<QColor>& given);
// The colour of points with no category or no value.
QRgb noneColour();
// The value ramp (dark purple → blue → teal → green → yellow) at t in [0, 1] (clamped).
QRgb rampColour(double t);

// Writes points straight into an image's scanlines (Format_RGB32 or ARGB32_Premultiplied,
// opaque colours). A point is a size x size square whose top-left pixel is
// floor(screen) - (size - 1) / 2; parts outside the image are clipped.
struct PointRaster {
    // Takes the image's pixels once (QImage::bits() may detach, so threads must not call it).
    void setImage(QImage& img) {
        bits = img.bits();
        bytesPerLine = img.bytesPerLine();
        width = img.width();
        height = img.height();
    }
    uchar* bits = nullptr;
    qsizetype bytesPerLine = 0;
    int width = 0, height = 0;
    const QVector<float>* xy = nullptr;
    const QVector<QRgb>* colours = nullptr;  // one per point
    MapTransform transform;
    int size = 2;
    // Only image rows [rowBegin, rowEnd) are written (rowEnd < 0: to the last row), so threads
    // may draw the same points into disjoint bands of one image.
    int rowBegin = 0, rowEnd = -1;
    // Draws points [begin, end); with a `mask`, only those with mask[i] == want; with
    // `dimTowards` set, colours are moved three quarters of the way to that colour (points
    // outside a selection).
    void drawRange(qsizetype begin, qsizetype end, const quint8* mask = nullptr, quint8 want = 0,
                   const QRgb* dimTowards = nullptr) const;
    void drawAll() const { drawRange(0, xy->size() / 2); }
    // Draws the listed points in `colour` (or their own colour when `colour` is null).
    void drawSome(const QVector<int>& indices, const QRgb* colour = nullptr) const;

private:
    void square(double fx, double fy, QRgb c) const;
};

}  // namespace winnow::widgets
