#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/review/review_steps.h"

namespace winnow::core {

class Project;

// Duplicate groups of a stored curation result reviewed as groups (issue 14): keep one member
// and exclude the others, or mark the group as not duplicates. Each decision is one review step
// (review_steps.h): one audit row with the group, the keeper and the reviewer, the members'
// keep/exclude rows in review_decisions, and one undo/redo unit.
inline constexpr const char* kKeepOneStep = "keep-one";
inline constexpr const char* kNotDuplicatesStep = "not-duplicates";

// The issue types that carry a duplicate group.
std::vector<std::string> duplicateGroupIssueTypes();

struct DuplicateGroupItem {
    int64_t id = 0;                   // group id within the result
    std::vector<int64_t> members;     // sample ids, ascending
    std::vector<std::string> issues;  // its group issue types, in curationIssueTypes() order
    double distance = 0;              // longest neighbour edge inside the group (0 for exact)
    // Every pair of its members was judged "not duplicates" in a review step no undo cancels
    // (of this result or an earlier one): a rescan's group the reviewer already rejected.
    bool judgedNotDuplicates = false;
};

// The groups of one result, in group id order (largest group first); `issue` (one of
// duplicateGroupIssueTypes(), empty = all) keeps the groups flagged with it. Throws Error for
// another issue type.
std::vector<DuplicateGroupItem> duplicateGroups(Project& project, int64_t resultId, const std::string& issue = {});

enum class GroupVerdict { Open, KeptOne, NotDuplicates };

struct GroupDecisionState {
    GroupVerdict verdict = GroupVerdict::Open;
    int64_t keeper = 0;       // KeptOne: the member kept
    int64_t stepId = 0;       // the review step that decided it
    std::string reviewer;
    std::string decidedAt;
};

// The decided groups of one result (the latest step of each group that no undo cancels),
// read from the log: group id -> state. Groups absent are open.
std::vector<std::pair<int64_t, GroupDecisionState>> groupDecisions(Project& project, int64_t resultId);

// Every pair of samples (a < b) some reviewer judged "not duplicates" in a step no undo cancels,
// over all results: a later scan filters its groups with it.
std::set<std::pair<int64_t, int64_t>> pairsJudgedNotDuplicates(Project& project);

// The review of one result's groups with its session undo/redo.
class DuplicateGroupReview {
public:
    DuplicateGroupReview(Project& project, int64_t resultId, const std::string& issue = {});

    int64_t resultId() const { return m_resultId; }
    const std::vector<DuplicateGroupItem>& groups() const { return m_groups; }
    // Index of the group with this id, or -1.
    int indexOf(int64_t groupId) const;

    GroupDecisionState state(int64_t groupId) const;
    int decidedCount() const;

    // Keeps `keeper` (a member) and excludes every other member. The keeper gets a keep
    // decision unless its effective decision is a relabel (which keeps it already and must stay).
    ReviewStep keepOne(int64_t groupId, int64_t keeper, const std::string& reviewer);
    // Marks the group as not duplicates: no per-sample decision changes.
    ReviewStep notDuplicates(int64_t groupId, const std::string& reviewer);

    // One group decision at a time, every member together.
    std::optional<ReviewStep> undo(const std::string& reviewer);
    std::optional<ReviewStep> redo(const std::string& reviewer);
    bool canUndo() const { return m_log.canUndo(); }
    bool canRedo() const { return m_log.canRedo(); }

    // Re-reads the decisions (another window may have decided groups).
    void refresh();

private:
    const DuplicateGroupItem& group(int64_t groupId) const;
    Project& m_project;
    int64_t m_resultId;
    std::vector<DuplicateGroupItem> m_groups;
    std::vector<std::pair<int64_t, GroupDecisionState>> m_states;  // sorted by group id
    ReviewStepLog m_log;
};

}  // namespace winnow::core
