#pragma once
#include <cstdint>
#include <string>

namespace winnow::core {

class Project;

// Which stored scoring the review queue opens by default (issue 4: detectors behave very
// differently depending on whether the model has memorised its labels).
// - Self-test project (injected noise): the scoring whose ranking has the highest average
//   precision against the injected truth — the self-test exists to answer exactly this.
// - Otherwise, on the latest scored run: when the model fits its given labels (last
//   epoch's training accuracy >= memorisedAccuracy) loss-based detectors lose their signal,
//   so Influential Rank; else the combined ranking, then confident learning, then
//   Influential Rank, then whatever is newest. The orders are the registered detectors'
//   reviewRankMemorised / reviewRankLearning (detector_registry.h).
struct DetectorChoice {
    int64_t scoringId = 0;  // 0: nothing scored yet
    int64_t runId = 0;
    std::string detector;
    std::string reason;     // one sentence for the CLI and the review window
};

DetectorChoice recommendedScoring(Project& project, double memorisedAccuracy = 0.98);

}  // namespace winnow::core
