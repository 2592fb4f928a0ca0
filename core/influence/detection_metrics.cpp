#include "core/influence/detection_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/influence/score_order.h"
#include "core/util/error.h"

namespace winnow::core {

DetectionMetrics detectionMetrics(const std::vector<uint8_t>& noisy,
                                  const std::vector<uint8_t>& flag,
                                  const std::vector<float>* score) {
    if (noisy.size() != flag.size() || (score && score->size() != noisy.size()))
        throw Error("detection metrics: truth, flags and scores differ in length");
    DetectionMetrics m;
    m.n = int64_t(noisy.size());
    int64_t residual = 0;
    for (size_t i = 0; i < noisy.size(); ++i) {
        m.noisy += noisy[i] != 0;
        m.flagged += flag[i] != 0;
        m.truePositives += noisy[i] && flag[i];
        residual += noisy[i] && !flag[i];
    }
    m.precision = m.flagged ? double(m.truePositives) / double(m.flagged) : 0.0;
    m.recall = m.noisy ? double(m.truePositives) / double(m.noisy) : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall)
                                      : 0.0;
    m.fractionRemoved = m.n ? double(m.flagged) / double(m.n) : 0.0;
    m.residualNoise = m.n > m.flagged ? double(residual) / double(m.n - m.flagged) : 0.0;
    if (!score || m.noisy == 0 || m.noisy == m.n) return m;
    const auto& s = *score;
    std::vector<size_t> order(s.size());
    std::iota(order.begin(), order.end(), 0);
    m.unscored = countUnscored(s);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return moreSuspicious(s[a], s[b]); });
    // Walk tie groups from the top: AUROC by the Mann-Whitney count, AP as the sum of
    // precision at each tie group's end weighted by the positives it contains.
    double pairs = 0, ap = 0;
    int64_t negAbove = 0, seen = 0, posSeen = 0;
    const int64_t neg = m.n - m.noisy;
    for (size_t a = 0; a < order.size();) {
        size_t b = a;
        int64_t pos = 0, ng = 0;
        while (b < order.size() && sameRank(s[order[b]], s[order[a]])) {
            (noisy[order[b]] ? pos : ng) += 1;
            ++b;
        }
        // Each positive here beats the negatives below and ties with the group's negatives.
        pairs += double(pos) * (double(neg - negAbove - ng) + 0.5 * double(ng));
        seen += pos + ng;
        posSeen += pos;
        ap += double(pos) * double(posSeen) / double(seen);
        negAbove += ng;
        a = b;
    }
    m.auroc = pairs / (double(m.noisy) * double(neg));
    m.averagePrecision = ap / double(m.noisy);
    return m;
}

}  // namespace winnow::core
