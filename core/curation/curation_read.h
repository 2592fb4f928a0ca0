#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/json_text.h"

namespace winnow::core {

class Project;

// Read model of stored curation results (`winnow-cli issues`, the Issues view): the GUI reads
// them through these calls, never through SQL.
struct StoredCuration {
    int64_t id = 0;
    std::string createdAt;
    std::string features;        // thumbnail-grey16 | run:<id>
    int64_t runId = -1;          // -1 for features without a run
    nlohmann::json params;
    nlohmann::json summary;      // counts per issue type, groups, method, recall, warnings
    std::string resultDir;       // relative to the cache folder; empty if the arrays were not written
};

struct StoredCurationIssue {
    int64_t sampleId = 0;
    std::string issue;
    int64_t group = -1;          // duplicate group within the result, -1 for other issues
    double score = 0;
};

// All stored results, newest first.
std::vector<StoredCuration> listCurations(Project& project);
// The newest stored result, if any.
std::optional<StoredCuration> latestCuration(Project& project);
// The issues of one result, ordered by issue type then score (high first) then sample id;
// `issue` empty = every type.
std::vector<StoredCurationIssue> curationIssues(Project& project, int64_t resultId,
                                                const std::string& issue = {});
// Issue type -> number of flagged samples in one result (types with none are absent).
std::vector<std::pair<std::string, int64_t>> curationIssueCounts(Project& project, int64_t resultId);

}  // namespace winnow::core
