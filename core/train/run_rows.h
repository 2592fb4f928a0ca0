#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// Read model of the runs lists (training panel, "Compare runs", review data): the stored
// `runs` row of each training run as text, for views to show. Reads only.
struct RunRow {
    int64_t id = 0;
    std::string createdAt, state, kind;
    std::string configJson;   // as stored
    std::string summaryJson;  // "" when the run has no summary
    std::string message;      // "" when none
    int64_t parentRun = 0;    // 0 when none
    // The label version the run trained on: the one a retrain recorded in meta
    // ("run_label_version.<id>"), else the newest created no later than the run (times have
    // one-second resolution, so a version made in the run's own second counts), else 1.
    int64_t labelVersion = 1;
    // The process training it while state is "running" ("host;pid;start", core/util/
    // process_tag.h); "" when none is recorded.
    std::string owner;
    // Progress as the trainer records it: one run_epochs row per finished epoch.
    int64_t epochsDone = 0;
    std::string lastEpochJson;  // the newest epoch's metrics, "" before the first
};

// A run in progress that another program trains (the CLI, torchrun's rank 0, a Slurm job):
// state "running" and an owner that is neither this process nor one it started.
bool runsElsewhere(const RunRow& run);

// Every run, ascending id.
std::vector<RunRow> listRunRows(Project& project);
// One run; nullopt when it does not exist.
std::optional<RunRow> findRunRow(Project& project, int64_t runId);
// The newest finished run that wrote outputs (any kind), 0 when there is none.
int64_t newestRunWithOutputs(Project& project);
// The outputs folder of a run relative to the cache folder; nullopt when the run does not
// exist or wrote none.
std::optional<std::string> runOutputsFolder(Project& project, int64_t runId);

}  // namespace winnow::core
