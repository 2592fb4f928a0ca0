#include "core/review/decision.h"

namespace winnow::core {

const char* reviewActionName(ReviewAction a) {
    switch (a) {
        case ReviewAction::Relabel: return "relabel";
        case ReviewAction::Keep: return "keep";
        case ReviewAction::Exclude: return "exclude";
        case ReviewAction::Ambiguous: return "ambiguous";
        case ReviewAction::Trust: return "trust";
        case ReviewAction::Untrust: return "untrust";
    }
    return "keep";
}

std::optional<ReviewAction> parseReviewAction(std::string_view s) {
    for (auto a : {ReviewAction::Relabel, ReviewAction::Keep, ReviewAction::Exclude,
                   ReviewAction::Ambiguous, ReviewAction::Trust, ReviewAction::Untrust})
        if (s == reviewActionName(a)) return a;
    return std::nullopt;
}

}  // namespace winnow::core
