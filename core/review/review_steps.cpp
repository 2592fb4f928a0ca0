#include "core/review/review_steps.h"

#include <algorithm>

#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/csv.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

constexpr const char* kSelect =
    "SELECT s.id, s.created_at, s.reviewer, s.action, coalesce(s.curation_result,0),"
    " coalesce(s.group_id,-1), coalesce(s.keeper,0), coalesce(s.reverts,0),"
    " EXISTS (SELECT 1 FROM review_steps u WHERE u.reverts=s.id) FROM review_steps s ";

ReviewStep fromRow(Statement& st) {
    ReviewStep s;
    s.id = st.int64(0);
    s.createdAt = st.text(1);
    s.reviewer = st.text(2);
    s.action = st.text(3);
    s.curationResult = st.int64(4);
    s.groupId = st.int64(5);
    s.keeper = st.int64(6);
    s.reverts = st.int64(7);
    s.undone = st.int64(8) != 0;
    return s;
}

// Members and (non-undo) decisions of a loaded step.
void fillDetails(Project& project, ReviewStep& s) {
    auto m = project.db().prepare("SELECT sample_id FROM review_step_members WHERE step_id=? ORDER BY sample_id");
    m.bind(1, s.id);
    while (m.step()) s.members.push_back(m.int64(0));
    m.reset();
    for (const Decision& d : ReviewLog(project).ofStep(s.id))
        if (!d.isUndo) s.decisions.push_back(d);
}

int64_t insertStep(Database& db, const ReviewStep& s) {
    auto st = db.prepare(
        "INSERT INTO review_steps(created_at, reviewer, action, curation_result, group_id, keeper, reverts)"
        " VALUES(?,?,?,nullif(?,0),nullif(?,-1),nullif(?,0),nullif(?,0))");
    st.bind(1, s.createdAt).bind(2, s.reviewer).bind(3, s.action).bind(4, s.curationResult);
    st.bind(5, s.groupId).bind(6, s.keeper).bind(7, s.reverts);
    st.run();
    return db.lastInsertId();
}

}  // namespace

ReviewStepLog::ReviewStepLog(Project& project) : m_project(project) {
    m_project.db().exec("PRAGMA synchronous=FULL");
}

ReviewStep ReviewStepLog::record(ReviewStep step) {
    auto& db = m_project.db();
    if (step.action.empty() || step.action == "undo") throw Error("a review step needs an action");
    std::sort(step.members.begin(), step.members.end());
    step.members.erase(std::unique(step.members.begin(), step.members.end()), step.members.end());
    for (const Decision& d : step.decisions) {
        if (d.action == ReviewAction::Trust || d.action == ReviewAction::Untrust)
            throw Error("a review step holds label decisions only");
        if (!std::binary_search(step.members.begin(), step.members.end(), d.sampleId))
            throw Error("sample " + std::to_string(d.sampleId) + " is not a member of the review step");
    }
    Transaction tx(db);
    step.createdAt = Project::nowUtc();
    step.reverts = 0;
    step.undone = false;
    step.id = insertStep(db, step);
    auto member = db.prepare("INSERT INTO review_step_members(step_id, sample_id) VALUES(?,?)");
    auto exists = db.prepare("SELECT 1 FROM samples WHERE id=?");
    for (int64_t sample : step.members) {
        exists.bind(1, sample);
        if (!exists.step()) throw Error("sample " + std::to_string(sample) + " does not exist");
        exists.reset();
        member.bind(1, step.id).bind(2, sample).run();
        member.reset();
    }
    for (Decision& d : step.decisions) {
        d.reviewer = step.reviewer;
        insertReviewDecision(db, d, step.id);
    }
    tx.commit();
    m_undo.push_back(step.id);
    m_redo.clear();
    return step;
}

