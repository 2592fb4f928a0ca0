#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/review/decision.h"

namespace winnow::core {

class Project;

// One reviewer action over several samples that undo and redo treat as one unit (table
// review_steps, migration 9), e.g. "keep member 3 of duplicate group 7, exclude the others".
// Its per-sample decisions are ordinary review_decisions rows carrying the step id, so the
// effective decision of each sample (ReviewLog::effective) and everything that honours it
// (applyReviewDecisions: excluded samples leave training and exports) work unchanged.
struct ReviewStep {
    int64_t id = 0;                   // set when recorded
    std::string createdAt;            // set when recorded
    std::string reviewer;
    std::string action;               // keep-one | not-duplicates; "undo" rows in history()
    int64_t curationResult = 0;       // the curation result the group belongs to, 0 = none
    int64_t groupId = -1;             // duplicate group within that result, -1 = none
    int64_t keeper = 0;               // keep-one: the sample kept, 0 = none
    std::vector<int64_t> members;     // the samples the step concerned, ascending
    std::vector<Decision> decisions;  // its per-sample label decisions (no trust/untrust)
    int64_t reverts = 0;              // undo rows: the step they cancel
    bool undone = false;              // history(): a later undo row cancels this step
};

// The audit log of review steps with session undo/redo, committed like ReviewLog
// (synchronous=FULL) before record/undo/redo return. Undo appends an 'undo' step naming the
// step it cancels and an 'undo' decision row for each of its decisions, all in one
// transaction; redo records the cancelled step again as a new step.
class ReviewStepLog {
public:
    explicit ReviewStepLog(Project& project);

    // Records the step, its members and decisions (reviewer and step id filled in) at once.
    ReviewStep record(ReviewStep step);
    std::optional<ReviewStep> undo(const std::string& reviewer);
    std::optional<ReviewStep> redo(const std::string& reviewer);
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }

    // One step with its members and decisions.
    std::optional<ReviewStep> load(int64_t id);
    // Steps no undo cancels, oldest first; curationResult 0 = of every result.
    std::vector<ReviewStep> effectiveSteps(int64_t curationResult = 0);
    // Every step, oldest first, undo rows included (action "undo"), `undone` set.
    std::vector<ReviewStep> history();

private:
    Project& m_project;
    std::vector<int64_t> m_undo;        // step ids recorded this session
    std::vector<ReviewStep> m_redo;     // steps undone this session
};

// The review steps as CSV (step_id, time, reviewer, action, curation_result, group, keeper,
// members, decisions, reverts, undone), oldest first, through the project's export file. Returns
// the number of rows.
int64_t exportReviewStepsCsv(Project& project, const std::filesystem::path& out);

}  // namespace winnow::core
