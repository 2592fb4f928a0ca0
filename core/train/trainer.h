#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/train/train_config.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

class DistGroup;
class Project;

struct TrainCallbacks {
    ProgressFn progress;                             // per batch, rate-limited
    std::function<void(const nlohmann::json& epoch)> onEpoch;  // the metrics row also stored in run_epochs
    const CancelToken* cancel = nullptr;             // polled every batch
    // A sample skipped because its file no longer decodes (deleted, corrupted or truncated
    // after the import); the message names the file. Called once per sample, from the
    // training thread. The run goes on; the summary counts them (skipped_samples).
    std::function<void(const std::string& message)> onWarning;
};

struct TrainResult {
    int64_t runId = 0;
    std::string outputsDir;   // absolute path of runs/<id>/ (RunOutputs + checkpoint.pt)
    nlohmann::json finalMetrics;        // last epoch row: loss, acc_train, acc_val, acc_trusted, acc_test, ...
};

// Trains on the project's train split (minus cfg.excludeIds), records the run, its epochs
// and, after training, the eval-mode outputs of every sample of every split (RunOutputs).
// Throws Error (NaN loss names epoch and batch; bad TorchScript; out of memory) or Cancelled;
// either way the run row is marked failed/cancelled and nothing else in the project changes.
TrainResult trainRun(Project& project, const TrainConfig& cfg, const TrainCallbacks& cb);

// The same run as one rank of a multi-process group (issue 12; dist_group.h). Every rank calls
// it with the same settings. Rank 0 alone writes the project (run row, epochs, checkpoints)
// and needs it open for writing; the others read it (open it read-only) and write only their
// shard of the final outputs under runs/<id>/, which rank 0 merges into exactly the files one
// process writes. The configured batch is the global batch: each rank trains on its strided
// share of it (batch/world samples), batch norm uses the global batch's statistics and the
// gradients are summed over the ranks every step, so N processes train the model one process
// trains with the same settings (learning rate unchanged; see core/train/README.md).
// A rank that dies or hangs makes the others throw Error naming it within the group's
// timeout; rank 0 marks the run failed, and it resumes from its last checkpoint with any
// number of processes.
TrainResult trainRun(Project& project, const TrainConfig& cfg, const TrainCallbacks& cb, DistGroup& group);

}  // namespace winnow::core
