#include "core/media/video_stream.h"

#ifdef WINNOW_HAVE_FFMPEG
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <system_error>

extern "C" {
#include <libavutil/display.h>
}

#include "core/util/error.h"

namespace winnow::core {

namespace {

// FFmpeg logs every damaged packet to stderr; the caller gets the reason through Error
// instead. WINNOW_FFMPEG_LOG=1 brings the log back for debugging.
void quietFfmpegLog() {
    static std::once_flag once;
    std::call_once(once, [] {
        const char* env = std::getenv("WINNOW_FFMPEG_LOG");
        av_log_set_level(env && *env == '1' ? AV_LOG_WARNING : AV_LOG_FATAL);
    });
}

bool usableRate(AVRational r) {
    if (r.num <= 0 || r.den <= 0)
        return false;
    const double v = av_q2d(r);
    return v > 0.0 && v <= 1000.0;
}

int rotationOf(const AVStream* st) {
    const uint8_t* sd = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
    if (!sd)
        return 0;
    const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(sd));
    if (std::isnan(ccw))
        return 0;
    // The matrix gives the counter-clockwise angle; display needs the opposite turn.
    int cw = int(std::lround(-ccw / 90.0)) * 90;
    cw %= 360;
    if (cw < 0)
        cw += 360;
    return cw;
}

}  // namespace

std::string avErrorText(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

VideoStream::VideoStream(const std::filesystem::path& file, int threads) : m_file(file) {
    quietFfmpegLog();
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(name + ": file not found");
    if (std::filesystem::file_size(file, ec) == 0)
        throw Error(name + ": empty file (0 bytes)");

    int rc = avformat_open_input(&m_fmt, name.c_str(), nullptr, nullptr);
    if (rc < 0) {
        m_fmt = nullptr;
        throw Error(name + ": not a readable media file (" + avErrorText(rc) + ")");
    }
    try {
        rc = avformat_find_stream_info(m_fmt, nullptr);
        if (rc < 0)
            throw Error(name + ": cannot read stream information (" + avErrorText(rc) + ")");
        // Cover art in audio files is a one-picture "video" stream: not a video.
        int64_t bestArea = -1;
        for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
            const AVStream* st = m_fmt->streams[i];
            if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO ||
                (st->disposition & AV_DISPOSITION_ATTACHED_PIC))
                continue;
            const int64_t area = int64_t(st->codecpar->width) * st->codecpar->height;
            if (area > bestArea) {
                bestArea = area;
                m_index = int(i);
            }
        }
        if (m_index < 0)
            throw Error(name + ": no video stream (audio-only or not a video file)");

        AVStream* st = stream();
        const AVCodec* dec = avcodec_find_decoder(st->codecpar->codec_id);
        if (!dec)
            throw Error(name + ": unsupported video codec '" +
                        avcodec_get_name(st->codecpar->codec_id) + "'");
        m_codec = avcodec_alloc_context3(dec);
        if (!m_codec)
            throw Error(name + ": out of memory opening the decoder");
        avcodec_parameters_to_context(m_codec, st->codecpar);
        m_codec->thread_count = threads;
        m_codec->pkt_timebase = st->time_base;
        rc = avcodec_open2(m_codec, dec, nullptr);
        if (rc < 0)
            throw Error(name + ": cannot open the " + dec->name + " decoder (" +
                        avErrorText(rc) + ")");
        if (st->codecpar->width <= 0 || st->codecpar->height <= 0)
            throw Error(name + ": video stream has no frame size (corrupt header)");

        if (usableRate(st->avg_frame_rate))
            m_fps = av_q2d(st->avg_frame_rate);
        else if (usableRate(st->r_frame_rate))
            m_fps = av_q2d(st->r_frame_rate);
        else
            throw Error(name + ": video stream has no usable frame rate");
        m_timeBase = av_q2d(st->time_base);
        m_startPts = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
        m_rotation = rotationOf(st);
    } catch (...) {
        avcodec_free_context(&m_codec);
        avformat_close_input(&m_fmt);
        throw;
    }
}

VideoStream::~VideoStream() {
    avcodec_free_context(&m_codec);
    avformat_close_input(&m_fmt);
}

int64_t VideoStream::indexOfPts(int64_t pts) const {
    return std::llround(double(pts - m_startPts) * m_timeBase * m_fps);
}

int64_t VideoStream::ptsOfIndex(int64_t index) const {
    // Half a frame later than the nominal start, so a frame whose stored time was rounded
    // up still counts as at or before this timestamp.
    return m_startPts + int64_t(std::floor((double(index) + 0.5) / m_fps / m_timeBase));
}

double VideoStream::durationSec() const {
    const AVStream* st = stream();
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        return double(st->duration) * m_timeBase;
    if (m_fmt->duration != AV_NOPTS_VALUE && m_fmt->duration > 0)
        return double(m_fmt->duration) / AV_TIME_BASE;
    return 0.0;
}

int64_t VideoStream::headerFrameCount(bool* exact) const {
    const AVStream* st = stream();
    if (st->nb_frames > 0) {
        if (exact)
            *exact = true;
        return st->nb_frames;
    }
    if (exact)
        *exact = false;
    return std::llround(durationSec() * m_fps);
}

}  // namespace winnow::core
#endif
