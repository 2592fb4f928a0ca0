#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>

namespace winnow::core {

// Per-frame outputs of a run whose samples include video clips (METHODS §7), written beside
// the RunOutputs arrays in runs/<run id>/ and aligned row for row with them:
//   clip_frames.json          {"format":1,"frames":F,"features":L}
//   clip_frame_index.i64      N x F int64: frame numbers (in the source video) sampled in eval
//                             mode (centre of each segment); -1 in rows that are not clips
//   clip_frame_features.f32   N x F x L float32: h of each sampled frame; the clip's h in
//                             features.f32 is their mean (zeros in rows that are not clips)
// Absent when the run saw no clips.
class ClipFrameOutputs {
public:
    // nullptr when the run directory has no clip frame outputs.
    static std::unique_ptr<ClipFrameOutputs> open(const std::filesystem::path& runDir);
    ~ClipFrameOutputs();
    int frames() const;
    int features() const;
    int64_t rows() const;
    const int64_t* frameIndex(int64_t row) const;   // F entries
    const float* frameFeatures(int64_t row) const;  // F x L floats
    bool isClip(int64_t row) const { return frameIndex(row)[0] >= 0; }

private:
    ClipFrameOutputs() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Write side, streamed in row order like RunOutputsWriter; finish() writes clip_frames.json
// last so a half-written directory is never read as complete.
class ClipFrameOutputsWriter {
public:
    ClipFrameOutputsWriter(const std::filesystem::path& runDir, int frames, int features);
    ~ClipFrameOutputsWriter();
    void append(const int64_t* frameIndex, const float* frameFeatures, int64_t rows);
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace winnow::core
