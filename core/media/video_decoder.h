#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/media/image.h"
#include "core/media/video_probe.h"

namespace winnow::core {

struct DecoderOptions {
    int threads = 1;            // FFmpeg decoder threads; 0 = one per core
    int maxSide = 0;            // > 0: frames scaled to fit maxSide x maxSide (aspect kept)
    bool applyRotation = true;  // turn frames upright using the stream's rotation metadata
};

// Counters for tests and benchmarks.
struct DecoderStats {
    int64_t seeks = 0;          // container seeks issued
    int64_t decoded = 0;        // frames decoded (including the ones skipped over)
    int64_t converted = 0;      // frames converted to RGB
};

// Frame-accurate random access to one video file. Frame i is the picture shown at time
// i / fps (VideoInfo::fps): the decoded frame with the largest index <= i, so variable
// frame rate streams and streams with missing frames hold the previous picture. Reading
// seeks to the nearest keyframe at or before the target and decodes forward; requests
// close to the current position just decode forward. Memory stays bounded whatever the
// video's length (at most two decoded frames are kept).
//
// Not thread-safe: use one decoder per thread. Throws Error naming the file on failure.
class VideoDecoder {
public:
    explicit VideoDecoder(const std::filesystem::path& file, const DecoderOptions& options = {});
    ~VideoDecoder();
    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;

    // Header-level facts (no packet scan; frameCount may be an estimate).
    const VideoInfo& info() const;

    // RGB24 frame `index` (>= 0). Past the last decodable frame it returns the last one;
    // `actualIndex`, when given, receives the index of the picture returned.
    Image frame(int64_t index, int64_t* actualIndex = nullptr);

    // Several frames in one forward pass (seeking only where a keyframe lies between two
    // requests); results in the order of `indices`, which may be unsorted or repeat.
    std::vector<Image> frames(const std::vector<int64_t>& indices,
                              std::vector<int64_t>* actualIndices = nullptr);

    const DecoderStats& stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace winnow::core
