#include "core/influence/round_budget.h"

#include <time.h>

namespace winnow::core {

bool nextRoundFits(const RoundBudget& b) {
    const double next = b.lastRound >= 0 ? b.lastRound : b.firstEstimate;
    return b.spent + next <= b.limit;
}

double processCpuTime() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

}  // namespace winnow::core
