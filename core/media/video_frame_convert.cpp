#include "core/media/video_frame_convert.h"

#ifdef WINNOW_HAVE_FFMPEG
#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libswscale/swscale.h>
#include <libavutil/pixdesc.h>
}

#include "core/util/error.h"

namespace winnow::core {

namespace {

// The "J" formats are YUV with full-range values; libswscale wants the plain format plus
// a range flag (and warns about the deprecated names otherwise).
AVPixelFormat plainFormat(AVPixelFormat f, bool& fullRange) {
    switch (f) {
    case AV_PIX_FMT_YUVJ420P: fullRange = true; return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P: fullRange = true; return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P: fullRange = true; return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P: fullRange = true; return AV_PIX_FMT_YUV440P;
    case AV_PIX_FMT_YUVJ411P: fullRange = true; return AV_PIX_FMT_YUV411P;
    default: return f;
    }
}

}  // namespace

FrameConverter::~FrameConverter() { sws_freeContext(m_sws); }

Image FrameConverter::toRgb(const AVFrame* frame, int maxSide, int rotation) {
    const int w = frame->width, h = frame->height;
    if (w <= 0 || h <= 0)
        throw Error("decoded video frame has no size");
    int ow = w, oh = h;
    if (maxSide > 0 && std::max(w, h) > maxSide) {
        const double s = double(maxSide) / std::max(w, h);
        ow = std::max(1, int(std::lround(w * s)));
        oh = std::max(1, int(std::lround(h * s)));
    }
    bool fullRange = frame->color_range == AVCOL_RANGE_JPEG;
    const AVPixelFormat src = plainFormat(AVPixelFormat(frame->format), fullRange);
    const int flags = (ow == w && oh == h) ? SWS_BILINEAR : SWS_AREA;
    m_sws = sws_getCachedContext(m_sws, w, h, src, ow, oh, AV_PIX_FMT_RGB24, flags,
                                 nullptr, nullptr, nullptr);
    if (!m_sws) {
        const char* name = av_get_pix_fmt_name(src);
        throw Error(std::string("cannot convert video pixel format ") +
                    (name ? name : "unknown") + " to RGB");
    }
    const int cs = frame->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    sws_setColorspaceDetails(m_sws, sws_getCoefficients(cs), fullRange ? 1 : 0,
                             sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);

    // libswscale's SIMD paths want 32-byte aligned rows; stage there, then pack tightly.
    const int stride = (ow * 3 + 63) & ~63;
    m_buffer.resize(size_t(stride) * (oh + 1));
    uint8_t* dst[4] = {m_buffer.data(), nullptr, nullptr, nullptr};
    int dstStride[4] = {stride, 0, 0, 0};
    sws_scale(m_sws, frame->data, frame->linesize, 0, h, dst, dstStride);

    Image img;
    img.width = ow;
    img.height = oh;
    img.channels = 3;
    img.pixels.resize(size_t(ow) * oh * 3);
    for (int y = 0; y < oh; ++y)
        std::memcpy(img.pixels.data() + size_t(y) * ow * 3, m_buffer.data() + size_t(y) * stride,
                    size_t(ow) * 3);
    return rotation ? rotateClockwise(img, rotation) : img;
}

Image rotateClockwise(const Image& src, int degrees) {
    degrees = ((degrees % 360) + 360) % 360;
    if (degrees != 90 && degrees != 180 && degrees != 270)
        return src;
    const int w = src.width, h = src.height, c = src.channels;
    Image out;
    out.channels = c;
    out.width = degrees == 180 ? w : h;
    out.height = degrees == 180 ? h : w;
    out.pixels.resize(src.pixels.size());
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int ox, oy;
            if (degrees == 90) {         // top-left goes to top-right
                ox = h - 1 - y;
                oy = x;
            } else if (degrees == 180) {
                ox = w - 1 - x;
                oy = h - 1 - y;
            } else {                     // 270: top-left goes to bottom-left
                ox = y;
                oy = w - 1 - x;
            }
            std::memcpy(&out.pixels[(size_t(oy) * out.width + ox) * c],
                        &src.pixels[(size_t(y) * w + x) * c], size_t(c));
        }
    }
    return out;
}

}  // namespace winnow::core
#endif
