#pragma once
// Internal to core/train (no torch types): how the eval passes (evaluateRows in
// train_engine.h) split their batches into forward passes (issue 12).
#include <cstdint>

#include "core/train/train_config.h"

namespace winnow::core {

// Rows (clips for clip projects) per forward pass of evaluateRows: the loader's batch of
// cfg.evalBatchSize rows is forwarded in pieces of at most the training batch, whose buffers
// stay on the heap (cpu_tuning.h), instead of at once.
int64_t evalForwardRows(const TrainConfig& cfg);

// Process-wide instrumentation (tests): the most input frames one eval forward pass took since
// the last reset.
int64_t evalForwardPeakFrames();
void resetEvalForwardPeak();

}  // namespace winnow::core
