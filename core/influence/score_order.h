#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

// The one order of detector scores (higher = more likely mislabelled). A NaN score means
// "unknown" (a probability that came out NaN): it ranks after every number, i.e. least
// suspicious, and NaNs tie with each other. Unlike a bare '>' this is a strict weak order,
// so std::sort on scores with NaNs is defined; the caller warns once with the count.
namespace winnow::core {

inline bool moreSuspicious(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a > b); }
inline bool sameRank(double a, double b) { return std::isnan(a) ? std::isnan(b) : a == b; }

inline int64_t countUnscored(const std::vector<float>& score) {
    int64_t n = 0;
    for (float s : score) n += std::isnan(s) ? 1 : 0;
    return n;
}

inline std::string unscoredWarning(int64_t count) {
    return std::to_string(count) + (count == 1 ? " sample has" : " samples have") +
           " no score (NaN: its probabilities are not numbers) and ranks last, as the least suspicious";
}

}  // namespace winnow::core
