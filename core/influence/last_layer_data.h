#pragma once
#include <cstdint>
#include <string>

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

// METHODS.md §1 settings.
struct InfluenceOptions {
    double damping = 0.01;              // lambda added to the mean Hessian
    int64_t exactMaxParams = 8192;      // P = K (L + 1) up to this: exact Hessian + Cholesky
    int64_t hessianMaxSamples = 50000;  // seeded random subsample beyond this
    uint64_t seed = 1;
    std::string solver = "auto";        // auto | exact | kfac
    std::string device = "auto";        // auto | cpu | cuda
    int64_t memoryBudgetBytes = int64_t(256) << 20;  // bounds each streamed n x P block
};

}  // namespace winnow::core
