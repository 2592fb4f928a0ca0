#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/influence/gmm.h"
#include "core/influence/last_layer_data.h"
#include "core/util/progress.h"

namespace winnow::core {

struct InfluentialRankOptions {
    InfluenceOptions influence;
    int gamma = 0;             // consensus threshold; 0 = chosen by gammaRule
    // When gamma = 0: "data" = data_gamma.h (project scoring, when the run has training
    // dynamics; METHODS' rule otherwise), "methods" = METHODS.md §4's rule.
    std::string gammaRule = "data";
    GmmOptions gmm;
};

// Per-sample and per-class outputs of one Influential Rank scoring (METHODS.md §2–4), for
// the n rows of the scored data, in their order.
struct InfluentialRankResult {
    int64_t n = 0;
    int classes = 0;
    std::vector<float> osm;            // n
    std::vector<uint8_t> inDM;         // n: OSM >= 0
    std::vector<float> osd;            // n x K; NaN outside D_M or for a class without trusted
    std::vector<float> posteriorHigh;  // n x K; posterior of G_high, NaN where osd is NaN
    std::vector<uint8_t> candidate;    // n x K: i in C_k
    std::vector<uint8_t> consensus;    // n
    std::vector<uint8_t> flag;         // n: consensus >= gamma
    std::vector<float> score;          // n: ranking score, higher = more likely mislabelled
    std::vector<Gmm1d> gmm;            // K (valid = false for a class without trusted / data)
    std::vector<int64_t> trustedPerClass;  // K
    int gamma = 0;
    int gammaDefault = 0;
    double noiseRateEstimate = 0.0;    // flagged at round(0.5 K) / n
    int64_t flagged = 0;
    bool osmOnly = false;              // no usable trusted set: flags from OSM alone
    std::string solver;
    std::string device;
    std::vector<std::string> warnings;
    double secondsHessian = 0, secondsInfluence = 0, secondsGmm = 0;  // where the time went
};

// Scores `train` (the working set) with `trusted` as V (rows may also appear in `train`;
// their labels are taken as verified). Trusted rows with label -1 are ignored.
InfluentialRankResult scoreInfluentialRank(const LastLayerData& train,
                                           const LastLayerData& trusted,
                                           const InfluentialRankOptions& options,
                                           ProgressFn progress = {},
                                           const CancelToken* cancel = nullptr);

// Consensus threshold from flag counts: round(0.5 K) when the estimated noise rate exceeds
// 0.4, else round(0.8 K), clamped to [1, K].
int defaultGamma(int classes, double noiseRate);

}  // namespace winnow::core
