#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <vector>

#include "core/media/frame_sampler.h"
#include "core/media/image.h"
#include "core/media/video_decoder.h"

namespace winnow::core {

// What a training or scoring data worker uses to turn a clip sample into frames: segment
// sampling (METHODS §7) plus decoding, keeping the last few videos open so clips cut from
// the same long video do not pay the open/probe cost again. One reader per worker thread.
class VideoClipReader {
public:
    explicit VideoClipReader(DecoderOptions options = {}, size_t maxOpen = 4);
    ~VideoClipReader();
    VideoClipReader(const VideoClipReader&) = delete;
    VideoClipReader& operator=(const VideoClipReader&) = delete;

    // The clip's F frames (RGB24, upright, scaled to options.maxSide when set), in segment
    // order. Train mode draws one frame per segment from `seed` (see clipSeed); Eval takes
    // the centres. `indices`, when given, receives the frame indices used. Throws Error
    // naming the file when it cannot be decoded.
    std::vector<Image> read(const std::filesystem::path& video, const ClipRange& clip,
                            int framesPerClip, SamplingMode mode, uint64_t seed = 0,
                            std::vector<int64_t>* indices = nullptr);

    int64_t opened() const { return m_opened; }  // decoders created so far (for tests)

private:
    struct Entry {
        std::filesystem::path path;
        std::unique_ptr<VideoDecoder> decoder;
    };
    VideoDecoder& decoderFor(const std::filesystem::path& video);
    DecoderOptions m_options;
    size_t m_maxOpen;
    std::list<Entry> m_open;  // most recently used first
    int64_t m_opened = 0;
};

}  // namespace winnow::core
