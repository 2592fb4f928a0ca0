// small-loss (METHODS.md §6): the math is detectSmallLoss (detectors.h).
#include "core/influence/detector_compute.h"

namespace winnow::core {

DetectorInfo smallLossDetector() {
    DetectorInfo d;
    d.id = "small-loss";
    d.displayName = "Small loss";
    d.description = "cross-entropy against the given label, split by a two-component mixture";
    d.needs = kNeedsProbabilities;
    d.reviewRankMemorised = 40;
    d.reviewRankLearning = 40;
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        out.result = detectSmallLoss(in.probs.data(), in.work.labels, in.work.n, in.work.classes);
        return out;
    };
    return d;
}

}  // namespace winnow::core
