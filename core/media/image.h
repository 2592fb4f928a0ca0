#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

// Decoded 8-bit pixels, row-major, interleaved channels (1 = grey, 3 = RGB). No OpenCV types
// cross this header, so widgets and app never see them.
struct Image {
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<uint8_t> pixels;
    bool empty() const { return pixels.empty(); }
};

}  // namespace winnow::core
