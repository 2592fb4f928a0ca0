#pragma once
// Internal to core/train: tensor collectives over a DistGroup (torch types).
#include <torch/torch.h>

#include "core/train/dist_group.h"

namespace winnow::core {

// Sums `t` over all ranks in place (any device: Gloo reduces a CPU copy). `what` names the
// collective in the error a failed one throws (DistGroup::failCollective).
void allReduceSum(DistGroup& g, torch::Tensor& t, const char* what);
// Rank `root`'s values of `t` on every rank, in place.
void broadcastTensor(DistGroup& g, torch::Tensor& t, int root, const char* what);

// The group batch norm synchronises over while a multi-process run trains (SyncBatchNorm2d,
// sync_batch_norm.h): set for the training loop's lifetime, nullptr otherwise.
DistGroup* batchNormGroup();
class BatchNormGroupScope {
public:
    explicit BatchNormGroupScope(DistGroup* g);
    ~BatchNormGroupScope();
    BatchNormGroupScope(const BatchNormGroupScope&) = delete;
    BatchNormGroupScope& operator=(const BatchNormGroupScope&) = delete;

private:
    DistGroup* m_previous;
};

}  // namespace winnow::core
