#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace winnow::core {

// Row-major views of what the influence engine needs from a model: the input h of the last
// linear layer, the logits z = W h + b and the given labels (dense class index, -1 = none,
// treated as a zero target). Nothing is copied; the arrays must outlive the call.
struct LastLayerData {
    int64_t n = 0;
    int classes = 0;                    // K
    int features = 0;                   // L
    const float* feature = nullptr;     // n x L
    const float* logits = nullptr;      // n x K
    const int32_t* labels = nullptr;    // n
};

// One of several processes scoring the same data (issue 12; `winnow-cli score` under torchrun
// or srun). Every process holds the whole data set; this one is `rank` of `world` and takes
// the strided rows rank, rank + world, ... of the trusted solves, and the strided batches of
// one process's batching of the Hessian's rows and of the scored rows;
// `sum` adds a buffer up element-wise across the processes in place (a c10d all-reduce), so
// every process ends each step with the whole result. Every process must make the same calls
// in the same order. Default: one process, no collective.
struct ScoreShard {
    int rank = 0;
    int world = 1;
    std::function<void(std::vector<double>&)> sum;
    bool active() const { return world > 1 && bool(sum); }
    bool writer() const { return rank == 0; }  // the one process that stores the scoring
};

// METHODS.md §1 settings.
struct InfluenceOptions {
    double damping = 0.01;              // lambda added to the mean Hessian
    int64_t exactMaxParams = 8192;      // P = K (L + 1) up to this: exact Hessian + Cholesky
    int64_t hessianMaxSamples = 50000;  // seeded random subsample beyond this
    uint64_t seed = 1;
    std::string solver = "auto";        // auto | exact | kfac
    std::string device = "auto";        // auto | cpu | cuda
    int64_t memoryBudgetBytes = int64_t(256) << 20;  // bounds each streamed n x P block
    ScoreShard shard;                   // several processes (default: one)
};

}  // namespace winnow::core
