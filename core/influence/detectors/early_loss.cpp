// early-loss: the math is in dynamics_detectors.h (detectEarlyLoss); the data are the run's training
// dynamics (core/train/training_dynamics.h), recorded during its one training.
#include "core/influence/detector_compute.h"
#include "core/influence/dynamics_detectors.h"

namespace winnow::core {

DetectorInfo earlyLossDetector() {
    DetectorInfo d;
    d.id = "early-loss";
    d.displayName = "Early loss";
    d.description = "each sample's training loss averaged over the epochs before the model memorised (training dynamics)";
    d.needs = kNeedsProbabilities;
    d.compute = [](DetectorInput& in) {
        DetectorOutput out;
        out.result = scoreDynamicsOfRun("early-loss", in.runDir, in.runId, in.sampleIds,
                                        std::vector<int32_t>(in.work.labels, in.work.labels + in.work.n),
                                        in.work.classes, out.params);
        return out;
    };
    return d;
}

}  // namespace winnow::core
