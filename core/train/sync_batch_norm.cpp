#include "train_private/sync_batch_norm.h"

#include "train_private/dist_tensor.h"

namespace winnow::core {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor channelView(const torch::Tensor& v) { return v.view({1, -1, 1, 1}); }

// Batch norm over the global batch: per-channel sums of x and x^2 (forward) and of dy and
// dy * xhat (backward) are summed over the ranks; the parameters' gradients stay local (the
// trainer sums every gradient over the ranks afterwards).
struct SyncBatchNormFn : torch::autograd::Function<SyncBatchNormFn> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                                 const torch::Tensor& bias, torch::Tensor runningMean, torch::Tensor runningVar,
                                 double momentum, double eps) {
        DistGroup& g = *batchNormGroup();
        const int64_t C = x.size(1);
        const std::vector<int64_t> dims{0, 2, 3};
        auto xd = x.to(torch::kDouble);
        auto stats = torch::cat({xd.sum(dims), (xd * xd).sum(dims),
                                 torch::full({1}, double(x.numel() / std::max<int64_t>(1, C)), xd.options())});
        allReduceSum(g, stats, "batch-norm all-reduce");
        const double m = stats[2 * C].item<double>();
        auto mean = stats.narrow(0, 0, C) / m;
        auto var = (stats.narrow(0, C, C) / m - mean * mean).clamp_min(0.0);
        auto invstd = (var + eps).rsqrt();
        {
            torch::NoGradGuard noGrad;
            runningMean.mul_(1.0 - momentum).add_(mean.to(runningMean.dtype()), momentum);
            runningVar.mul_(1.0 - momentum).add_((var * (m / std::max(1.0, m - 1.0))).to(runningVar.dtype()), momentum);
        }
        auto xhat = (x - channelView(mean.to(x.dtype()))) * channelView(invstd.to(x.dtype()));
        ctx->save_for_backward({xhat, weight, invstd.to(x.dtype())});
        ctx->saved_data["count"] = m;
        return xhat * channelView(weight) + channelView(bias);
    }

    static variable_list backward(AutogradContext* ctx, variable_list gradOut) {
        DistGroup& g = *batchNormGroup();
        auto saved = ctx->get_saved_variables();
        const auto& xhat = saved[0];
        const auto& weight = saved[1];
        const auto& invstd = saved[2];
        const double m = ctx->saved_data["count"].toDouble();
        auto dy = gradOut[0].contiguous();
        const int64_t C = xhat.size(1);
        const std::vector<int64_t> dims{0, 2, 3};
        auto sumDy = dy.to(torch::kDouble).sum(dims);
        auto sumDyXhat = (dy.to(torch::kDouble) * xhat.to(torch::kDouble)).sum(dims);
        auto both = torch::cat({sumDy, sumDyXhat});
        allReduceSum(g, both, "batch-norm backward all-reduce");
        auto meanDy = (both.narrow(0, 0, C) / m).to(dy.dtype());
        auto meanDyXhat = (both.narrow(0, C, C) / m).to(dy.dtype());
        auto dx = channelView(weight * invstd) * (dy - channelView(meanDy) - xhat * channelView(meanDyXhat));
        return {dx, sumDyXhat.to(weight.dtype()), sumDy.to(weight.dtype()), torch::Tensor(), torch::Tensor(),
                torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

SyncBatchNorm2dImpl::SyncBatchNorm2dImpl(int64_t features, double epsIn, double momentumIn)
    : eps(epsIn), momentum(momentumIn) {
    // The names and order of torch::nn::BatchNorm2d (checkpoints are unchanged).
    weight = register_parameter("weight", torch::ones({features}));
    bias = register_parameter("bias", torch::zeros({features}));
    running_mean = register_buffer("running_mean", torch::zeros({features}));
    running_var = register_buffer("running_var", torch::ones({features}));
    num_batches_tracked = register_buffer("num_batches_tracked", torch::tensor(int64_t(0), torch::kLong));
}

torch::Tensor SyncBatchNorm2dImpl::forward(const torch::Tensor& x) {
    TORCH_CHECK(x.dim() == 4, "expected 4D input (got ", x.dim(), "D input)");
    if (is_training()) num_batches_tracked += 1;
    DistGroup* g = batchNormGroup();
    if (is_training() && g && g->active())
        return SyncBatchNormFn::apply(x, weight, bias, running_mean, running_var, momentum, eps);
    return torch::batch_norm(x, weight, bias, running_mean, running_var, is_training(), momentum, eps,
                             at::globalContext().userEnabledCuDNN());
}

}  // namespace winnow::core
