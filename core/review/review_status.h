#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace winnow::core {

class Project;

// Read model of `winnow-cli review-status`: samples with an effective decision, by action,
// and the audit rows behind them (every decision, undo and trust row). Reads only.
struct ReviewStatus {
    int64_t reviewed = 0;                    // samples with an effective decision
    int64_t auditRows = 0;                   // rows of the review log
    std::map<std::string, int64_t> byAction; // reviewActionName -> samples
};

ReviewStatus readReviewStatus(Project& project);

}  // namespace winnow::core
