#pragma once
// Internal to core/train: one model's training loop, evaluation and checkpoints (torch).
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "train_private/batch_loader.h"
#include "train_private/net.h"
#include "core/train/dist_group.h"
#include "core/train/train_config.h"
#include "core/train/train_data.h"
#include "core/train/trainer.h"
#include "core/train/training_dynamics.h"

namespace winnow::core {

struct EngineSetup {
    const TrainData* data = nullptr;
    TrainConfig cfg;
    torch::Device device{torch::kCPU};
    std::vector<float> mean, stdev;
    const TrainCallbacks* cb = nullptr;
    SkipLog* skips = nullptr;  // samples that failed to decode mid-run (skipped, reported)
    int loaderThreads = 1;     // BatchLoader workers and prefetch depth (batches)
    int prefetch = 2;
    // A multi-process run's group (nullptr or inactive: one process). Training then takes
    // this rank's strided shard of every global batch, syncs batch norm, sums the gradients
    // over the ranks every step and checks the parameters at epoch ends; evaluation passes
    // for metrics are sharded and their sums reduced.
    DistGroup* dist = nullptr;
    bool distributed() const { return dist && dist->active(); }
    // Per-sample margins/losses of the training forward passes (training_dynamics.h); null:
    // not recorded (cross-validation folds).
    TrainingDynamicsRecorder* dynamics = nullptr;
};

// Loader settings of a run: array-only data needs one worker (memcpy speed; more would only
// compete with LibTorch for the cores), files and clips use cfg.loaderThreads.
void configureLoader(EngineSetup& s);

// Per-epoch hook: epoch index and its metrics row (already carrying train loss/accuracy).
using EpochHook = std::function<void(int epoch, nlohmann::json& metrics)>;

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

// One evaluated batch, in the order of the rows asked for, minus rows that failed to decode.
// Clip rows: logits are the mean of the frame logits, features the mean of the frames' h;
// frameIndex (n x F) and frameFeatures (n x F x L) are the eval-mode frames and their h.
struct EvalBatch {
    size_t n = 0;
    const int64_t* rows = nullptr;
    const float* logits = nullptr;    // n x K
    const float* features = nullptr;  // n x L
    const float* loss = nullptr;      // n: CE against the given label, NaN when unlabelled
    const int64_t* frameIndex = nullptr;
    const float* frameFeatures = nullptr;
};
using EvalSink = std::function<void(const EvalBatch&)>;

// Eval mode, no augmentation, streamed through a BatchLoader: `sink` gets every batch in
// row order. Rows whose file fails to decode are skipped (logged in s.skips).
void evaluateRows(const EngineSetup& s, Net& net, const std::vector<int64_t>& rows, const EvalSink& sink);

// Accuracy-style metrics of `net` on the val / trusted / test rows, added to `m`.
void addEvalMetrics(const EngineSetup& s, Net& net, const std::vector<int64_t>& countsRows, nlohmann::json& m);

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

// Passes the skip messages first seen in a batch to TrainCallbacks::onWarning.
void reportSkips(const EngineSetup& s, const LoadedBatch& b);

// Multi-process runs: rank 0's parameters and buffers on every rank (start of training).
void broadcastState(DistGroup& g, Net& net);
// Sums every parameter's gradient over the ranks, in buckets of at most ~16 MiB.
void sumGradients(DistGroup& g, Net& net);
// Throws Error on every rank when some rank's parameters differ from rank 0's (a checksum
// per rank, all-reduced), naming those ranks and the epoch.
void checkSameParameters(DistGroup& g, Net& net, int epoch);

// Readable Error for LibTorch failures (out of memory in particular).
[[noreturn]] void rethrowTorchError(const std::exception& e, const std::string& where);

}  // namespace winnow::core
