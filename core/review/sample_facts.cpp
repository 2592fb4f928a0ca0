#include "core/review/sample_facts.h"

#include <algorithm>

#include "core/review/review_log.h"
#include "core/store/project.h"

namespace winnow::core {

SampleReviewFacts loadSampleReviewFacts(Project& project) {
    SampleReviewFacts f;
    auto st = project.db().prepare("SELECT id, path, excluded FROM samples ORDER BY id");
    while (st.step()) {
        f.ids.push_back(st.int64(0));
        std::string path = st.text(1);
        const size_t slash = path.find_last_of('/');
        if (slash != std::string::npos) path.erase(0, slash + 1);
        f.fileNames.push_back(std::move(path));
        f.excluded.push_back(int8_t(st.int64(2) != 0));
    }
    f.decision.assign(f.ids.size(), -1);
    for (const auto& [id, d] : ReviewLog(project).effectiveAll()) {
        const auto it = std::lower_bound(f.ids.begin(), f.ids.end(), id);
        if (it != f.ids.end() && *it == id) f.decision[size_t(it - f.ids.begin())] = int8_t(d.action);
    }
    return f;
}

}  // namespace winnow::core
