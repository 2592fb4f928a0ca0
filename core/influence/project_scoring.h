#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/influence/influential_rank_scorer.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// What `score` asks for. `detector` is a registered id (detector_registry.h); each
// detector reads the settings it declares and ignores the others.
struct ScoreRequest {
    std::string detector = "influential-rank";
    int64_t runId = 0;                 // 0 = the latest finished train/post-train run
    InfluentialRankOptions influentialRank;
    double selfConfidenceRate = -1;    // < 0: confident learning's noise-rate estimate
    std::vector<int64_t> combineParts; // combined: the scorings to combine (empty: the defaults)
};

struct ScoringOutcome {
    int64_t scoringId = 0;
    int64_t runId = 0;
    std::string resultDir;             // absolute path of scorings/<id>/
    nlohmann::json summary;                      // also stored as scorings.summary_json
    std::vector<int64_t> flaggedIds;
    std::vector<std::string> warnings;
};

// Scores the working set (train split, labelled, readable, not excluded by a reviewer, not
// removed by an Influential Rank round) of one run's outputs with the registered detector
// `request.detector`, writes the score file and a scorings row. Trusted samples are scored
// but never flagged. A detector that combines stored scorings does its own storing.
// Throws Error for a missing or unfinished run, an unknown detector (naming the registered
// ones), or a detector that needs features (Influential Rank) on a cross-validation run.
// Several processes (request.influentialRank.influence.shard active; issue 12): every one
// calls this with the same request on the same project (opened read-only but on rank 0);
// they check that they agree on the run and the working set, Influential Rank splits its
// influence passes across them, and rank 0 alone stores the scoring (the others return
// scoringId 0 and write nothing).
ScoringOutcome scoreProject(Project& project, const ScoreRequest& request,
                            ProgressFn progress = {}, const CancelToken* cancel = nullptr);

// Latest finished run of kind train or post-train (cross-val runs are skipped unless
// `allowCrossVal`); throws Error naming the project when there is none.
int64_t latestRun(Project& project, bool allowCrossVal = false);
// Absolute outputs folder of a finished run; throws Error when it is missing or unfinished.
std::string runOutputsPath(Project& project, int64_t runId);
// Sample ids removed from the working set by accepted Influential Rank rounds.
std::vector<int64_t> workingSetRemoved(Project& project);

}  // namespace winnow::core
