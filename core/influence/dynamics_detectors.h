#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/influence/detectors.h"
#include "core/util/json_text.h"

namespace winnow::core {

class TrainingDynamics;

// Detectors from the training dynamics of one training (core/train/training_dynamics.h),
// at no cost beyond that training. Scores follow the convention of every detector: higher =
// more likely mislabelled.

// aum (Pleiss et al., NeurIPS 2020): AUM_i = the mean over recorded epochs of the margin
// z_y - max_{k != y} z_k. score = -AUM; flagged when AUM < `threshold` (default 0: on
// average another class out-scored the given label). Samples with no recorded epoch are
// NaN (unscored, never flagged). `margins` is epochs x n (epoch-major, stride n).
// extra = {threshold}.
DetectorResult detectAum(const float* margins, int epochs, int64_t stride, const std::vector<int64_t>& columns,
                         double threshold = 0.0);

// early-loss: each sample's training loss averaged over epochs [0, earlyEpoch] (the epochs
// before memorisation). score = that mean loss; flagged as small-loss flags: min-max
// normalised, 2-component GMM, posterior of the high-loss component > 0.5.
// extra = {mean_low, mean_high, var_low, var_high, weight_low, weight_high}.
DetectorResult detectEarlyLoss(const float* losses, int epochs, int64_t stride, const std::vector<int64_t>& columns,
                               int earlyEpoch, const GmmOptions& gmm = {});

// Detector names served by scoreFromDynamics.
bool isDynamicsDetector(const std::string& detector);

// Scores the working set (sample ids and labels, in their order) with `detector` (aum,
// early-loss, cl-early) from a run's training dynamics. cl-early is confident learning on
// the softmax the training forward gave at the early epoch. Throws Error naming the run
// folder when the run has no training dynamics. `params` receives what the score depends on.
DetectorResult scoreFromDynamics(const std::string& detector, const TrainingDynamics& dyn,
                                 const std::vector<int64_t>& ids, const std::vector<int32_t>& labels, int classes,
                                 nlohmann::json& params);

// scoreFromDynamics on the training dynamics stored in `runDir` (run `runId`): throws Error
// naming the folder's dynamics.json when the run has none (an older Winnow, a cross-validation
// run or a multi-process run trained before issue 12).
DetectorResult scoreDynamicsOfRun(const std::string& detector, const std::string& runDir, int64_t runId,
                                  const std::vector<int64_t>& ids, const std::vector<int32_t>& labels, int classes,
                                  nlohmann::json& params);

}  // namespace winnow::core
