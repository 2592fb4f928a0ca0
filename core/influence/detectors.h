#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/influence/gmm.h"

namespace winnow::core {

// What every detector hands to the evaluation harness and the review queue: one score per
// sample (higher = more likely mislabelled) and a flag.
struct DetectorResult {
    std::string detector;
    std::vector<float> score;
    std::vector<uint8_t> flag;
    int64_t flagged = 0;
    double noiseRateEstimate = 0.0;
    std::vector<double> extra;  // detector-specific numbers (documented per function)
    int64_t unscored = 0;       // NaN scores (from NaN probabilities): ranked last, never flagged
};

// Row-wise softmax of n x K logits (double accumulation).
std::vector<float> softmaxRows(const float* logits, int64_t n, int classes);

// small-loss (METHODS.md §6): CE against the given label, min-max normalised, 2-component
// GMM; flag when the posterior of the high-loss component exceeds 0.5. score = normalised
// loss. extra = {mean_low, mean_high, var_low, var_high, weight_low, weight_high}.
DetectorResult detectSmallLoss(const float* probs, const int32_t* labels, int64_t n,
                               int classes, const GmmOptions& gmm = {});

// confident learning, prune by noise rate: per-class thresholds t_j = mean p_j over samples
// labelled j, confident joint, calibration to the label counts, then for each off-diagonal
// cell (i, j) the round(C[i][j]) samples labelled i with the largest p_j - p_i are flagged
// (at least one sample kept per class). score = -(normalised margin p_y - max_{k != y} p_k).
// extra = calibrated joint, K x K row-major (given label i, true label j).
DetectorResult detectConfidentLearning(const float* probs, const int32_t* labels, int64_t n,
                                       int classes);

// self-confidence: score = 1 - p_y; flag the round(q n) lowest p_y, q = noiseRate.
DetectorResult detectSelfConfidence(const float* probs, const int32_t* labels, int64_t n,
                                    int classes, double noiseRate);

}  // namespace winnow::core
