#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/retrieval/retrieval_store.h"

namespace winnow::core {

class Database;
class Project;

// Tables and exports of stored retrieval evaluations. Every file goes through
// Project::createExportFile (a protected path of the project is refused; the file appears
// only when complete); CSV fields through csvField; numbers without the locale.

// Two or more models side by side: per caption set, the latest completed run of each encoder
// is a column; rows are (direction, attack, seed) with the mean over seeds as seed = none.
struct ComparisonTable {
    struct Column {
        int64_t runId = 0;
        int64_t setId = 0;
        EncoderRecord encoder;
    };
    struct Row {
        int64_t setId = 0;
        std::string setName;
        std::string direction;
        std::string attack;
        std::optional<int64_t> seed;
        std::vector<std::optional<RetrievalResultRow>> cells;  // one per column (of any set)
    };
    std::vector<Column> columns;
    std::vector<Row> rows;
};
ComparisonTable compareRetrievalRuns(Database& db);
// The same for the given runs, one column each in this order (two models or two seeds side by
// side in the failure browser). Throws Error for a run that does not exist.
ComparisonTable compareRetrievalRuns(Database& db, const std::vector<int64_t>& runIds);

// "sha256:…" from the preprocessing's canonical text ("merges-sha256=…"), or "not recorded".
std::string tokenizerText(const std::string& preprocessing);

// CSV, one row per stored result (every run, per set / encoder / attack / direction / seed,
// the means over seeds included): metrics, drop, model identity, preprocessing, seeds,
// pairing, images used/excluded, the run's status, the normalisation and the ties rule.
// Returns the number of rows written.
int64_t exportRetrievalTable(Project& project, const std::filesystem::path& out);

// CSV of the failures of one run (runId 0: the latest completed run), sorted by margin:
// attack, direction, seed, query, ground truth, winning (top-1) item, scores, the best attack
// item, margin, failure kinds, ranks, swapped words, model identity and the ties rule.
// Returns the number of failures written. Throws Error when there is no such run.
int64_t exportRetrievalFailures(Project& project, const std::filesystem::path& out, int64_t runId = 0);

// A self-contained HTML report of every completed run (or only runId): model identity
// (SHA-256), tokenizer, preprocessing, normalisation, seeds, λ, pairing, the ties rule beside
// the tables, clean-vs-attacked R@1 charts, models side by side, leaderboards and the top
// failures. Returns the number of runs in it.
int64_t writeRetrievalReport(Project& project, const std::filesystem::path& out, int64_t runId = 0);

// The latest completed run of the project (0 when none).
int64_t latestCompletedRun(Database& db);

}  // namespace winnow::core
