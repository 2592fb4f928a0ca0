#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace winnow::core {

// Which frames drive a clip's Influential Rank score (METHODS §7). The clip gradient is
// (p_clip - y) ⊗ mean_f(h̃_f), the mean of per-frame gradients (p_clip - y) ⊗ h̃_f. The OSD
// at the given class is not linear in the gradient (σ is a std), but it is a norm of a linear
// map of it, so it splits exactly into each frame's projection onto the clip's direction;
// `contribution[f]` sums over f to the clip's OSD at its given class (formula and the NaN
// cases in clip_scoring.h).
// Stored by the scorer in scorings/<scoring id>/ for runs with clip frame outputs:
//   clip_frame_index.i64 N x F, clip_frame_norm.f32 N x F (‖h_f‖), clip_frame_contrib.f32 N x F
struct ClipFrameBreakdown {
    std::vector<int64_t> frameNumbers;  // frame numbers in the source video, segment order
    std::vector<float> featureNorms;    // ‖h_f‖ per frame
    std::vector<float> contributions;   // per-frame share of the clip's score (sums to it)
    bool empty() const { return frameNumbers.empty(); }
};

// Empty when the scoring has no clip breakdown or the sample is not a clip in it.
ClipFrameBreakdown readClipFrameBreakdown(const std::filesystem::path& scoringDir, int64_t sampleId);

}  // namespace winnow::core
