#include "core/train/run_rows.h"

#include "core/store/project.h"
#include "core/util/process_tag.h"

namespace winnow::core {

namespace {

constexpr const char* kRunColumns =
    "SELECT r.id, r.created_at, r.state, r.kind, r.config_json, coalesce(r.summary_json,''),"
    " coalesce(r.message,''), coalesce(r.parent_run,0),"
    " coalesce((SELECT CAST(m.value AS INTEGER) FROM meta m WHERE m.key = 'run_label_version.' || r.id),"
    "          (SELECT max(v.id) FROM label_versions v WHERE v.created_at <= r.created_at), 1),"
    " coalesce(r.owner,''),"
    " (SELECT count(*) FROM run_epochs e WHERE e.run_id = r.id),"
    " coalesce((SELECT e.metrics_json FROM run_epochs e WHERE e.run_id = r.id ORDER BY e.epoch DESC LIMIT 1),'')"
    " FROM runs r";

RunRow rowOf(const Statement& st) {
    RunRow r;
    r.id = st.int64(0);
    r.createdAt = st.text(1);
    r.state = st.text(2);
    r.kind = st.text(3);
    r.configJson = st.text(4);
    r.summaryJson = st.text(5);
    r.message = st.text(6);
    r.parentRun = st.int64(7);
    r.labelVersion = st.int64(8);
    r.owner = st.text(9);
    r.epochsDone = st.int64(10);
    r.lastEpochJson = st.text(11);
    return r;
}

}  // namespace

bool runsElsewhere(const RunRow& run) {
    return run.state == "running" && !run.owner.empty() && !isThisProcessOrChild(run.owner);
}

std::vector<RunRow> listRunRows(Project& project) {
    auto st = project.db().prepare(std::string(kRunColumns) + " ORDER BY r.id");
    std::vector<RunRow> out;
    while (st.step()) out.push_back(rowOf(st));
    return out;
}

std::optional<RunRow> findRunRow(Project& project, int64_t runId) {
    auto st = project.db().prepare(std::string(kRunColumns) + " WHERE r.id=?");
    st.bind(1, runId);
    if (!st.step()) return std::nullopt;
    return rowOf(st);
}

int64_t newestRunWithOutputs(Project& project) {
    return project.db().queryInt64(
        "SELECT id FROM runs WHERE state='done' AND outputs_dir IS NOT NULL ORDER BY id DESC LIMIT 1", 0);
}

std::optional<std::string> runOutputsFolder(Project& project, int64_t runId) {
    auto st = project.db().prepare("SELECT outputs_dir FROM runs WHERE id=? AND outputs_dir IS NOT NULL");
    st.bind(1, runId);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

}  // namespace winnow::core
