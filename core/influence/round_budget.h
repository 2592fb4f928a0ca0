#pragma once
#include <functional>
#include <string>

namespace winnow::core {

// Influential Rank rounds until they stop paying (issue 17): rounds continue while a round
// is accepted and its scoring flags something, and while the next round's expected cost fits
// the budget the user set, a fraction of the base training's CPU-seconds. The expected cost
// of the next round is the cost of the last one (scoring + post-training, process CPU time);
// before the first, the base training's cost scaled by post-training epochs / base epochs.
struct RoundBudget {
    double limit = 0;          // CPU-seconds the rounds may spend
    double spent = 0;
    double lastRound = -1;     // CPU-seconds of the last round, < 0 before the first
    double firstEstimate = 0;  // expected cost of the first round
};
bool nextRoundFits(const RoundBudget& b);

// CPU time of the whole process (all threads), seconds.
double processCpuTime();

}  // namespace winnow::core
