#pragma once
#include <QImage>

#include "core/media/image.h"

namespace winnow::widgets {

// Deep copy of decoded core pixels (1 = grey, 3 = RGB, 4 = RGBA) into a QImage; null for an
// empty or malformed image.
QImage toQImage(const core::Image& img);

}  // namespace winnow::widgets
