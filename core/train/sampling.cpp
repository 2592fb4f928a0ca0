#include "core/train/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/util/error.h"

namespace winnow::core {

std::vector<int64_t> classCounts(const std::vector<int32_t>& labels, int classes) {
    std::vector<int64_t> n(size_t(std::max(classes, 0)), 0);
    for (int32_t y : labels)
        if (y >= 0 && y < classes) ++n[size_t(y)];
    return n;
}

std::vector<double> classProbabilities(const std::vector<int64_t>& counts, double r) {
    std::vector<double> q(counts.size(), 0.0);
    double sum = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] > 0) q[k] = std::pow(double(counts[k]), 1.0 - r);
        sum += q[k];
    }
    if (sum <= 0) throw Error("no labelled training samples to sample from");
    for (double& v : q) v /= sum;
    return q;
}

WeightedClassSampler::WeightedClassSampler(const std::vector<int32_t>& labels, int classes, double r)
    : m_members(size_t(classes)) {
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0 && labels[i] < classes) m_members[size_t(labels[i])].push_back(int64_t(i));
    m_q = classProbabilities(classCounts(labels, classes), r);
    m_classDist = std::discrete_distribution<int>(m_q.begin(), m_q.end());
}

int64_t WeightedClassSampler::draw(Rng& rng) const {
    const auto& members = m_members[size_t(m_classDist(rng))];
    std::uniform_int_distribution<size_t> pick(0, members.size() - 1);
    return members[pick(rng)];
}

std::vector<int64_t> epochOrder(const std::vector<int32_t>& labels, int classes,
                                const std::string& sampler, double r, Rng& rng) {
    std::vector<int64_t> order(labels.size());
    if (sampler == "instance") {
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        return order;
    }
    double rr = sampler == "class-balanced" ? 1.0 : r;
    if (sampler != "class-balanced" && sampler != "qr")
        throw Error("unknown sampler '" + sampler + "' (use instance, class-balanced or qr)");
    WeightedClassSampler s(labels, classes, rr);
    for (auto& v : order) v = s.draw(rng);
    return order;
}

CutBox cutBoxFor(int width, int height, double lambdaDrawn, int centreX, int centreY) {
    // Integer box sides and clipping as in the CutMix reference; λ is then recomputed from
    // the clipped box so the loss mix matches the pixels actually pasted.
    const double cutRatio = std::sqrt(1.0 - lambdaDrawn);
    const int cutW = int(width * cutRatio);
    const int cutH = int(height * cutRatio);
    CutBox b;
    b.x0 = std::clamp(centreX - cutW / 2, 0, width);
    b.y0 = std::clamp(centreY - cutH / 2, 0, height);
    b.x1 = std::clamp(centreX + cutW / 2, 0, width);
    b.y1 = std::clamp(centreY + cutH / 2, 0, height);
    b.lambda = 1.0 - double(b.x1 - b.x0) * double(b.y1 - b.y0) / (double(width) * double(height));
    return b;
}

CutBox drawCutBox(int width, int height, Rng& rng) {
    // Beta(1,1) is the uniform distribution on [0,1].
    std::uniform_real_distribution<double> u(0.0, 1.0);
    double lam = u(rng);
    std::uniform_int_distribution<int> cx(0, width - 1), cy(0, height - 1);
    int x = cx(rng);
    int y = cy(rng);
    return cutBoxFor(width, height, lam, x, y);
}

Shot shotOf(int64_t n) {
    if (n > 100) return Shot::Many;
    if (n >= 20) return Shot::Medium;
    return Shot::Few;
}

const char* shotName(Shot s) {
    switch (s) {
        case Shot::Many: return "many";
        case Shot::Medium: return "medium";
        case Shot::Few: return "few";
    }
    return "?";
}

std::vector<int64_t> longTailedCounts(int64_t nMax, int classes, double rho) {
    std::vector<int64_t> n(static_cast<size_t>(classes));
    for (int k = 0; k < classes; ++k) {
        double e = classes > 1 ? -double(k) / double(classes - 1) : 0.0;
        // A tiny epsilon keeps exact products (6000·0.01 = 60) from flooring to 59.
        n[size_t(k)] = int64_t(std::floor(double(nMax) * std::pow(rho, e) + 1e-9));
    }
    return n;
}

std::vector<int64_t> longTailedSubset(const std::vector<int32_t>& labels, int classes, double rho,
                                      uint64_t seed) {
    if (rho < 1) throw Error("imbalance ratio must be >= 1, got " + std::to_string(rho));
    auto counts = classCounts(labels, classes);
    int64_t nMax = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
    auto target = longTailedCounts(nMax, classes, rho);
    std::vector<std::vector<int64_t>> members(static_cast<size_t>(classes));
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0 && labels[i] < classes) members[size_t(labels[i])].push_back(int64_t(i));
    Rng rng(seed);
    std::vector<int64_t> keep;
    for (int k = 0; k < classes; ++k) {
        auto& m = members[size_t(k)];
        std::shuffle(m.begin(), m.end(), rng);
        size_t take = std::min(m.size(), size_t(target[size_t(k)]));
        keep.insert(keep.end(), m.begin(), m.begin() + std::ptrdiff_t(take));
    }
    std::sort(keep.begin(), keep.end());
    return keep;
}

std::vector<int> kFoldAssignment(const std::vector<int32_t>& labels, int classes, int folds,
                                 uint64_t seed) {
    if (folds < 2) throw Error("cross-validation needs at least 2 folds");
    std::vector<std::vector<int64_t>> members(size_t(classes) + 1);
    for (size_t i = 0; i < labels.size(); ++i) {
        int y = labels[i];
        members[(y >= 0 && y < classes) ? size_t(y) : size_t(classes)].push_back(int64_t(i));
    }
    Rng rng(seed ^ 0x9e3779b97f4a7c15ULL);
    std::vector<int> fold(labels.size(), 0);
    int next = 0;  // round-robin across classes keeps folds balanced in size too
    for (auto& m : members) {
        std::shuffle(m.begin(), m.end(), rng);
        for (int64_t i : m) {
            fold[size_t(i)] = next;
            next = (next + 1) % folds;
        }
    }
    return fold;
}

}  // namespace winnow::core
