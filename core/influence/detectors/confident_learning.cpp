// confident learning, prune by noise rate (METHODS.md §6): the math is
// detectConfidentLearning (detectors.h).
#include "core/influence/detector_compute.h"
#include "core/influence/noise_structure.h"

namespace winnow::core {

DetectorInfo confidentLearningDetector() {
    DetectorInfo d;
    d.id = "confident-learning";
    d.displayName = "Confident learning";
    d.description = "per-class thresholds and the confident joint, pruned by the noise rate as cleanlab does";
    d.needs = kNeedsProbabilities;
    d.acceptsCrossValRun = true;  // meant for out-of-sample probabilities
    d.reviewRankMemorised = 30;
    d.reviewRankLearning = 20;
    // A systematic flip on a model that has not memorised: the final model's probabilities
    // serve as held-out ones and come from a better model than the early epoch's (issue 17:
    // AP above cl-early's on Fashion-MNIST and on OpenCV's digits, bench/RESULTS.md).
    d.reviewRankPairFlipLearning = 1;
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        out.result = detectConfidentLearning(in.probs.data(), in.work.labels, in.work.n, in.work.classes);
        out.summary["noise_by_class"] = noiseRowsJson(noiseRows(out.result.extra, in.work.classes));  // noise_structure.h
        return out;
    };
    return d;
}

}  // namespace winnow::core
