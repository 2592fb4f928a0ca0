#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace winnow::core {

// What a video file says about its first video stream. Sizes are display sizes: when the
// stream carries rotation metadata of 90 or 270 degrees, width and height are swapped so
// they match the frames VideoDecoder returns.
struct VideoInfo {
    int width = 0;
    int height = 0;
    int codedWidth = 0;             // as stored, before rotation
    int codedHeight = 0;
    double fps = 0.0;               // average frame rate; frame i is shown at time i / fps
    int64_t frameCount = 0;         // frames addressable as 0..frameCount-1
    bool frameCountExact = false;   // from the container index or a packet scan, not estimated
    double durationSec = 0.0;
    std::string codec;              // FFmpeg codec name, e.g. "mpeg4", "h264"
    std::string pixFmt;             // e.g. "yuv420p", "yuv420p10le"
    int bitDepth = 8;               // bits per component of the stored pixels
    int rotation = 0;               // clockwise degrees applied for display: 0, 90, 180, 270
    bool variableFrameRate = false; // frame times do not follow one fixed rate
    std::string container;          // demuxer name, e.g. "avi", "matroska,webm"
};

struct ProbeOptions {
    // Reads every packet of the video stream (demuxing only, no decoding) to count frames
    // exactly and detect variable frame rate. Costs one read of the file.
    bool scanPackets = false;
};

// Throws Error naming the file and the reason: missing, empty, not a media file, no video
// stream (e.g. audio only), unsupported codec, no usable frame rate.
VideoInfo probeVideo(const std::filesystem::path& file, const ProbeOptions& options = {});

// File extensions the video importers accept (lower case, with the dot).
bool isVideoExtension(const std::filesystem::path& file);

}  // namespace winnow::core
