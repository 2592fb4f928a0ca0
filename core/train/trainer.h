#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/train/train_config.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

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

}  // namespace winnow::core
