#include "widgets/curation/map_raster.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace winnow::widgets {

QVector<QRgb> categoryColours(int count, const QVector<QColor>& given) {
    static const std::array<QRgb, 10> base = {0xff4e79a7, 0xfff28e2b, 0xffe15759, 0xff76b7b2, 0xff59a14f,
                                              0xffedc948, 0xffb07aa1, 0xffff9da7, 0xff9c755f, 0xff6b6ecf};
    QVector<QRgb> out(std::max(count, 0));
    for (int i = 0; i < count; ++i) {
        if (i < given.size() && given[i].isValid())
            out[i] = given[i].rgb() | 0xff000000u;
        else if (i < int(base.size()))
            out[i] = base[size_t(i)];
        else
            out[i] = QColor::fromHsv(int(std::fmod(i * 137.508, 360.0)), 170 + (i % 3) * 30, 200 - (i % 2) * 40)
                         .rgb();
    }
    return out;
}

QRgb noneColour() { return 0xffa0a0a0; }

QRgb rampColour(double t) {
    static const std::array<std::array<double, 3>, 5> stops = {{{68, 1, 84},
                                                                {59, 82, 139},
                                                                {33, 145, 140},
                                                                {94, 201, 98},
                                                                {253, 231, 37}}};
    if (!std::isfinite(t)) return noneColour();
    t = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const size_t k = std::min(size_t(t), stops.size() - 2);
    const double f = t - double(k);
    auto mix = [&](int c) { return int(std::lround(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * f)); };
    return qRgb(mix(0), mix(1), mix(2));
}

namespace {
inline QRgb dimmed(QRgb c, QRgb towards) {
    return 0xff000000u | (((c >> 2) & 0x3f3f3fu) + 3 * ((towards >> 2) & 0x3f3f3fu));
}
}  // namespace

void PointRaster::square(double fx, double fy, QRgb c) const {
    const int w = width, r0 = rowBegin, h = rowEnd < 0 ? height : rowEnd;
    const int half = (size - 1) / 2;
    // Truncation after shifting by `size` is floor for every position that can touch the image.
    const int px = int(fx + size) - size - half, py = int(fy + size) - size - half;
    const qsizetype bpl = bytesPerLine;
    if (size == 2 && px >= 0 && py >= r0 && px + 2 <= w && py + 2 <= h) {
        auto* row = reinterpret_cast<QRgb*>(bits + py * bpl) + px;
        row[0] = row[1] = c;
        row = reinterpret_cast<QRgb*>(reinterpret_cast<uchar*>(row) + bpl);
        row[0] = row[1] = c;
        return;
    }
    const int x0 = std::max(px, 0), x1 = std::min(px + size, w);
    const int y0 = std::max(py, r0), y1 = std::min(py + size, h);
    for (int y = y0; y < y1; ++y) {
        auto* row = reinterpret_cast<QRgb*>(bits + y * bpl);
        for (int x = x0; x < x1; ++x) row[x] = c;
    }
}

void PointRaster::drawRange(qsizetype begin, qsizetype end, const quint8* mask, quint8 want,
                            const QRgb* dimTowards) const {
    const double s = transform.scale(), ox = transform.offset().x(), oy = transform.offset().y();
    const int r0 = rowBegin, r1 = rowEnd < 0 ? height : rowEnd;
    const double lo = -size, hiX = width + size, loY = r0 - size, hiY = r1 + size;
    const float* p = xy->constData();
    const QRgb* col = colours->constData();
    if (size == 1 && !mask && !dimTowards) {
        // One pixel each, no clipping beyond the bounds.
        const int w = width;
        const qsizetype bpl = bytesPerLine;
        for (qsizetype i = begin; i < end; ++i) {
            const double fx = ox + p[2 * i] * s, fy = oy - p[2 * i + 1] * s;
            if (!(fx >= 0 && fx < w && fy >= r0 && fy < r1)) continue;
            reinterpret_cast<QRgb*>(bits + int(fy) * bpl)[int(fx)] = col[i];
        }
        return;
    }
    for (qsizetype i = begin; i < end; ++i) {
        if (mask && mask[i] != want) continue;
        const double fx = ox + p[2 * i] * s, fy = oy - p[2 * i + 1] * s;
        if (!(fx >= lo && fx < hiX && fy >= loY && fy < hiY)) continue;  // also drops NaN
        square(fx, fy, dimTowards ? dimmed(col[i], *dimTowards) : col[i]);
    }
}

void PointRaster::drawSome(const QVector<int>& indices, const QRgb* colour) const {
    const double s = transform.scale(), ox = transform.offset().x(), oy = transform.offset().y();
    const int r0 = rowBegin, r1 = rowEnd < 0 ? height : rowEnd;
    const double lo = -size, hiX = width + size, loY = r0 - size, hiY = r1 + size;
    for (int i : indices) {
        const double fx = ox + (*xy)[2 * i] * s, fy = oy - (*xy)[2 * i + 1] * s;
        if (!(fx >= lo && fx < hiX && fy >= loY && fy < hiY)) continue;
        square(fx, fy, colour ? *colour : (*colours)[i]);
    }
}

}  // namespace winnow::widgets
