#include "core/curation/curation_read.h"

#include "core/store/project.h"

namespace winnow::core {
namespace {

StoredCuration readRow(const Statement& q) {
    StoredCuration c;
    c.id = q.int64(0);
    c.createdAt = q.text(1);
    c.features = q.text(2);
    c.runId = q.isNull(3) ? -1 : q.int64(3);
    c.params = parseJsonOrNull(q.text(4));
    c.summary = parseJsonOrNull(q.text(5));
    c.resultDir = q.isNull(6) ? std::string() : q.text(6);
    return c;
}

constexpr const char* kColumns =
    "SELECT id, created_at, features, run_id, params_json, summary_json, result_dir FROM curation_results ";

}  // namespace

std::vector<StoredCuration> listCurations(Project& project) {
    auto q = project.db().prepare(std::string(kColumns) + "ORDER BY id DESC");
    std::vector<StoredCuration> out;
    while (q.step()) out.push_back(readRow(q));
    return out;
}

std::optional<StoredCuration> latestCuration(Project& project) {
    auto q = project.db().prepare(std::string(kColumns) + "ORDER BY id DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
    return readRow(q);
}

std::vector<StoredCurationIssue> curationIssues(Project& project, int64_t resultId, const std::string& issue) {
    auto q = project.db().prepare(
        "SELECT sample_id, issue, group_id, score FROM curation_issues WHERE result_id=? AND (?='' OR issue=?) "
        "ORDER BY issue, score DESC, sample_id");
    q.bind(1, resultId).bind(2, issue).bind(3, issue);
    std::vector<StoredCurationIssue> out;
    while (q.step())
        out.push_back({q.int64(0), q.text(1), q.isNull(2) ? int64_t(-1) : q.int64(2), q.isNull(3) ? 0.0 : q.real(3)});
    return out;
}

std::vector<std::pair<std::string, int64_t>> curationIssueCounts(Project& project, int64_t resultId) {
    auto q = project.db().prepare(
        "SELECT issue, count(*) FROM curation_issues WHERE result_id=? GROUP BY issue ORDER BY issue");
    q.bind(1, resultId);
    std::vector<std::pair<std::string, int64_t>> out;
    while (q.step()) out.emplace_back(q.text(0), q.int64(1));
    return out;
}

}  // namespace winnow::core
