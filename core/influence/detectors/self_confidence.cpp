// self-confidence (METHODS.md §6): the math is detectSelfConfidence (detectors.h).
#include "core/influence/detector_compute.h"

namespace winnow::core {

DetectorInfo selfConfidenceDetector() {
    DetectorInfo d;
    d.id = "self-confidence";
    d.displayName = "Self-confidence";
    d.description = "one minus the given label's probability, flagging the share --rate";
    d.needs = kNeedsProbabilities;
    d.settings = {"rate"};
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        const LastLayerData& w = in.work;
        double q = in.request.selfConfidenceRate;
        // Without a rate, confident learning's noise-rate estimate on the same probabilities.
        if (q < 0) q = detectConfidentLearning(in.probs.data(), w.labels, w.n, w.classes).noiseRateEstimate;
        out.params["rate"] = q;
        out.result = detectSelfConfidence(in.probs.data(), w.labels, w.n, w.classes, q);
        return out;
    };
    return d;
}

}  // namespace winnow::core
