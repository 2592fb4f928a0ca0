#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/review/decision.h"

namespace winnow::core {

class Database;
class Project;

// Inside core/review: inserts one decision row (no transaction of its own, no trust flag),
// belonging to review step `stepId` (0 = none). Sets d.id and d.createdAt; throws Error for a
// relabel without a label or a sample that does not exist.
void insertReviewDecision(Database& db, Decision& d, int64_t stepId = 0);
// Inside core/review: appends the 'undo' row cancelling `target`.
void insertReviewUndo(Database& db, const Decision& target, const std::string& reviewer, int64_t stepId = 0);

// The append-only audit log of review decisions, with session undo/redo.
//
// Every record() is committed (synchronous=FULL) before it returns, so an acknowledged
// decision survives a crash, kill -9 or power cut (tests/core/tst_review_power_loss.cpp:
// only synced writes survive there, and under NORMAL the same decision is lost). Undo appends an 'undo' row naming the decision it
// cancels; redo records the cancelled decision again as a new row. The effective decision
// of a sample is its latest *label* decision (relabel, keep, exclude, ambiguous) that no
// undo row cancels. Trust/untrust are audited like the others but are not label decisions:
// they set the sample's trusted flag at once (in the same transaction), so marking a
// relabelled sample trusted keeps the relabel.
class ReviewLog {
public:
    explicit ReviewLog(Project& project);

    // Records and commits; returns the decision with id and time filled in.
    Decision record(Decision d);
    // Cancels the latest decision of this session not yet undone; returns it, or nullopt.
    std::optional<Decision> undo(const std::string& reviewer);
    // Re-records the most recently undone decision; returns the new row, or nullopt.
    std::optional<Decision> redo(const std::string& reviewer);
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }

    std::optional<Decision> effective(int64_t sampleId);
    // Effective decision of every reviewed sample.
    std::map<int64_t, Decision> effectiveAll();
    // Every row for the sample, oldest first, undo rows included (action "undo").
    std::vector<Decision> history(int64_t sampleId);
    int64_t reviewedCount();
    // The rows recorded as part of review step `stepId` (review_steps.h), oldest first.
    std::vector<Decision> ofStep(int64_t stepId);

private:
    Decision load(int64_t id);
    void applyTrustFlag(const Decision& d, bool reverting);
    Project& m_project;
    std::vector<int64_t> m_undo;           // decision ids recorded this session
    std::vector<Decision> m_redo;          // decisions undone this session
};

}  // namespace winnow::core
