#pragma once
#include <cstdint>
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

// The latest Influential Rank and confident-learning scorings of `runId` (0 = latest run
// with both), for `score --method combined` without --of; throws Error naming what is missing.
std::vector<int64_t> defaultCombinationParts(Project& project, int64_t runId);

// Mean-rank percentiles of `score` (0 = lowest, 1 = highest; n = 1 gives 0.5).
std::vector<double> rankPercentiles(const std::vector<float>& score);

}  // namespace winnow::core
