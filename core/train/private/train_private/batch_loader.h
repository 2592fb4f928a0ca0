#pragma once
// Internal to core/train (torch types): the streamed input pipeline. A pool of worker
// threads reads, decodes, resizes, augments and normalises the batches of a pass a few
// batches ahead of the training thread; at most `prefetch` batches exist at any time
// (being built, queued, or held by the consumer), so decoded memory is bounded by
// prefetch x batch rows whatever the dataset size.
#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/train/sampling.h"
#include "core/train/train_data.h"

namespace winnow::core {

// What to load for one sample of a batch. All randomness is decided here, by the planner,
// in batch order, so batches do not depend on the number of threads or their timing.
struct ItemPlan {
    int64_t row = 0;
    int ox = 0, oy = 0;     // crop shift (pixels) of the zero-padded image
    bool flip = false;
    uint64_t clipSeed = 0;  // clips in train mode: the segment sampling seed
};

struct BatchPlan {
    std::vector<ItemPlan> items;
    std::vector<ItemPlan> fg;  // CMO: foreground of each item (same length), empty otherwise
    CutBox box;                // CMO: pasted region of the foreground
    bool train = false;        // clips: random frame per segment (else the centres)
};

// A loaded batch. Items whose file failed to decode are left out (rows says which loaded);
// for clips x holds the F frames of each clip one after another (rows x F frames).
struct LoadedBatch {
    size_t index = 0;
    std::vector<int64_t> rows;
    torch::Tensor x;            // (rows x F) x C x H x W floats, normalised
    torch::Tensor y, yFg;       // labels (long); yFg only when mixed
    double lambda = 1.0;        // CMO: share of the background label
    bool mixed = false;
    std::vector<int64_t> frameIndex;  // clips: rows x F frame numbers used
    std::vector<std::string> newSkips;  // failures first seen while building this batch
    std::shared_ptr<void> lease;  // returns the batch's prefetch slot when released
};

// Process-wide instrumentation (tests, benchmarks): decoded sample rows currently alive in
// loader batches, and the largest such count since the last reset.
struct LoaderStats {
    int64_t liveRows = 0;
    int64_t peakRows = 0;
};
LoaderStats loaderStats();
void resetLoaderPeak();

class BatchLoader {
public:
    using Planner = std::function<BatchPlan(size_t batch)>;  // called in batch order
    // Starts `threads` workers building batches 0..count-1. `skips` (may be null) collects
    // samples that fail to decode; without it a failure is an error.
    BatchLoader(const TrainData& d, const std::vector<float>& mean, const std::vector<float>& stdev,
                size_t count, Planner planner, int threads, int prefetch, SkipLog* skips,
                const CancelToken* cancel);
    ~BatchLoader();  // stops the workers (a batch being built is abandoned) and joins them
    BatchLoader(const BatchLoader&) = delete;
    BatchLoader& operator=(const BatchLoader&) = delete;

    // The next batch in order, or nullopt after the last. Rethrows a worker's error;
    // throws Cancelled when the token fires.
    std::optional<LoadedBatch> next();

private:
    struct State;
    std::shared_ptr<State> m_state;
};

}  // namespace winnow::core
