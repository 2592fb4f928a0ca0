// The three detectors read from a run's training dynamics (core/train/training_dynamics.h),
// recorded during its one training at no extra forward pass; the math is in
// dynamics_detectors.h. They differ only in id, name and description, so they share a file.
#include "core/influence/detector_compute.h"
#include "core/influence/dynamics_detectors.h"
#include "core/influence/noise_structure.h"

namespace winnow::core {
namespace {

DetectorOutput computeFromDynamics(DetectorInput& in) {
    DetectorOutput out;
    out.result = scoreDynamicsOfRun(in.request.detector, in.runDir, in.runId, in.sampleIds,
                                    std::vector<int32_t>(in.work.labels, in.work.labels + in.work.n),
                                    in.work.classes, out.params);
    if (in.request.detector == "cl-early")  // the calibrated joint, for noise_structure.h
        out.summary["noise_by_class"] = noiseRowsJson(noiseRows(out.result.extra, in.work.classes));
    return out;
}

DetectorInfo dynamicsDetector(const char* id, const char* name, const char* description) {
    DetectorInfo d;
    d.id = id;
    d.displayName = name;
    d.description = description;
    d.needs = kNeedsProbabilities;
    d.compute = computeFromDynamics;
    return d;
}

}  // namespace

// Area Under the Margin (Pleiss et al., NeurIPS 2020): detectAum.
DetectorInfo aumDetector() {
    return dynamicsDetector("aum", "Area under the margin",
                            "mean over the training epochs of the given label's logit minus the largest other "
                            "(training dynamics)");
}

// early-loss: detectEarlyLoss on the epochs before the model memorised. The review queue's
// first choice in both regimes when it is stored (issue 17; bench/RESULTS.md, Fashion-MNIST:
// AP 0.939 in the ordinary regime, 0.985 on a model that memorised 40% noise, against
// Influential Rank's 0.816 and 0.669; one seed each).
DetectorInfo earlyLossDetector() {
    DetectorInfo d = dynamicsDetector("early-loss", "Early loss",
                                      "each sample's training loss averaged over the epochs before the model "
                                      "memorised (training dynamics)");
    d.reviewRankMemorised = 5;
    d.reviewRankLearning = 5;
    return d;
}

// cl-early: confident learning on the early epoch's softmax (scoreFromDynamics).
// Under a systematic flip the queue's first choice on a memorised model, second (after
// confident learning on the final model) on one that has not memorised
// (docs/influence-decisions.md).
DetectorInfo clEarlyDetector() {
    DetectorInfo d = dynamicsDetector("cl-early", "Confident learning (early epoch)",
                                      "confident learning on the softmax of the training forward at the early epoch "
                                      "(training dynamics)");
    d.reviewRankPairFlipMemorised = 1;
    d.reviewRankPairFlipLearning = 2;
    return d;
}

}  // namespace winnow::core
