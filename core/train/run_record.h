#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/train_config.h"
#include "core/util/json_text.h"

namespace winnow::core {

class Database;

// The `runs` / `run_epochs` rows of a training run (migration 002). Each call is its own
// short statement so a crash mid-run leaves at most a 'running' row, never a torn project.
int64_t insertRunRow(Database& db, const TrainConfig& cfg, const std::string& device);
void setRunOutputsDir(Database& db, int64_t runId, const std::string& relDir);
void recordRunEpoch(Database& db, int64_t runId, int epoch, const nlohmann::json& metrics);
// state: done | cancelled | failed; summary may be null.
void finishRunRow(Database& db, int64_t runId, const std::string& state, const std::string& message,
                  const nlohmann::json& summary);
void markRunRunning(Database& db, int64_t runId);
// Stored config of a run; throws Error when the run does not exist.
TrainConfig loadRunConfig(Database& db, int64_t runId);
std::string runOutputsDir(Database& db, int64_t runId);
// The stored metrics rows (JSON text) of a run, by epoch; empty for an unknown run.
std::vector<std::string> runEpochRows(Database& db, int64_t runId);

}  // namespace winnow::core
