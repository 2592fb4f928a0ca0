#include "core/train/run_record.h"

#include "core/store/database.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/process_tag.h"

namespace winnow::core {

int64_t insertRunRow(Database& db, const TrainConfig& cfg, const std::string& device) {
    auto st = db.prepare(
        "INSERT INTO runs(created_at, state, kind, parent_run, config_json, device, owner)"
        " VALUES(?, 'running', ?, ?, ?, ?, ?)");
    st.bind(1, Project::nowUtc()).bind(2, cfg.kind);
    if (cfg.parentRun > 0) st.bind(3, cfg.parentRun);
    else st.bindNull(3);
    st.bind(4, dumpJson(cfg.toJson())).bind(5, device).bind(6, currentProcessTag()).run();
    return db.lastInsertId();
}

void setRunOutputsDir(Database& db, int64_t runId, const std::string& relDir) {
    db.prepare("UPDATE runs SET outputs_dir=? WHERE id=?").bind(1, relDir).bind(2, runId).run();
}

void recordRunEpoch(Database& db, int64_t runId, int epoch, const nlohmann::json& metrics) {
    db.prepare("INSERT OR REPLACE INTO run_epochs(run_id, epoch, metrics_json) VALUES(?,?,?)")
        .bind(1, runId).bind(2, epoch).bind(3, dumpJson(metrics)).run();
}

std::vector<std::string> runEpochRows(Database& db, int64_t runId) {
    std::vector<std::string> rows;
    auto st = db.prepare("SELECT metrics_json FROM run_epochs WHERE run_id=? ORDER BY epoch");
    st.bind(1, runId);
    while (st.step()) rows.push_back(st.text(0));
    return rows;
}

void finishRunRow(Database& db, int64_t runId, const std::string& state, const std::string& message,
                  const nlohmann::json& summary) {
    auto st = db.prepare(
        "UPDATE runs SET state=?, finished_at=?, message=?, summary_json=?, owner=NULL WHERE id=?");
    st.bind(1, state).bind(2, Project::nowUtc()).bind(3, message);
    if (summary.is_null()) st.bindNull(4);
    else st.bind(4, dumpJson(summary));
    st.bind(5, runId).run();
}

void markRunRunning(Database& db, int64_t runId) {
    auto st = db.prepare("SELECT state, coalesce(owner, '') FROM runs WHERE id=?");
    st.bind(1, runId);
    if (st.step() && st.text(0) == "running" && ownerState(st.text(1)) == OwnerState::Alive)
        throw Error("run " + std::to_string(runId) + " is being trained right now by " + describeOwner(st.text(1)) +
                    "; wait for it to finish or cancel it there before resuming");
    db.prepare("UPDATE runs SET state='running', finished_at=NULL, message=NULL, owner=? WHERE id=?")
        .bind(1, currentProcessTag()).bind(2, runId).run();
}

TrainConfig loadRunConfig(Database& db, int64_t runId) {
    auto st = db.prepare("SELECT config_json FROM runs WHERE id=?");
    st.bind(1, runId);
    if (!st.step()) throw Error("run " + std::to_string(runId) + " does not exist in this project");
    return TrainConfig::fromJson(parseJson(st.text(0), "config of run " + std::to_string(runId)));
}

std::string runOutputsDir(Database& db, int64_t runId) {
    auto st = db.prepare("SELECT coalesce(outputs_dir,'') FROM runs WHERE id=?");
    st.bind(1, runId);
    if (!st.step()) throw Error("run " + std::to_string(runId) + " does not exist in this project");
    return st.text(0);
}

}  // namespace winnow::core
