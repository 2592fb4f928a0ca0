#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/media/frame_sampler.h"

namespace winnow::core {

class VideoDecoder;

// Decoded video frames kept on disk as small JPEG files for the review GUI: a clip's poster
// and its sampled frames are decoded once, then read back as ordinary images. Files live in
// <dir>/<key>/<frame>_<maxSide>.jpg, where the key changes when the video file changes
// (path, size, modification time), so stale frames are never shown. Files are written to a
// temporary name and renamed, so several FrameCache objects (threads, processes) may share
// one folder. One FrameCache object per thread (it keeps a decoder open between calls).
class FrameCache {
public:
    explicit FrameCache(std::filesystem::path dir, int maxSide = 256, int jpegQuality = 85);
    ~FrameCache();
    FrameCache(const FrameCache&) = delete;
    FrameCache& operator=(const FrameCache&) = delete;

    // Poster of a clip: its middle frame, (frameStart + frameEnd) / 2 (as the grid's tiles).
    std::filesystem::path poster(const std::filesystem::path& video, const ClipRange& clip);
    // The clip's F eval-mode segment frames (sampleSegmentFrames, SamplingMode::Eval) in
    // order, decoded in one forward pass when any are missing.
    std::vector<std::filesystem::path> sampledFrames(const std::filesystem::path& video,
                                                     const ClipRange& clip, int framesPerClip);
    // Any frames of a video (one file per index, in the order given).
    std::vector<std::filesystem::path> frames(const std::filesystem::path& video,
                                              const std::vector<int64_t>& indices);
    // Where frame `index` of `video` is (or would be) cached. Throws Error if the video is
    // missing.
    std::filesystem::path pathFor(const std::filesystem::path& video, int64_t index) const;

    static int64_t posterIndex(const ClipRange& clip);

private:
    VideoDecoder& decoderFor(const std::filesystem::path& video);
    std::filesystem::path m_dir;
    int m_maxSide;
    int m_quality;
    std::filesystem::path m_openVideo;
    std::unique_ptr<VideoDecoder> m_decoder;
};

}  // namespace winnow::core
