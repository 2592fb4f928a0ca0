#pragma once
// Internal to core/train: one model's training loop, evaluation and checkpoints (torch).
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "core/train/net.h"
#include "core/train/train_config.h"
#include "core/train/train_data.h"
#include "core/train/trainer.h"

namespace winnow::core {

struct EngineSetup {
    const TrainData* data = nullptr;
    TrainConfig cfg;
    torch::Device device{torch::kCPU};
    std::vector<float> mean, stdev;
    const TrainCallbacks* cb = nullptr;
};

// Per-epoch hook: epoch index and its metrics row (already carrying train loss/accuracy).
using EpochHook = std::function<void(int epoch, Json& metrics)>;

std::unique_ptr<Net> buildNet(const EngineSetup& s);
std::unique_ptr<torch::optim::SGD> buildOptimizer(const EngineSetup& s, Net& net);
double learningRate(const TrainConfig& cfg, int epoch);

// Trains `net` on data rows `trainRows` for epochs [startEpoch, cfg.epochs). All randomness
// (order, crops, flips, CMO) comes from an engine seeded by (seed, stream, epoch), so a run
// resumed from a checkpoint repeats the same draws. Throws Error on a non-finite loss
// (naming epoch and batch) and Cancelled when the token fires (polled every batch).
void trainEpochs(const EngineSetup& s, Net& net, torch::optim::SGD& opt,
                 const std::vector<int64_t>& trainRows, int startEpoch, uint64_t stream,
                 const EpochHook& onEpoch);

// Eval mode, no augmentation. Fills logits (rows x K), features (rows x L) and CE loss
// against the given label (NaN when unlabelled); any output pointer may be null.
void evaluateRows(const EngineSetup& s, Net& net, const std::vector<int64_t>& rows, float* logits,
                  float* features, float* loss);

// Accuracy-style metrics of `net` on the val / trusted / test rows, added to `m`.
void addEvalMetrics(const EngineSetup& s, Net& net, const std::vector<int64_t>& countsRows, Json& m);

void saveCheckpoint(const std::filesystem::path& file, Net& net, torch::optim::SGD* opt,
                    const TrainConfig& cfg, int nextEpoch, const std::vector<float>& mean,
                    const std::vector<float>& stdev);
// Loads weights (and optimizer state when `opt` is given); returns the next epoch to run.
// Accepts a checkpoint file or a run directory holding checkpoint.pt.
// The normalisation stored with it is copied to mean/stdev when given.
int loadCheckpoint(const std::filesystem::path& fileOrDir, Net& net, torch::optim::SGD* opt,
                   std::vector<float>* mean = nullptr, std::vector<float>* stdev = nullptr);

// CPU time of the whole process (all threads), for training-cost reports.
double processCpuSeconds();

// Readable Error for LibTorch failures (out of memory in particular).
[[noreturn]] void rethrowTorchError(const std::exception& e, const std::string& where);

}  // namespace winnow::core
