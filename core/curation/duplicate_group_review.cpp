#include "core/curation/duplicate_group_review.h"

#include <algorithm>
#include <map>

#include "core/curation/curation.h"
#include "core/curation/curation_read.h"
#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

std::vector<std::string> duplicateGroupIssueTypes() {
    return {"exact-duplicate", "near-duplicate", "leakage", "duplicate-label-conflict"};
}

std::vector<DuplicateGroupItem> duplicateGroups(Project& project, int64_t resultId, const std::string& issue) {
    const auto types = duplicateGroupIssueTypes();
    if (!issue.empty() && std::find(types.begin(), types.end(), issue) == types.end())
        throw Error("'" + issue + "' is not a duplicate-group issue type (exact-duplicate, near-duplicate, leakage, "
                    "duplicate-label-conflict)");
    std::map<int64_t, DuplicateGroupItem> byId;
    for (const StoredCurationIssue& is : curationIssues(project, resultId)) {
        if (is.group < 0 || std::find(types.begin(), types.end(), is.issue) == types.end()) continue;
        DuplicateGroupItem& g = byId[is.group];
        g.id = is.group;
        g.members.push_back(is.sampleId);
        if (std::find(g.issues.begin(), g.issues.end(), is.issue) == g.issues.end()) g.issues.push_back(is.issue);
        if (is.issue == "near-duplicate") g.distance = std::max(g.distance, is.score);
    }
    const auto order = curationIssueTypes();
    auto rank = [&](const std::string& t) { return std::find(order.begin(), order.end(), t) - order.begin(); };
    const auto judged = pairsJudgedNotDuplicates(project);
    std::vector<DuplicateGroupItem> out;
    for (auto& [id, g] : byId) {
        std::sort(g.members.begin(), g.members.end());
        g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
        std::sort(g.issues.begin(), g.issues.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
        if (g.members.size() < 2) continue;
        g.judgedNotDuplicates = !judged.empty();
        for (size_t i = 0; i < g.members.size() && g.judgedNotDuplicates; ++i)
            for (size_t j = i + 1; j < g.members.size() && g.judgedNotDuplicates; ++j)
                g.judgedNotDuplicates = judged.count({g.members[i], g.members[j]}) > 0;
        if (issue.empty() || std::find(g.issues.begin(), g.issues.end(), issue) != g.issues.end())
            out.push_back(std::move(g));
    }
    return out;
}

std::vector<std::pair<int64_t, GroupDecisionState>> groupDecisions(Project& project, int64_t resultId) {
    std::map<int64_t, GroupDecisionState> byGroup;
    for (const ReviewStep& s : ReviewStepLog(project).effectiveSteps(resultId)) {
        if (s.groupId < 0) continue;
        GroupDecisionState st;
        if (s.action == kKeepOneStep) st.verdict = GroupVerdict::KeptOne;
        else if (s.action == kNotDuplicatesStep) st.verdict = GroupVerdict::NotDuplicates;
        else continue;
        st.keeper = s.keeper;
        st.stepId = s.id;
        st.reviewer = s.reviewer;
        st.decidedAt = s.createdAt;
        byGroup[s.groupId] = st;  // steps come oldest first: the latest wins
    }
    return {byGroup.begin(), byGroup.end()};
}

std::set<std::pair<int64_t, int64_t>> pairsJudgedNotDuplicates(Project& project) {
    std::set<std::pair<int64_t, int64_t>> out;
    for (const ReviewStep& s : ReviewStepLog(project).effectiveSteps()) {
        if (s.action != kNotDuplicatesStep) continue;
        for (size_t i = 0; i < s.members.size(); ++i)
            for (size_t j = i + 1; j < s.members.size(); ++j) out.emplace(s.members[i], s.members[j]);
    }
    return out;
}

DuplicateGroupReview::DuplicateGroupReview(Project& project, int64_t resultId, const std::string& issue)
    : m_project(project), m_resultId(resultId), m_groups(duplicateGroups(project, resultId, issue)), m_log(project) {
    refresh();
}

void DuplicateGroupReview::refresh() { m_states = groupDecisions(m_project, m_resultId); }

int DuplicateGroupReview::indexOf(int64_t groupId) const {
    for (size_t i = 0; i < m_groups.size(); ++i)
        if (m_groups[i].id == groupId) return int(i);
    return -1;
}

const DuplicateGroupItem& DuplicateGroupReview::group(int64_t groupId) const {
    const int i = indexOf(groupId);
    if (i < 0) throw Error("duplicate group " + std::to_string(groupId) + " is not in this review");
    return m_groups[size_t(i)];
}

GroupDecisionState DuplicateGroupReview::state(int64_t groupId) const {
    auto it = std::lower_bound(m_states.begin(), m_states.end(), groupId,
                               [](const auto& e, int64_t id) { return e.first < id; });
    return it != m_states.end() && it->first == groupId ? it->second : GroupDecisionState{};
}

int DuplicateGroupReview::decidedCount() const {
    int n = 0;
    for (const auto& g : m_groups) n += state(g.id).verdict != GroupVerdict::Open;
    return n;
}

ReviewStep DuplicateGroupReview::keepOne(int64_t groupId, int64_t keeper, const std::string& reviewer) {
    const DuplicateGroupItem& g = group(groupId);
    if (!std::binary_search(g.members.begin(), g.members.end(), keeper))
        throw Error("sample " + std::to_string(keeper) + " is not a member of duplicate group " +
                    std::to_string(groupId));
    ReviewStep step;
    step.reviewer = reviewer;
    step.action = kKeepOneStep;
    step.curationResult = m_resultId;
    step.groupId = groupId;
    step.keeper = keeper;
    step.members = g.members;
    ReviewLog log(m_project);
    auto label = m_project.db().prepare(
        "SELECT coalesce(c.idx,-1) FROM samples s LEFT JOIN classes c ON c.id=s.label WHERE s.id=?");
    for (int64_t sample : g.members) {
        Decision d;
        d.sampleId = sample;
        label.bind(1, sample);
        d.oldLabel = label.step() ? label.int32(0) : -1;
        label.reset();
        d.detector = "duplicate-group";
        if (sample == keeper) {
            const auto eff = log.effective(sample);
            if (eff && eff->action == ReviewAction::Relabel) continue;
            d.action = ReviewAction::Keep;
        } else {
            d.action = ReviewAction::Exclude;
        }
        step.decisions.push_back(d);
    }
    ReviewStep recorded = m_log.record(step);
    refresh();
    return recorded;
}

ReviewStep DuplicateGroupReview::notDuplicates(int64_t groupId, const std::string& reviewer) {
    const DuplicateGroupItem& g = group(groupId);
    ReviewStep step;
    step.reviewer = reviewer;
    step.action = kNotDuplicatesStep;
    step.curationResult = m_resultId;
    step.groupId = groupId;
    step.members = g.members;
    ReviewStep recorded = m_log.record(step);
    refresh();
    return recorded;
}

std::optional<ReviewStep> DuplicateGroupReview::undo(const std::string& reviewer) {
    auto s = m_log.undo(reviewer);
    refresh();
    return s;
}

std::optional<ReviewStep> DuplicateGroupReview::redo(const std::string& reviewer) {
    auto s = m_log.redo(reviewer);
    refresh();
    return s;
}

}  // namespace winnow::core
