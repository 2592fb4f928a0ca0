#include "core/media/video_probe.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <vector>

#include "core/util/error.h"

#ifdef WINNOW_HAVE_FFMPEG
#include "core/media/video_stream.h"
extern "C" {
#include <libavutil/pixdesc.h>
}
#endif

namespace winnow::core {

bool isVideoExtension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    static const std::array<const char*, 5> known = {".mp4", ".avi", ".mkv", ".webm", ".mov"};
    return std::find(known.begin(), known.end(), ext) != known.end();
}

#ifdef WINNOW_HAVE_FFMPEG

namespace {

// Reads the packets of the video stream (no decoding): the frame indices their timestamps
// fall on give an exact count and reveal gaps or uneven spacing (variable frame rate).
void scanPackets(VideoStream& vs, VideoInfo& info) {
    AVPacket* pkt = av_packet_alloc();
    std::vector<int64_t> indices;
    int64_t packets = 0;
    while (av_read_frame(vs.format(), pkt) >= 0) {
        if (pkt->stream_index == vs.index()) {
            ++packets;
            const int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
            if (ts != AV_NOPTS_VALUE)
                indices.push_back(vs.indexOfPts(ts));
        }
        av_packet_unref(pkt);
    }
    av_packet_free(&pkt);
    if (packets == 0) {
        info.frameCount = 0;
        info.frameCountExact = true;
        return;
    }
    // Without timestamps on most packets, the packet count is the best count there is.
    if (indices.size() * 2 < size_t(packets)) {
        info.frameCount = packets;
        info.frameCountExact = true;
        return;
    }
    std::sort(indices.begin(), indices.end());
    info.frameCount = std::max<int64_t>(indices.back() + 1, 1);
    info.frameCountExact = true;
    for (size_t i = 1; i < indices.size(); ++i) {
        if (indices[i] - indices[i - 1] != 1) {
            info.variableFrameRate = true;
            break;
        }
    }
}

}  // namespace

VideoInfo describeStream(const VideoStream& vs) {
    const AVStream* st = vs.stream();
    const AVCodecParameters* par = st->codecpar;
    VideoInfo info;
    info.codedWidth = par->width;
    info.codedHeight = par->height;
    info.rotation = vs.rotation();
    const bool quarter = info.rotation == 90 || info.rotation == 270;
    info.width = quarter ? par->height : par->width;
    info.height = quarter ? par->width : par->height;
    info.fps = vs.fps();
    info.durationSec = vs.durationSec();
    info.frameCount = vs.headerFrameCount(&info.frameCountExact);
    info.codec = avcodec_get_name(par->codec_id);
    const auto fmt = AVPixelFormat(par->format);
    const char* fmtName = av_get_pix_fmt_name(fmt);
    info.pixFmt = fmtName ? fmtName : "unknown";
    if (const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(fmt))
        info.bitDepth = desc->comp[0].depth;
    info.container = vs.format()->iformat->name;
    // Containers state a nominal rate and an average one; when they disagree the frame
    // times are uneven (a 0.1% difference is just NTSC rounding).
    const AVRational r = st->r_frame_rate, a = st->avg_frame_rate;
    if (r.num > 0 && r.den > 0 && a.num > 0 && a.den > 0 &&
        std::fabs(av_q2d(r) / av_q2d(a) - 1.0) > 0.01)
        info.variableFrameRate = true;
    if (info.durationSec <= 0.0 && info.fps > 0.0)
        info.durationSec = double(info.frameCount) / info.fps;
    return info;
}

VideoInfo probeVideo(const std::filesystem::path& file, const ProbeOptions& options) {
    VideoStream vs(file, 1);
    VideoInfo info = describeStream(vs);
    if (options.scanPackets)
        scanPackets(vs, info);
    return info;
}

#else

VideoInfo probeVideo(const std::filesystem::path& file, const ProbeOptions&) {
    throw Error(file.string() + ": this build has no video support (built without FFmpeg)");
}

#endif

}  // namespace winnow::core
