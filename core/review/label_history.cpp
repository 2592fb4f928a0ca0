#include "core/review/label_history.h"

#include "core/store/project.h"

namespace winnow::core {

std::vector<LabelChangeRow> labelHistory(Project& project, int64_t sampleId) {
    auto st = project.db().prepare(
        "SELECT v.name, v.created_at, coalesce(co.name,''), coalesce(cn.name,''), lc.action"
        " FROM label_changes lc JOIN label_versions v ON v.id=lc.version_id"
        " LEFT JOIN classes co ON co.id=lc.old_label LEFT JOIN classes cn ON cn.id=lc.new_label"
        " WHERE lc.sample_id=? ORDER BY v.id");
    st.bind(1, sampleId);
    std::vector<LabelChangeRow> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    return out;
}

}  // namespace winnow::core
