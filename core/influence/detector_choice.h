#pragma once
#include <cstdint>
#include <string>

#include "core/influence/noise_structure.h"

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
//   reviewRankMemorised / reviewRankLearning (detector_registry.h). When the run's
//   confident-learning scoring shows a systematic flip (noise_structure.h: pair-flip), the
//   early-epoch confident learning (cl-early) comes first in both regimes: a flip is learnt
//   early, so early loss does not see it.
struct DetectorChoice {
    int64_t scoringId = 0;  // 0: nothing scored yet
    int64_t runId = 0;
    std::string detector;
    std::string reason;     // one sentence for the CLI and the review window
    NoiseStructure noise;   // of the run it chose from; Unknown when the self-test chose
};

// useSelfTest = false: the choice a project without injected noise would get (benchmarks
// report it as "the default").
inline constexpr double kMemorisedTrainingAccuracy = 0.98;
DetectorChoice recommendedScoring(Project& project, double memorisedAccuracy = kMemorisedTrainingAccuracy,
                                  bool useSelfTest = true);

// The training accuracy of `run`'s last recorded epoch; -1 when none is recorded.
double lastTrainingAccuracy(Project& project, int64_t run);

}  // namespace winnow::core
