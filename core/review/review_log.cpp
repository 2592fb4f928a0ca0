#include "core/review/review_log.h"

#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

constexpr const char* kSelect =
    "SELECT d.id, d.created_at, d.reviewer, d.sample_id, d.action, coalesce(o.idx,-1),"
    " coalesce(n.idx,-1), coalesce(d.detector,''), coalesce(d.score,0), coalesce(d.posterior,0),"
    " coalesce(d.run_id,0), coalesce(d.reverts,0), coalesce(d.step_id,0) FROM review_decisions d"
    " LEFT JOIN classes o ON o.id=d.old_label LEFT JOIN classes n ON n.id=d.new_label ";

Decision fromRow(Statement& st) {
    Decision d;
    d.id = st.int64(0);
    d.createdAt = st.text(1);
    d.reviewer = st.text(2);
    d.sampleId = st.int64(3);
    std::string action = st.text(4);
    d.isUndo = action == "undo";
    d.action = parseReviewAction(action).value_or(ReviewAction::Keep);
    d.oldLabel = st.int32(5);
    d.newLabel = st.int32(6);
    d.detector = st.text(7);
    d.score = st.real(8);
    d.posterior = st.real(9);
    d.runId = st.int64(10);
    d.reverts = st.int64(11);
    d.stepId = st.int64(12);
    return d;
}

}  // namespace

ReviewLog::ReviewLog(Project& project) : m_project(project) {
    // An acknowledged decision must survive power loss too, not only a process kill.
    m_project.db().exec("PRAGMA synchronous=FULL");
}

void ReviewLog::applyTrustFlag(const Decision& d, bool reverting) {
    if (d.action != ReviewAction::Trust && d.action != ReviewAction::Untrust) return;
    bool trusted = (d.action == ReviewAction::Trust) != reverting;
    auto st = m_project.db().prepare("UPDATE samples SET trusted=? WHERE id=?");
    st.bind(1, trusted ? 1 : 0).bind(2, d.sampleId).run();
}

void insertReviewDecision(Database& db, Decision& d, int64_t stepId) {
    if (d.action == ReviewAction::Relabel && d.newLabel < 0)
        throw Error("a relabel decision needs a new label");
    auto exists = db.prepare("SELECT 1 FROM samples WHERE id=?");
    exists.bind(1, d.sampleId);
    if (!exists.step()) throw Error("sample " + std::to_string(d.sampleId) + " does not exist");
    d.createdAt = Project::nowUtc();
    auto st = db.prepare(
        "INSERT INTO review_decisions(created_at, reviewer, sample_id, action, old_label,"
        " new_label, detector, score, posterior, run_id, step_id) VALUES(?,?,?,?,"
        " (SELECT id FROM classes WHERE idx=?), (SELECT id FROM classes WHERE idx=?),"
        " nullif(?,''), ?, ?, nullif(?,0), nullif(?,0))");
    st.bind(1, d.createdAt).bind(2, d.reviewer).bind(3, d.sampleId);
    st.bind(4, reviewActionName(d.action)).bind(5, d.oldLabel).bind(6, d.newLabel);
    st.bind(7, d.detector).bind(8, d.score).bind(9, d.posterior).bind(10, d.runId).bind(11, stepId);
    st.run();
    d.id = db.lastInsertId();
    d.stepId = stepId;
    d.isUndo = false;
    d.reverts = 0;
}

void insertReviewUndo(Database& db, const Decision& target, const std::string& reviewer, int64_t stepId) {
    auto st = db.prepare(
        "INSERT INTO review_decisions(created_at, reviewer, sample_id, action, reverts, step_id)"
        " VALUES(?,?,?,'undo',?,nullif(?,0))");
    st.bind(1, Project::nowUtc()).bind(2, reviewer).bind(3, target.sampleId).bind(4, target.id).bind(5, stepId);
    st.run();
}

Decision ReviewLog::record(Decision d) {
    auto& db = m_project.db();
    if (d.action == ReviewAction::Relabel && d.newLabel < 0)
        throw Error("a relabel decision needs a new label");
    Transaction tx(db);
    insertReviewDecision(db, d);
    applyTrustFlag(d, false);
    tx.commit();
    m_undo.push_back(d.id);
    m_redo.clear();
    return d;
}

std::optional<Decision> ReviewLog::undo(const std::string& reviewer) {
    if (m_undo.empty()) return std::nullopt;
    auto& db = m_project.db();
    Decision target = load(m_undo.back());
    Transaction tx(db);
    insertReviewUndo(db, target, reviewer);
    applyTrustFlag(target, true);
    tx.commit();
    m_undo.pop_back();
    m_redo.push_back(target);
    return target;
}

std::optional<Decision> ReviewLog::redo(const std::string& reviewer) {
    if (m_redo.empty()) return std::nullopt;
    Decision again = m_redo.back();
    again.reviewer = reviewer;
    std::vector<Decision> rest(m_redo.begin(), m_redo.end() - 1);
    Decision recorded = record(again);  // clears m_redo
    m_redo = std::move(rest);
    return recorded;
}

Decision ReviewLog::load(int64_t id) {
    auto st = m_project.db().prepare(std::string(kSelect) + "WHERE d.id=?");
    st.bind(1, id);
    if (!st.step()) throw Error("review decision " + std::to_string(id) + " not found");
    return fromRow(st);
}

std::optional<Decision> ReviewLog::effective(int64_t sampleId) {
    auto st = m_project.db().prepare(
        std::string(kSelect) +
        "WHERE d.sample_id=? AND d.action NOT IN ('undo','trust','untrust') AND NOT EXISTS"
        " (SELECT 1 FROM review_decisions u WHERE u.reverts=d.id) ORDER BY d.id DESC LIMIT 1");
    st.bind(1, sampleId);
    if (!st.step()) return std::nullopt;
    return fromRow(st);
}

std::map<int64_t, Decision> ReviewLog::effectiveAll() {
    std::map<int64_t, Decision> out;
    auto st = m_project.db().prepare(
        std::string(kSelect) +
        "WHERE d.action NOT IN ('undo','trust','untrust') AND NOT EXISTS"
        " (SELECT 1 FROM review_decisions u WHERE u.reverts=d.id) ORDER BY d.id");
    while (st.step()) {
        Decision d = fromRow(st);
        out[d.sampleId] = d;  // later rows win
    }
    return out;
}

std::vector<Decision> ReviewLog::history(int64_t sampleId) {
    std::vector<Decision> out;
    auto st = m_project.db().prepare(std::string(kSelect) + "WHERE d.sample_id=? ORDER BY d.id");
    st.bind(1, sampleId);
    while (st.step()) out.push_back(fromRow(st));
    return out;
}

std::vector<Decision> ReviewLog::ofStep(int64_t stepId) {
    std::vector<Decision> out;
    auto st = m_project.db().prepare(std::string(kSelect) + "WHERE d.step_id=? ORDER BY d.id");
    st.bind(1, stepId);
    while (st.step()) out.push_back(fromRow(st));
    return out;
}

int64_t ReviewLog::reviewedCount() { return int64_t(effectiveAll().size()); }

}  // namespace winnow::core
