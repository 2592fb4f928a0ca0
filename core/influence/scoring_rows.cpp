#include "core/influence/scoring_rows.h"

#include "core/store/project.h"

namespace winnow::core {

namespace {

constexpr const char* kScoringColumns =
    "SELECT id, run_id, detector, created_at, coalesce(params_json,'{}'), coalesce(result_file,'')"
    " FROM scorings";

ScoringRow rowOf(const Statement& st) {
    return {st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

std::vector<ScoringRow> rows(Statement& st) {
    std::vector<ScoringRow> out;
    while (st.step()) out.push_back(rowOf(st));
    return out;
}

}  // namespace

std::optional<ScoringRow> scoringWithResult(Project& project, int64_t scoringId) {
    auto st = project.db().prepare(std::string(kScoringColumns) + " WHERE id=? AND result_file IS NOT NULL");
    st.bind(1, scoringId);
    if (!st.step()) return std::nullopt;
    return rowOf(st);
}

std::optional<ScoringRow> newestScoringWithResult(Project& project) {
    auto st = project.db().prepare(std::string(kScoringColumns) +
                                   " WHERE result_file IS NOT NULL ORDER BY id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return rowOf(st);
}

std::vector<ScoringRow> scoringsWithResultOfRun(Project& project, int64_t runId) {
    auto st = project.db().prepare(std::string(kScoringColumns) +
                                   " WHERE run_id=? AND result_file IS NOT NULL ORDER BY id");
    st.bind(1, runId);
    return rows(st);
}

std::vector<ScoringRow> newestScoringPerDetector(Project& project, int64_t runId) {
    auto st = project.db().prepare(std::string(kScoringColumns) +
                                   " WHERE id IN (SELECT max(id) FROM scorings WHERE run_id=? GROUP BY detector)"
                                   " ORDER BY id");
    st.bind(1, runId);
    return rows(st);
}

}  // namespace winnow::core
