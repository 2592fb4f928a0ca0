// The rank-averaged combination of stored scorings (combined_scoring.h).
#include "core/influence/combined_scoring.h"
#include "core/influence/detector_registry.h"

namespace winnow::core {

DetectorInfo combinedDetector() {
    DetectorInfo d;
    d.id = "combined";
    d.displayName = "Combined ranking";
    d.description = "rank average of the run's early-loss and cl-early scorings (cl-early and confident "
                    "learning when the suspected errors show a systematic flip and the model has not memorised; "
                    "else Influential Rank and confident learning), or of --of";
    d.needs = kNeedsStoredScorings;
    d.settings = {"of"};
    d.combines = defaultCombinations();
    d.reviewRankMemorised = 20;
    d.reviewRankLearning = 10;
    d.scoreStored = [](Project& project, const ScoreRequest& request, const ProgressFn&, const CancelToken* cancel) {
        if (cancel) cancel->throwIfCancelled();
        const std::vector<int64_t> parts =
            request.combineParts.empty() ? defaultCombinationParts(project, request.runId) : request.combineParts;
        return combineScorings(project, parts);
    };
    return d;
}

}  // namespace winnow::core
