#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/influence/project_scoring.h"

namespace winnow::core {

class Project;

// Rank-averaged combination of stored detectors on one run (issue 4: "a combined ranking
// if it measurably beats each alone"). Each part's scores become rank percentiles in
// [0, 1] (ties share their mean rank); the combined score is their mean. The flagged set is
// the top round(mean of the parts' flagged counts) by combined score, trusted samples never
// flagged. Suggested labels come from the Influential Rank part when there is one.
// Stored like any detector (detector "combined", params {"parts":[ids],"detectors":[..]}).
// Throws Error when fewer than two scorings are given, one is missing, or they do not
// score the same run's same working set.
ScoringOutcome combineScorings(Project& project, const std::vector<int64_t>& scoringIds);

// The detector sets `score --method combined` combines without --of, in preference order:
// early-loss + cl-early, then influential-rank + confident-learning.
const std::vector<std::vector<std::string>>& defaultCombinations();
// On a run whose confident-learning scoring shows a systematic flip (noise_structure.h) and
// whose model has not memorised (last training accuracy below kMemorisedTrainingAccuracy):
// cl-early + confident-learning, tried before the default sets.
const std::vector<std::string>& flipCombination();
// The latest scorings of the first default set that `runId` (0 = the newest run having one)
// has complete; throws Error naming what is missing.
std::vector<int64_t> defaultCombinationParts(Project& project, int64_t runId);

// Mean-rank percentiles of `score` (0 = lowest, 1 = highest; n = 1 gives 0.5).
std::vector<double> rankPercentiles(const std::vector<float>& score);

}  // namespace winnow::core
