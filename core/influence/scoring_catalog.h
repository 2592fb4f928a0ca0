#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// What the GUI offers to score and to sort by (issue 16): the runs with outputs, the stored
// scorings, and one number per sample from either, so no SQL lives outside core.
struct ScorableRun {
    int64_t id = 0;
    std::string kind;       // train | cross-val | post-train
    std::string model;      // from the stored config ("" when unreadable)
    std::string createdAt;
};

struct StoredScoring {
    int64_t id = 0;
    int64_t runId = 0;
    std::string detector;
    std::string createdAt;
    int64_t flagged = -1;   // from the summary; -1 when not recorded
};

// Finished runs whose outputs were written, newest first.
std::vector<ScorableRun> scorableRuns(Project& project);
// Scorings with a result file, newest first.
std::vector<StoredScoring> storedScorings(Project& project);

// One value per sample, sorted by sample id; samples the source did not cover are absent.
struct SampleColumn {
    std::vector<int64_t> ids;
    std::vector<float> values;
    std::vector<uint8_t> flagged;  // scorings: the detector's flag; runs: all 0
};

// A scoring's score per scored sample (higher = more likely mislabelled) and its flags.
// Throws Error naming the scoring when it or its result file is missing.
SampleColumn scoringColumn(Project& project, int64_t scoringId);
// A run's per-sample loss from its outputs (every readable sample of every split).
SampleColumn runLossColumn(Project& project, int64_t runId);

}  // namespace winnow::core
