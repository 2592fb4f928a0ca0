#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/influence/influential_rank_scorer.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;
class DistGroup;

// METHODS.md §5 post-training rounds on a project.
struct RankOptions {
    int64_t baseRun = 0;             // 0 = latest finished train/post-train run
    int rounds = 2;                  // 1..5
    int epochs = 20;                 // post-training epochs per round (E)
    InfluentialRankOptions scoring;
    double acceptMargin = 0.001;     // +0.1 point, accuracies stored as fractions
    double relabelThreshold = 0.8;   // max softmax above this: relabel suggestion
    bool autoApply = false;          // apply suggestions as a new label version + fine-tune
    bool controlLonger = false;      // also train the base model for the same extra epochs
                                     // without removal (the "+Longer" control)
    std::string device = "";         // "" = the base run's device setting
    // Rounds until they stop paying (round_budget.h): < 0 = exactly `rounds` rounds (stopping
    // at a rejection); >= 0 = at most `rounds` rounds while accepted, something is flagged and
    // the next round fits `budget` x the base training's CPU-seconds.
    double budget = -1;
    double baseCostOverride = -1;      // tests: the base training's CPU-seconds
    std::function<double()> cpuClock;  // tests: a fake clock; empty = process CPU time
    // Several processes (issue 12; winnow-cli rank under torchrun or srun): every rank calls
    // runInfluentialRank with the same options and this group, rank 0 with the project open for
    // writing, the others read-only. Each round's scoring is split across the ranks as `score`
    // splits it, each post-training (and the control and fine-tune runs) trains data-parallel
    // as `train` does, and rank 0 alone writes (rounds, removals, runs, suggestions, label
    // versions); the others wait for its writes at a barrier before they read them. Decisions
    // that read a process's own clock (the budget) are rank 0's, broadcast. Null or a group of
    // one: one process.
    DistGroup* group = nullptr;
};

// METHODS §5 step 4: a round is accepted when every criterion that can still improve gains
// at least `margin` (fractions: 0.001 = 0.1 point). Criteria: trusted accuracy and, when
// present (not null), validation accuracy; `before`/`after` carry acc_trusted and acc_val.
// A criterion already at 100% before the round cannot gain and is left out: in the
// memorised regime the trusted samples are training samples the model has learnt by heart,
// so a held-out validation split is what judges the round there. When no criterion is left
// (saturated trusted set, no validation split) the round is accepted and `why` says that
// nothing could judge it.
struct RoundVerdict {
    bool accepted = false;
    bool unjudged = false;  // accepted only because no criterion could improve
    std::string why;
};
RoundVerdict judgeRound(const nlohmann::json& before, const nlohmann::json& after, double margin);

// Runs the rounds. `onEvent` receives one JSON object per finished step (round, control,
// suggestions, apply) for live output. Returns the session summary. Removal only changes
// the working set (working_set_removed); a rejected round restores it.
nlohmann::json runInfluentialRank(Project& project, const RankOptions& options,
                        const std::function<void(const nlohmann::json&)>& onEvent, ProgressFn progress = {},
                        const CancelToken* cancel = nullptr);

}  // namespace winnow::core
