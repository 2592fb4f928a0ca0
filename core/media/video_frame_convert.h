#pragma once
// INTERNAL header: includes FFmpeg. Only core/media/video_*.cpp include it.
#ifdef WINNOW_HAVE_FFMPEG
#include <cstdint>
#include <vector>

#include "core/media/image.h"

extern "C" {
#include <libavutil/frame.h>
}

struct SwsContext;

namespace winnow::core {

// Converts decoded frames of any pixel format (8/10-bit YUV, RGB, palettes) to RGB24
// Images with libswscale, optionally scaled to fit maxSide and turned upright. Keeps its
// scaler between calls; one converter per decoder (not thread-safe).
class FrameConverter {
public:
    FrameConverter() = default;
    ~FrameConverter();
    FrameConverter(const FrameConverter&) = delete;
    FrameConverter& operator=(const FrameConverter&) = delete;

    // rotation: clockwise degrees (0, 90, 180, 270).
    Image toRgb(const AVFrame* frame, int maxSide, int rotation);

private:
    SwsContext* m_sws = nullptr;
    std::vector<uint8_t> m_buffer;  // aligned-stride staging rows for libswscale
};

// Turns an RGB/grey image clockwise by 90, 180 or 270 degrees (others: unchanged).
Image rotateClockwise(const Image& src, int degrees);

}  // namespace winnow::core
#endif
