#include "widgets/curation/issues_snapshot.h"

#include <map>

#include "core/store/project.h"

namespace winnow::widgets {

namespace {
// The label-conflict types a self-test can judge: a flagged sample should be a mislabelled one.
bool selfTestType(const std::string& t) { return t == "neighbour-label-conflict" || t == "duplicate-label-conflict"; }
}  // namespace

IssuesSnapshot loadIssuesSnapshot(const std::filesystem::path& projectFile) {
    IssuesSnapshot s;
    if (projectFile.empty()) return s;
    try {
        auto p = core::Project::openReadOnly(projectFile);
        s.result = core::latestCuration(*p);
        if (!s.result) return s;
        try {
            s.arrays = std::make_shared<const core::CurationArrays>(core::loadCurationArrays(*p, *s.result));
        } catch (const std::exception& e) {
            s.arraysError = QString::fromUtf8(e.what());
        }
        std::map<int64_t, std::vector<int64_t>> groups;
        for (const auto& is : core::curationIssues(*p, s.result->id, "exact-duplicate"))
            groups[is.group].push_back(is.sampleId);
        for (auto& [g, ids] : groups) s.exactGroups.push_back(std::move(ids));
        for (const auto& [type, count] : core::curationIssueCounts(*p, s.result->id)) {
            IssuesSnapshot::TypeRow row{type, count, std::nullopt};
            if (selfTestType(type)) {
                const auto st = core::curationSelfTest(*p, *s.result, type, s.arrays.get());
                if (st.available) row.selfTest = st;
            }
            s.types.push_back(std::move(row));
        }
    } catch (const std::exception& e) {
        s.arraysError = QString::fromUtf8(e.what());
    }
    return s;
}

}  // namespace winnow::widgets
