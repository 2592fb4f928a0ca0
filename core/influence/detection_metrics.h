#pragma once
#include <cstdint>
#include <vector>

namespace winnow::core {

// Quality of a flag set and of a ranking against known truth (METHODS.md §8).
struct DetectionMetrics {
    int64_t n = 0, noisy = 0, flagged = 0, truePositives = 0;
    double precision = 0.0;      // 0 when nothing is flagged
    double recall = 0.0;         // 0 when nothing is noisy
    double f1 = 0.0;
    double auroc = 0.5;          // of the score; ties count one half; 0.5 when one class empty
    double averagePrecision = 0.0;  // sum over positives of precision at their rank (ties
                                    // broken pessimistically: a tied group enters at once)
    double fractionRemoved = 0.0;   // flagged / n
    double residualNoise = 0.0;     // noisy among the samples not flagged
    int64_t unscored = 0;           // NaN scores: ranked last (least suspicious), one tie group
};

// noisy[i]: given label differs from the truth; flag[i]: detector flagged it;
// score[i]: higher = more suspicious (may be null: AUROC and AP are then left at defaults;
// NaN ranks last, see score_order.h).
DetectionMetrics detectionMetrics(const std::vector<uint8_t>& noisy,
                                  const std::vector<uint8_t>& flag,
                                  const std::vector<float>* score);

}  // namespace winnow::core
