#include "core/influence/data_gamma.h"

#include <algorithm>
#include <cstdlib>

namespace winnow::core {

DataGammaChoice chooseDataGamma(const std::vector<uint8_t>& consensus, int K, int64_t target) {
    DataGammaChoice c;
    c.target = target;
    c.flaggedAt.assign(size_t(std::max(0, K) + 1), 0);
    for (uint8_t v : consensus)
        for (int g = 0; g <= std::min(int(v), K); ++g) ++c.flaggedAt[size_t(g)];
    if (K < 1) return c;
    int64_t bestGap = -1;
    for (int g = K; g >= 1; --g) {  // from the strictest: a tie keeps the larger gamma
        const int64_t gap = std::llabs(c.flaggedAt[size_t(g)] - target);
        if (bestGap < 0 || gap < bestGap) {
            bestGap = gap;
            c.gamma = g;
        }
    }
    return c;
}

}  // namespace winnow::core
