#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::core {

// What a reviewer did to one sample. Stored by name in review_decisions.action.
enum class ReviewAction { Relabel, Keep, Exclude, Ambiguous, Trust, Untrust };

const char* reviewActionName(ReviewAction a);
std::optional<ReviewAction> parseReviewAction(std::string_view s);

// One acknowledged decision. Labels are dense class indices (-1 = none); the detector
// fields record why the sample was in front of the reviewer.
struct Decision {
    int64_t id = 0;             // set when recorded
    std::string createdAt;      // set when recorded
    std::string reviewer;
    int64_t sampleId = 0;
    ReviewAction action = ReviewAction::Keep;
    int oldLabel = -1;
    int newLabel = -1;          // Relabel: the new label
    std::string detector;
    double score = 0.0;
    double posterior = 0.0;
    int64_t runId = 0;
    bool isUndo = false;        // an "undo" audit row (history only)
    int64_t reverts = 0;        // undo rows: the decision they cancel
    int64_t stepId = 0;         // the review step (review_steps.h) the row belongs to, 0 = none
};

}  // namespace winnow::core
