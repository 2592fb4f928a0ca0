#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/influence/influential_rank_scorer.h"
#include "core/influence/last_layer_data.h"
#include "core/util/progress.h"

namespace winnow::core {

class ClipFrameOutputs;
class RunOutputs;

// Per-frame breakdown of the Influential Rank scores of clips (METHODS §7), stored beside
// the score file (see clip_contributions.h for the files and the reader).
//
// What a contribution is. For a clip i with given class k in D_M, let c(g) be the vector
// over v in V_k of I_D(g, v) = -g_v' H^-1 g minus its mean over V_k; c is linear in g, and
// σ_k(i) = ‖c(g_i)‖ / √m_k. The clip gradient g_i = (p_i - y_i) ⊗ mean_f h̃_f is the mean of
// the frame gradients g_f = (p_i - y_i) ⊗ h̃_f (the clip's own p_i for every frame), so
// c(g_i) = mean_f c(g_f). σ is not linear but it is a norm, so σ(c) = <c, c/‖c‖> splits
// exactly into the frames' projections onto the clip's direction:
//   contribution[f] = ( <c(g_f), c(g_i)> / (‖c(g_i)‖ √m_k) - μ_k ) / (F s_k)
// with μ_k, s_k the mean and population std of σ_k over D_M (the z-score of §3). The F
// contributions sum to OSD_k(i) at the given class. Computed as OSD_k(i) / F plus
// (<c(g_f), ĉ> / √m_k - σ_k(i)) / (F s_k), the same in exact arithmetic, so the sum is the
// stored OSD even where the scorer's float σ is noise (a trusted class with identical
// gradients has σ_k = 0 and its OSD is the z-score of rounding errors). A frame's
// contribution is NOT its own OSD over F (that would overcount frames pointing elsewhere:
// ‖mean‖ <= mean ‖·‖); the two agree when the frames agree in direction.
// NaN where there is no OSD to split: rows outside D_M and OSM-only scorings (the queue's
// key there is logistic(OSM) - 1, not a linear function of the gradient). Rows that are not
// clips get frame number -1 and NaN norms and contributions.
struct ClipFrameScores {
    int frames = 0;
    std::vector<int64_t> frameIndex;     // n x F
    std::vector<float> featureNorms;     // n x F: ‖h_f‖ (without the appended 1)
    std::vector<float> contributions;    // n x F
};

// Frames of the n scored rows, aligned with `train`'s rows.
struct ClipFrameRows {
    int frames = 0;
    const int64_t* frameIndex = nullptr;  // n x F; first entry < 0: not a clip
    const float* frameFeatures = nullptr; // n x F x L
};

// Frame numbers and ‖h_f‖ of the n rows, contributions all NaN: what the other detectors
// store (their scores are not linear in the gradient or the features).
ClipFrameScores clipFrameNorms(const ClipFrameRows& rows, int64_t n, int features);

// `result` must be scoreInfluentialRank(train, trusted, options). Rebuilds the same Hessian
// and streams the working set once more for the per-class σ moments, so it costs about one
// more scoring pass plus F pairwise rows per clip.
ClipFrameScores scoreClipFrames(const LastLayerData& train, const LastLayerData& trusted,
                                const InfluentialRankOptions& options,
                                const InfluentialRankResult& result, const ClipFrameRows& rows,
                                const CancelToken* cancel = nullptr);

// The rows of `ids` (scored sample ids, in order) gathered from a run's clip frame outputs.
struct GatheredClipFrames {
    int frames = 0;
    std::vector<int64_t> frameIndex;
    std::vector<float> frameFeatures;
    ClipFrameRows rows() const { return {frames, frameIndex.data(), frameFeatures.data()}; }
};
GatheredClipFrames gatherClipFrames(const RunOutputs& run, const ClipFrameOutputs& clips,
                                    const std::vector<int64_t>& ids);

// Writes clip_frame_index.i64, clip_frame_norm.f32 and clip_frame_contrib.f32 into `dir`.
void writeClipFrameScores(const std::filesystem::path& dir, const ClipFrameScores& s);

}  // namespace winnow::core
