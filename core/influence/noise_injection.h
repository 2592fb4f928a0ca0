#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

// METHODS.md §8 noise injection, on dense class indices. Pure and seeded: the same inputs
// always give the same labels.
struct NoiseSpec {
    std::string kind = "symmetric";   // symmetric | asymmetric
    double rate = 0.2;
    uint64_t seed = 1;
    std::vector<int> pairMap;         // asymmetric: class k -> pairMap[k]; empty = k+1 mod K
};

struct NoiseOutcome {
    std::vector<int32_t> labels;      // new given labels (unlabelled / excluded rows unchanged)
    std::vector<uint8_t> flipped;
    int64_t flippedCount = 0;
    std::vector<uint8_t> trusted;     // m per class among eligible unflipped rows
    std::vector<int64_t> trustedPerClass;
};

// `eligible[i]` marks rows that may be flipped and chosen as trusted (the train split).
// Each eligible row flips independently with probability `rate`: symmetric draws a uniform
// other class, asymmetric applies the pair map. Then `trustedPerClass` unflipped rows per
// class (by true label) are drawn with the same seed stream.
NoiseOutcome injectNoise(const std::vector<int32_t>& trueLabels,
                         const std::vector<uint8_t>& eligible, int classes,
                         const NoiseSpec& spec, int trustedPerClass);

}  // namespace winnow::core
