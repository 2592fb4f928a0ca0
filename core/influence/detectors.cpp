#include "core/influence/detectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/influence/score_order.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

void checkLabels(const int32_t* labels, int64_t n, int K, const char* who) {
    for (int64_t i = 0; i < n; ++i)
        if (labels[i] < 0 || labels[i] >= K)
            throw Error(std::string(who) + ": sample row " + std::to_string(i) +
                        " has no valid label");
}

int64_t finish(DetectorResult& r) {
    r.unscored = countUnscored(r.score);
    r.flagged = 0;
    for (uint8_t f : r.flag) r.flagged += f;
    return r.flagged;
}

}  // namespace

std::vector<float> softmaxRows(const float* z, int64_t n, int K) {
    std::vector<float> p(size_t(n) * size_t(K));
    for (int64_t i = 0; i < n; ++i) {
        const float* row = z + i * K;
        double mx = *std::max_element(row, row + K), sum = 0;
        for (int k = 0; k < K; ++k) sum += std::exp(double(row[k]) - mx);
        for (int k = 0; k < K; ++k)
            p[size_t(i * K + k)] = float(std::exp(double(row[k]) - mx) / sum);
    }
    return p;
}

DetectorResult detectSmallLoss(const float* p, const int32_t* y, int64_t n, int K,
                               const GmmOptions& go) {
    checkLabels(y, n, K, "small-loss");
    DetectorResult r;
    r.detector = "small-loss";
    std::vector<double> loss(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        loss[size_t(i)] = -std::log(std::max(double(p[i * K + y[i]]), 1e-12));
    // A NaN probability gives a NaN loss: it stays NaN (unscored, never flagged) and takes no
    // part in the normalisation or the mixture fit.
    std::vector<double> known;
    known.reserve(loss.size());
    for (double l : loss)
        if (!std::isnan(l)) known.push_back(l);
    const double lo = known.empty() ? 0 : *std::min_element(known.begin(), known.end());
    const double hi = known.empty() ? 1 : *std::max_element(known.begin(), known.end());
    for (auto& l : loss) l = std::isnan(l) ? l : hi > lo ? (l - lo) / (hi - lo) : 0.0;
    for (auto& l : known) l = hi > lo ? (l - lo) / (hi - lo) : 0.0;
    Gmm1d g = fitGmm1d(known, go);
    r.score.assign(loss.begin(), loss.end());
    r.flag.assign(size_t(n), 0);
    for (int64_t i = 0; i < n; ++i)
        r.flag[size_t(i)] = !std::isnan(loss[size_t(i)]) && g.valid && g.posteriorHigh(loss[size_t(i)]) > 0.5;
    r.extra = {g.mean[0], g.mean[1], g.var[0], g.var[1], g.weight[0], g.weight[1]};
    r.noiseRateEstimate = n ? double(finish(r)) / double(n) : 0.0;
    return r;
}

DetectorResult detectConfidentLearning(const float* p, const int32_t* y, int64_t n, int K) {
    checkLabels(y, n, K, "confident-learning");
    DetectorResult r;
    r.detector = "confident-learning";
    const size_t k2 = size_t(K);
    std::vector<double> thr(k2, 0.0), count(k2, 0.0);
    for (int64_t i = 0; i < n; ++i) {
        if (std::isnan(p[i * K + y[i]])) continue;  // unknown: no part in the thresholds
        count[size_t(y[i])] += 1;
        thr[size_t(y[i])] += p[i * K + y[i]];
    }
    // t_j is the mean self-confidence of class j (cleanlab's per-class threshold).
    for (size_t j = 0; j < k2; ++j) thr[j] = count[j] > 0 ? thr[j] / count[j] : 1.0;
    std::vector<double> joint(k2 * k2, 0.0);
    for (int64_t i = 0; i < n; ++i) {
        int best = -1;
        double bestP = -1;
        for (int j = 0; j < K; ++j) {
            double v = p[i * K + j];
            if (v >= thr[size_t(j)] && v > bestP) {
                best = j;
                bestP = v;
            }
        }
        if (best >= 0) joint[size_t(y[i]) * k2 + size_t(best)] += 1;
    }
    // Calibrate: each row sums to the number of samples with that given label, then the
    // whole matrix to n.
    for (size_t i = 0; i < k2; ++i) {
        double row = 0;
        for (size_t j = 0; j < k2; ++j) row += joint[i * k2 + j];
        for (size_t j = 0; j < k2; ++j)
            joint[i * k2 + j] = row > 0 ? joint[i * k2 + j] / row * count[i] : 0.0;
    }
    double total = std::accumulate(joint.begin(), joint.end(), 0.0);
    if (total > 0)
        for (auto& v : joint) v *= double(n) / total;
    r.flag.assign(size_t(n), 0);
    std::vector<std::vector<int64_t>> byLabel(static_cast<size_t>(K));
    for (int64_t i = 0; i < n; ++i) byLabel[size_t(y[i])].push_back(i);
    for (int i = 0; i < K; ++i) {
        auto& rows = byLabel[size_t(i)];
        int64_t budget = int64_t(rows.size()) - 1;  // keep at least one sample per class
        for (int j = 0; j < K && budget > 0; ++j) {
            if (j == i) continue;
            int64_t take = std::min<int64_t>(std::llround(joint[size_t(i) * k2 + size_t(j)]),
                                             int64_t(rows.size()));
            if (take <= 0) continue;
            std::vector<int64_t> order = rows;
            std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
                return moreSuspicious(double(p[a * K + j]) - p[a * K + i], double(p[b * K + j]) - p[b * K + i]);
            });
            for (int64_t t = 0; t < take && budget > 0; ++t) {
                const int64_t row = order[size_t(t)];
                if (std::isnan(double(p[row * K + j]) - p[row * K + i])) break;  // only unknowns left
                auto& f = r.flag[size_t(row)];
                if (!f) {
                    f = 1;
                    --budget;
                }
            }
        }
    }
    r.score.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        double other = 0;
        for (int k = 0; k < K; ++k)
            if (k != y[i]) other = std::max(other, double(p[i * K + k]));
        r.score[size_t(i)] = float(-(double(p[i * K + y[i]]) - other));
    }
    double off = 0;
    for (size_t i = 0; i < k2; ++i)
        for (size_t j = 0; j < k2; ++j)
            if (i != j) off += joint[i * k2 + j];
    r.noiseRateEstimate = n ? off / double(n) : 0.0;
    r.extra = joint;
    finish(r);
    return r;
}

DetectorResult detectSelfConfidence(const float* p, const int32_t* y, int64_t n, int K,
                                    double q) {
    checkLabels(y, n, K, "self-confidence");
    DetectorResult r;
    r.detector = "self-confidence";
    r.score.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i) r.score[size_t(i)] = 1.0f - p[i * K + y[i]];
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return moreSuspicious(r.score[size_t(a)], r.score[size_t(b)]); });
    int64_t take = std::clamp<int64_t>(std::llround(std::clamp(q, 0.0, 1.0) * double(n)), 0, n);
    r.flag.assign(size_t(n), 0);
    for (int64_t t = 0; t < take && !std::isnan(r.score[size_t(order[size_t(t)])]); ++t)
        r.flag[size_t(order[size_t(t)])] = 1;
    r.noiseRateEstimate = q;
    finish(r);
    return r;
}

}  // namespace winnow::core
