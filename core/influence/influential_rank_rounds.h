#pragma once
#include <cstdint>
#include <functional>

#include "core/influence/influential_rank_scorer.h"
#include "core/util/json.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

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
};

// Runs the rounds. `onEvent` receives one JSON object per finished step (round, control,
// suggestions, apply) for live output. Returns the session summary. Removal only changes
// the working set (working_set_removed); a rejected round restores it.
Json runInfluentialRank(Project& project, const RankOptions& options,
                        const std::function<void(const Json&)>& onEvent, ProgressFn progress = {},
                        const CancelToken* cancel = nullptr);

}  // namespace winnow::core
