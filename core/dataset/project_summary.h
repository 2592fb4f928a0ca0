#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// Read model of `winnow-cli info`: what a project holds (classes x splits), its imports and
// the first import problems. Reads only.
struct ClassSummary {
    int idx = 0;
    std::string name;
    int64_t split[3] = {0, 0, 0};  // samples labelled with this class in train / val / test
    int64_t total() const { return split[0] + split[1] + split[2]; }
};

struct ImportSummary {
    int64_t id = 0;
    std::string format, source, startedAt, finishedAt, state;  // finishedAt "" while unfinished
    int64_t imported = 0, issues = 0;
};

struct ImportIssueRow {
    int64_t importId = 0;
    std::string path;
    std::optional<int64_t> line;  // CSV line when the issue has one
    std::string reason;
};

struct ProjectSummary {
    int64_t samples = 0, unreadable = 0, trusted = 0, unlabelled = 0;
    std::map<int, int64_t> splits;       // stored split value -> samples (only splits that occur)
    std::vector<ClassSummary> classes;   // by class index
    std::vector<ImportSummary> imports;  // by id
    int64_t issueCount = 0;              // every import issue
    std::vector<ImportIssueRow> issues;  // the first `maxIssues`, by id
};

ProjectSummary readProjectSummary(Project& project, int64_t maxIssues);

}  // namespace winnow::core