std::optional<ReviewStep> ReviewStepLog::undo(const std::string& reviewer) {
    if (m_undo.empty()) return std::nullopt;
    auto target = load(m_undo.back());
    if (!target) throw Error("review step " + std::to_string(m_undo.back()) + " not found");
    auto& db = m_project.db();
    Transaction tx(db);
    ReviewStep u;
    u.createdAt = Project::nowUtc();
    u.reviewer = reviewer;
    u.action = "undo";
    u.curationResult = target->curationResult;
    u.groupId = target->groupId;
    u.reverts = target->id;
    const int64_t undoId = insertStep(db, u);
    for (auto it = target->decisions.rbegin(); it != target->decisions.rend(); ++it)
        insertReviewUndo(db, *it, reviewer, undoId);
    tx.commit();
    m_undo.pop_back();
    m_redo.push_back(*target);
    return target;
}

std::optional<ReviewStep> ReviewStepLog::redo(const std::string& reviewer) {
    if (m_redo.empty()) return std::nullopt;
    ReviewStep again = m_redo.back();
    again.reviewer = reviewer;
    for (Decision& d : again.decisions) d.id = 0;
    std::vector<ReviewStep> rest(m_redo.begin(), m_redo.end() - 1);
    ReviewStep recorded = record(again);  // clears m_redo
    m_redo = std::move(rest);
    return recorded;
}

std::optional<ReviewStep> ReviewStepLog::load(int64_t id) {
    auto st = m_project.db().prepare(std::string(kSelect) + "WHERE s.id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    ReviewStep s = fromRow(st);
    st.reset();
    fillDetails(m_project, s);
    return s;
}

std::vector<ReviewStep> ReviewStepLog::effectiveSteps(int64_t curationResult) {
    std::vector<ReviewStep> out;
    {
        auto st = m_project.db().prepare(
            std::string(kSelect) +
            "WHERE s.action<>'undo' AND (?=0 OR s.curation_result=?) AND NOT EXISTS"
            " (SELECT 1 FROM review_steps u WHERE u.reverts=s.id) ORDER BY s.id");
        st.bind(1, curationResult).bind(2, curationResult);
        while (st.step()) out.push_back(fromRow(st));
    }
    for (ReviewStep& s : out) fillDetails(m_project, s);
    return out;
}

std::vector<ReviewStep> ReviewStepLog::history() {
    std::vector<ReviewStep> out;
    {
        auto st = m_project.db().prepare(std::string(kSelect) + "ORDER BY s.id");
        while (st.step()) out.push_back(fromRow(st));
    }
    for (ReviewStep& s : out) fillDetails(m_project, s);
    return out;
}

int64_t exportReviewStepsCsv(Project& project, const std::filesystem::path& out) {
    const auto steps = ReviewStepLog(project).history();
    AtomicFile f = project.createExportFile(out);
    f << csvHeader({"step_id", "time", "reviewer", "action", "curation_result", "group", "keeper", "members",
                    "decisions", "reverts", "undone"});
    auto joined = [](const auto& items, auto text) {
        std::string s;
        for (const auto& i : items) s += (s.empty() ? "" : " ") + text(i);
        return s;
    };
    for (const ReviewStep& s : steps) {
        CsvRow row;
        row.integer(s.id).text(s.createdAt).text(s.reviewer).text(s.action);
        if (s.curationResult) row.integer(s.curationResult); else row.empty();
        if (s.groupId >= 0) row.integer(s.groupId); else row.empty();
        if (s.keeper) row.integer(s.keeper); else row.empty();
        row.text(joined(s.members, [](int64_t id) { return std::to_string(id); }));
        row.text(joined(s.decisions, [](const Decision& d) {
            return std::string(reviewActionName(d.action)) + ":" + std::to_string(d.sampleId);
        }));
        if (s.reverts) row.integer(s.reverts); else row.empty();
        row.integer(s.undone ? 1 : 0);
        f << row.line();
    }
    f.commit();
    return int64_t(steps.size());
}

}  // namespace winnow::core
