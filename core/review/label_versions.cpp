#include "core/review/label_versions.h"

#include <map>

#include "core/review/review_log.h"
#include "core/store/project.h"

namespace winnow::core {

int64_t currentLabelVersion(Project& project) {
    return std::stoll(project.meta("current_label_version", "1"));
}

namespace {

struct Change {
    int64_t sample;
    int oldLabel, newLabel;
    const char* action;
};

// The label changes the effective decisions ask for, against the current labels.
std::vector<Change> pendingChanges(Project& project, const std::map<int64_t, Decision>& decisions,
                                   ApplyResult& r) {
    auto& db = project.db();
    auto cur = db.prepare(
        "SELECT coalesce(c.idx,-1), s.excluded FROM samples s LEFT JOIN classes c ON c.id=s.label"
        " WHERE s.id=?");
    std::vector<Change> changes;
    for (const auto& [sample, d] : decisions) {
        cur.bind(1, sample);
        if (!cur.step()) {
            cur.reset();
            continue;
        }
        int label = cur.int32(0);
        bool excluded = cur.int32(1) != 0;
        cur.reset();
        if (d.action == ReviewAction::Relabel && d.newLabel != label) {
            changes.push_back({sample, label, d.newLabel, "relabel"});
            ++r.relabelled;
        } else if (d.action == ReviewAction::Exclude && !excluded) {
            changes.push_back({sample, label, label, "exclude"});
            ++r.excluded;
        } else if ((d.action == ReviewAction::Keep || d.action == ReviewAction::Relabel) &&
                   excluded) {
            changes.push_back({sample, label, label, "include"});
            ++r.included;
        }
    }
    return changes;
}

}  // namespace

ApplyResult pendingReviewDecisions(Project& project) {
    ApplyResult r;
    ReviewLog log(project);
    pendingChanges(project, log.effectiveAll(), r);
    return r;
}

ApplyResult applyReviewDecisions(Project& project, const std::string& name,
                                 const std::string& note) {
    auto& db = project.db();
    ApplyResult r;
    ReviewLog log(project);
    const auto decisions = log.effectiveAll();
    Transaction tx(db);
    const std::vector<Change> changes = pendingChanges(project, decisions, r);
    if (changes.empty()) return r;  // rolls back the empty transaction
    int64_t parent = currentLabelVersion(project);
    auto ver = db.prepare(
        "INSERT INTO label_versions(parent_id, name, created_at, note) VALUES(?,?,?,?)");
    ver.bind(1, parent).bind(2, name).bind(3, Project::nowUtc()).bind(4, note).run();
    r.versionId = db.lastInsertId();
    auto ins = db.prepare(
        "INSERT INTO label_changes(version_id, sample_id, old_label, new_label, action)"
        " VALUES(?,?,(SELECT id FROM classes WHERE idx=?),(SELECT id FROM classes WHERE idx=?),?)");
    auto setLabel = db.prepare("UPDATE samples SET label=(SELECT id FROM classes WHERE idx=?) WHERE id=?");
    auto setExcluded = db.prepare("UPDATE samples SET excluded=? WHERE id=?");
    for (const auto& c : changes) {
        ins.bind(1, r.versionId).bind(2, c.sample).bind(3, c.oldLabel).bind(4, c.newLabel);
        ins.bind(5, c.action).run();
        if (std::string(c.action) == "relabel") setLabel.bind(1, c.newLabel).bind(2, c.sample).run();
        if (std::string(c.action) == "exclude") setExcluded.bind(1, 1).bind(2, c.sample).run();
        if (std::string(c.action) == "include") setExcluded.bind(1, 0).bind(2, c.sample).run();
    }
    project.setMeta("current_label_version", std::to_string(r.versionId));
    tx.commit();
    return r;
}

std::vector<int32_t> labelsAtVersion(Project& project, int64_t version) {
    auto& db = project.db();
    std::vector<int64_t> ids;
    std::vector<int32_t> labels;
    std::map<int64_t, size_t> row;
    auto st = db.prepare(
        "SELECT s.id, coalesce(c.idx,-1) FROM samples s LEFT JOIN classes c ON c.id=s.label"
        " ORDER BY s.id");
    while (st.step()) {
        row[st.int64(0)] = ids.size();
        ids.push_back(st.int64(0));
        labels.push_back(st.int32(1));
    }
    // Undo every label change made after `version`, newest first.
    auto ch = db.prepare(
        "SELECT l.sample_id, coalesce(o.idx,-1) FROM label_changes l"
        " LEFT JOIN classes o ON o.id=l.old_label WHERE l.version_id>? AND l.action IN"
        " ('relabel','noise') ORDER BY l.version_id DESC");
    ch.bind(1, version);
    while (ch.step()) {
        auto it = row.find(ch.int64(0));
        if (it != row.end()) labels[it->second] = ch.int32(1);
    }
    return labels;
}

}  // namespace winnow::core
