#pragma once
// Internal to core/train: per-sample training losses (METHODS §9). torch types.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace winnow::core {

struct LossSpec {
    std::string kind = "ce";     // ce | focal | ib | ib-focal
    bool ibActive = false;       // IB kinds are plain CE (or focal) before T1
    double focalGamma = 1.0;
    double ibAlpha = 1.0;
    double ibEpsilon = 1e-3;
    torch::Tensor classWeight;   // K, or undefined = unweighted (CE/focal phase)
    torch::Tensor ibWeight;      // K: n_k^-1 normalised to sum K (IB phase)
};

// Per-sample loss vector (N) for logits (N x K), features h (N x L) and targets (N, int64).
// IB: ibWeight[y]·L_i / (||softmax − onehot||_1 · ||h||_1 + ε) · α, with the IB factor left
// in the autograd graph (METHODS §9: the reference does not detach it).
torch::Tensor perSampleLoss(const LossSpec& spec, const torch::Tensor& logits,
                            const torch::Tensor& h, const torch::Tensor& target);

// Class-weight vectors over training counts n_k, normalised to sum to K:
// inverse (n_k^-1) and effective-number (1-β)/(1-β^n_k), β = 0.9999 (DRW).
std::vector<double> inverseClassWeights(const std::vector<int64_t>& counts);
std::vector<double> effectiveNumberWeights(const std::vector<int64_t>& counts, double beta = 0.9999);

}  // namespace winnow::core
