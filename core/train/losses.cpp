#include "train_private/losses.h"

#include <cmath>

#include "core/util/error.h"

namespace winnow::core {

namespace F = torch::nn::functional;

namespace {

torch::Tensor baseLoss(bool focal, double gamma, const torch::Tensor& logits, const torch::Tensor& target,
                       const torch::Tensor& weight) {
    auto logp = torch::log_softmax(logits, 1);
    auto ce = -logp.gather(1, target.unsqueeze(1)).squeeze(1);
    torch::Tensor l = ce;
    if (focal) {
        auto pt = torch::exp(-ce);
        l = torch::pow(1 - pt, gamma) * ce;
    }
    if (weight.defined()) l = l * weight.index_select(0, target);
    return l;
}

std::vector<double> normaliseToK(std::vector<double> w) {
    double s = 0;
    for (double v : w) s += v;
    if (s <= 0) return w;
    for (double& v : w) v = v * double(w.size()) / s;
    return w;
}

}  // namespace

torch::Tensor perSampleLoss(const LossSpec& spec, const torch::Tensor& logitsIn, const torch::Tensor& h,
                            const torch::Tensor& target) {
    // Losses in float32 even under autocast: log-softmax in half precision loses the tail.
    auto logits = logitsIn.to(torch::kFloat);
    const bool ib = spec.kind == "ib" || spec.kind == "ib-focal";
    const bool focal = spec.kind == "focal" || spec.kind == "ib-focal";
    if (!ib && spec.kind != "ce" && spec.kind != "focal")
        throw Error("unknown loss '" + spec.kind + "' (use ce, focal, ib or ib-focal)");
    if (!ib || !spec.ibActive) return baseLoss(focal, spec.focalGamma, logits, target, spec.classWeight);
    auto onehot = F::one_hot(target, logits.size(1)).to(logits.dtype());
    auto gradNorm = (torch::softmax(logits, 1) - onehot).abs().sum(1);
    auto featNorm = h.to(torch::kFloat).abs().sum(1);
    auto factor = spec.ibAlpha / (gradNorm * featNorm + spec.ibEpsilon);
    return baseLoss(focal, spec.focalGamma, logits, target, spec.ibWeight) * factor;
}

std::vector<double> inverseClassWeights(const std::vector<int64_t>& counts) {
    std::vector<double> w(counts.size(), 0.0);
    for (size_t k = 0; k < counts.size(); ++k) w[k] = counts[k] > 0 ? 1.0 / double(counts[k]) : 0.0;
    return normaliseToK(w);
}

std::vector<double> effectiveNumberWeights(const std::vector<int64_t>& counts, double beta) {
    std::vector<double> w(counts.size(), 0.0);
    for (size_t k = 0; k < counts.size(); ++k)
        w[k] = counts[k] > 0 ? (1.0 - beta) / (1.0 - std::pow(beta, double(counts[k]))) : 0.0;
    return normaliseToK(w);
}

}  // namespace winnow::core
