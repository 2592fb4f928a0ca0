#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/json_text.h"

namespace winnow::core {

// Everything that defines a training run; stored as runs.config_json so a run can be
// reproduced or resumed. Defaults follow METHODS.md §9–11.
struct TrainConfig {
    // Model
    std::string model = "cnn-small";   // cnn-small | resnet32 | resnet18 | torchscript
    std::string torchscriptPath;       // backbone producing features (model = torchscript)
    int bottleneck = 0;                // >0: extra linear(->N)+ReLU before the classifier
    int inputSize = 0;                 // resize side; 0 = keep the dataset's native size
                                       // (video clips: 64)
    int framesPerClip = 8;             // video clips: F frames by segment sampling (METHODS §7)
    // Optimisation
    int epochs = 10;
    int batchSize = 128;
    double lr = 0.1;
    double momentum = 0.9;
    bool nesterov = false;
    double weightDecay = 5e-4;
    std::string schedule = "cosine";   // cosine | step
    int warmupEpochs = 0;
    std::vector<double> stepMilestones = {0.5, 0.75};  // fractions of epochs (step schedule)
    double stepGamma = 0.1;
    // Loss and sampling
    std::string loss = "ce";           // ce | focal | ib | ib-focal
    double focalGamma = 1.0;
    double ibAlpha = 1.0;
    int ibStartEpoch = -1;             // -1: half of the schedule (T1)
    std::string classWeights = "none"; // none | inverse | drw (deferred re-weighting)
    int drwStartEpoch = -1;            // -1: 80% of the schedule
    std::string sampler = "instance";  // instance | class-balanced | qr (q(r,k))
    double samplerR = 1.0;
    // CMO (METHODS §10)
    bool cmo = false;
    double cmoProb = 0.5;
    int cmoStartEpoch = 3;             // applies for epochs in [start, epochs - endMargin)
    int cmoEndMargin = 3;
    double cmoR = 1.0;
    // Augmentation (train only)
    bool augment = true;
    int cropPadding = 4;
    bool hflip = true;
    // Runtime
    std::string device = "auto";       // auto | cpu | cuda
    int threads = 0;                   // 0 = LibTorch default
    bool mixedPrecision = true;        // CUDA only
    uint64_t seed = 1;
    bool deterministic = false;
    int loaderThreads = 2;
    int prefetchBatches = 0;           // batches decoded ahead; 0 = loaderThreads + 1
    // Data selection
    std::vector<int64_t> excludeIds;   // working-set removal (Influential Rank); never deleted
    std::string initCheckpoint;        // post-training: start from these weights
    std::string kind = "train";        // train | cross-val | post-train
    int crossValFolds = 0;             // >1: K-fold out-of-sample probabilities
    int64_t subset = 0;                // >0: seeded random subset of this many labelled train
                                       // samples, drawn before exclusions (rounds keep it)
    int64_t parentRun = 0;             // recorded as runs.parent_run (post-train rounds)
    int64_t resumeRunId = 0;           // >0: continue this run from its last checkpoint
    int evalBatchSize = 512;           // eval passes (metrics, run outputs)
    bool writeOutputs = true;          // false only for benchmarks: no RunOutputs afterwards

    nlohmann::json toJson() const;
    static TrainConfig fromJson(const nlohmann::json& j);  // missing keys keep their defaults
};

}  // namespace winnow::core
