#pragma once
// INTERNAL header: includes FFmpeg. Only core/media/video_*.cpp and frame_*.cpp include it;
// public headers never do.
#ifdef WINNOW_HAVE_FFMPEG
#include <cstdint>
#include <filesystem>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
}

namespace winnow::core {

// "Error text" for an FFmpeg return code.
std::string avErrorText(int code);

// One opened container with its best video stream and a decoder for it. Owns every
// FFmpeg object it creates; not copyable. Throws Error naming the file on failure.
class VideoStream {
public:
    VideoStream(const std::filesystem::path& file, int threads);
    ~VideoStream();
    VideoStream(const VideoStream&) = delete;
    VideoStream& operator=(const VideoStream&) = delete;

    AVFormatContext* format() const { return m_fmt; }
    AVCodecContext* codec() const { return m_codec; }
    AVStream* stream() const { return m_fmt->streams[m_index]; }
    int index() const { return m_index; }
    const std::filesystem::path& file() const { return m_file; }

    double fps() const { return m_fps; }
    int rotation() const { return m_rotation; }   // clockwise degrees, 0/90/180/270
    // Frame index of a timestamp in stream time base: round((pts - start) * tb * fps).
    int64_t indexOfPts(int64_t pts) const;
    // A stream timestamp inside frame `index`'s display interval (its start + half a frame).
    int64_t ptsOfIndex(int64_t index) const;
    // Makes `pts` the time of frame 0. The decoder sets it to its first picture's time:
    // decoders with a reordering delay and no stored timestamps (e.g. "packed B-frame"
    // MPEG-4 in AVI) stamp pictures one packet late, so the stream's start time is off.
    void setOrigin(int64_t pts) { m_startPts = pts; }
    // Frames according to the container (nb_frames), or an estimate from the duration.
    int64_t headerFrameCount(bool* exact) const;
    double durationSec() const;

private:
    std::filesystem::path m_file;
    AVFormatContext* m_fmt = nullptr;
    AVCodecContext* m_codec = nullptr;
    int m_index = -1;
    double m_fps = 0.0;
    double m_timeBase = 0.0;
    int64_t m_startPts = 0;
    int m_rotation = 0;
};

struct VideoInfo;
// Header-level description of an opened stream (defined in video_probe.cpp).
VideoInfo describeStream(const VideoStream& vs);

}  // namespace winnow::core
#endif
