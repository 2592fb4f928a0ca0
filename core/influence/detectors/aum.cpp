// aum, Area Under the Margin (Pleiss et al., NeurIPS 2020): the math is in dynamics_detectors.h (detectAum); the data are the run's training
// dynamics (core/train/training_dynamics.h), recorded during its one training.
#include "core/influence/detector_compute.h"
#include "core/influence/dynamics_detectors.h"

namespace winnow::core {

DetectorInfo aumDetector() {
    DetectorInfo d;
    d.id = "aum";
    d.displayName = "Area under the margin";
    d.description = "mean over the training epochs of the given label's logit minus the largest other (training dynamics)";
    d.needs = kNeedsProbabilities;
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        out.result = scoreDynamicsOfRun("aum", in.runDir, in.runId, in.sampleIds,
                                        std::vector<int32_t>(in.work.labels, in.work.labels + in.work.n),
                                        in.work.classes, out.params);
        return out;
    };
    return d;
}

}  // namespace winnow::core
