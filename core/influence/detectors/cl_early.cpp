// cl-early, confident learning on the early epoch's softmax: the math is in
// dynamics_detectors.h (scoreFromDynamics); the data are the run's training dynamics
// (core/train/training_dynamics.h), recorded during its one training.
#include "core/influence/detector_compute.h"
#include "core/influence/dynamics_detectors.h"

namespace winnow::core {

DetectorInfo clEarlyDetector() {
    DetectorInfo d;
    d.id = "cl-early";
    d.displayName = "Confident learning (early epoch)";
    d.description = "confident learning on the softmax of the training forward at the early epoch (training dynamics)";
    d.needs = kNeedsProbabilities;
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        out.result = scoreDynamicsOfRun("cl-early", in.runDir, in.runId, in.sampleIds,
                                        std::vector<int32_t>(in.work.labels, in.work.labels + in.work.n),
                                        in.work.classes, out.params);
        return out;
    };
    return d;
}

}  // namespace winnow::core
