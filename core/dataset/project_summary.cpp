#include "core/dataset/project_summary.h"

#include "core/store/project.h"

namespace winnow::core {

ProjectSummary readProjectSummary(Project& project, int64_t maxIssues) {
    auto& db = project.db();
    ProjectSummary s;
    s.samples = db.queryInt64("SELECT count(*) FROM samples");
    s.unreadable = db.queryInt64("SELECT count(*) FROM samples WHERE status=1");
    s.trusted = db.queryInt64("SELECT count(*) FROM samples WHERE trusted<>0");
    s.unlabelled = db.queryInt64("SELECT count(*) FROM samples WHERE label IS NULL");

    auto st = db.prepare("SELECT split, count(*) FROM samples GROUP BY split");
    while (st.step()) s.splits[st.int32(0)] = st.int64(1);

    auto cs = db.prepare(
        "SELECT c.idx, c.name, s.split, count(s.id) FROM classes c"
        " LEFT JOIN samples s ON s.label=c.id GROUP BY c.id, s.split ORDER BY c.idx");
    while (cs.step()) {
        if (s.classes.empty() || s.classes.back().idx != cs.int32(0)) {
            s.classes.emplace_back();
            s.classes.back().idx = cs.int32(0);
            s.classes.back().name = cs.text(1);
        }
        ClassSummary& row = s.classes.back();
        if (!cs.isNull(2) && cs.int32(2) >= 0 && cs.int32(2) < 3) row.split[cs.int32(2)] = cs.int64(3);
    }

    auto is = db.prepare(
        "SELECT id, format, source, started_at, coalesce(finished_at,''), state, n_imported, n_issues"
        " FROM imports ORDER BY id");
    while (is.step())
        s.imports.push_back({is.int64(0), is.text(1), is.text(2), is.text(3), is.text(4), is.text(5),
                             is.int64(6), is.int64(7)});

    s.issueCount = db.queryInt64("SELECT count(*) FROM import_issues");
    auto iq = db.prepare("SELECT import_id, path, line, reason FROM import_issues ORDER BY id LIMIT ?");
    iq.bind(1, maxIssues);
    while (iq.step()) s.issues.push_back({iq.int64(0), iq.text(1), iq.optInt64(2), iq.text(3)});
    return s;
}

}  // namespace winnow::core
