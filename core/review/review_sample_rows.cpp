#include "core/review/review_sample_rows.h"

#include "core/store/project.h"

namespace winnow::core {

std::vector<int64_t> trustedSampleIds(Project& project) {
    auto st = project.db().prepare("SELECT id FROM samples WHERE trusted<>0 ORDER BY id");
    std::vector<int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    return ids;
}

bool isSampleTrusted(Project& project, int64_t sampleId) {
    auto st = project.db().prepare("SELECT trusted FROM samples WHERE id=?");
    st.bind(1, sampleId);
    return st.step() && st.int64(0) != 0;
}

std::optional<ClipSpan> clipSpanOf(Project& project, int64_t sampleId) {
    auto st = project.db().prepare(
        "SELECT path, frame_start, frame_end FROM samples WHERE id=? AND media_kind=2 AND status=0");
    st.bind(1, sampleId);
    if (!st.step()) return std::nullopt;
    return ClipSpan{st.text(0), st.int64(1), st.int64(2)};
}

}  // namespace winnow::core
