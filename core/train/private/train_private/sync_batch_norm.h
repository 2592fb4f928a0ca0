#pragma once
// Internal to core/train: the networks' 2-D batch norm. One process: exactly
// torch::nn::BatchNorm2d (same call, same parameter and buffer names, so checkpoints are
// unchanged). In a multi-process run's training loop (batchNormGroup() set): the batch
// statistics are those of the global batch, summed over the ranks in the forward pass and the
// backward pass (synchronised batch norm), so N processes train the model one process trains
// on the same global batch. Running statistics are updated with the global ones (identical on
// every rank).
#include <torch/torch.h>

namespace winnow::core {

struct SyncBatchNorm2dImpl : torch::nn::Module {
    explicit SyncBatchNorm2dImpl(int64_t features, double eps = 1e-5, double momentum = 0.1);
    torch::Tensor forward(const torch::Tensor& x);

    torch::Tensor weight, bias, running_mean, running_var, num_batches_tracked;
    double eps, momentum;
};
TORCH_MODULE(SyncBatchNorm2d);

}  // namespace winnow::core
