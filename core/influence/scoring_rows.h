#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// Read model of the views that open a stored scoring (review, clip frames, "Compare runs",
// retrain): the `scorings` row as stored. Reads only. See scoring_catalog.h for the lists the
// GUI offers to score and sort by.
struct ScoringRow {
    int64_t id = 0;
    int64_t runId = 0;
    std::string detector;
    std::string createdAt;
    std::string paramsJson;  // "{}" when not stored
    std::string resultFile;  // relative to the cache folder; "" while it has no result
};

// A scoring with a result file; nullopt when it does not exist or has no result.
std::optional<ScoringRow> scoringWithResult(Project& project, int64_t scoringId);
// The newest scoring with a result file; nullopt when there is none.
std::optional<ScoringRow> newestScoringWithResult(Project& project);
// The scorings of one run that have a result file, ascending id.
std::vector<ScoringRow> scoringsWithResultOfRun(Project& project, int64_t runId);
// Each detector's newest scoring of one run (with or without a result), ascending id.
std::vector<ScoringRow> newestScoringPerDetector(Project& project, int64_t runId);

}  // namespace winnow::core
