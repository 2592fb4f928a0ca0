#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

// Data-driven consensus threshold for Influential Rank (issue 17; docs/influence-decisions.md,
// "Data-driven gamma"). METHODS §4 picks gamma from its own flag count (round(0.5K) or
// round(0.8K)); on a memorised model that flags far fewer samples than are noisy. Here gamma
// is the value in [1, K] whose flagged count #{i : consensus_i >= gamma} is closest to
// `target`, an estimate of the number of noisy samples that does not come from the memorised
// model (confident learning on the early-epoch probabilities of the training dynamics).
// Ties go to the larger gamma (fewer, more certain flags).
struct DataGammaChoice {
    int gamma = 0;
    int64_t target = 0;
    std::vector<int64_t> flaggedAt;  // K + 1 entries: flaggedAt[g] = #{consensus >= g}, g = 0..K
};
DataGammaChoice chooseDataGamma(const std::vector<uint8_t>& consensus, int classes, int64_t target);

}  // namespace winnow::core
