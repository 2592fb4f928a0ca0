#include "widgets/train/image_convert.h"

#include <cstring>

namespace winnow::widgets {

QImage toQImage(const core::Image& img) {
    QImage::Format fmt = QImage::Format_Invalid;
    switch (img.channels) {
        case 1: fmt = QImage::Format_Grayscale8; break;
        case 3: fmt = QImage::Format_RGB888; break;
        case 4: fmt = QImage::Format_RGBA8888; break;
        default: return {};
    }
    const size_t row = size_t(img.width) * size_t(img.channels);
    if (img.width <= 0 || img.height <= 0 || img.pixels.size() < row * size_t(img.height)) return {};
    QImage out(img.width, img.height, fmt);
    // QImage rows are 4-byte aligned, core rows are packed: copy row by row.
    for (int y = 0; y < img.height; ++y)
        std::memcpy(out.scanLine(y), img.pixels.data() + size_t(y) * row, row);
    return out;
}

}  // namespace winnow::widgets
