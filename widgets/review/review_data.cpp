#include "widgets/review/review_data.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace winnow::widgets {

bool ReviewData::isSelfTest() const {
    return std::any_of(original.begin(), original.end(), [](int32_t v) { return v >= 0; });
}

int ReviewData::rowOf(qint64 sampleId) const {
    auto it = std::lower_bound(ids.begin(), ids.end(), int64_t(sampleId));
    if (it == ids.end() || *it != sampleId) return -1;
    return int(it - ids.begin());
}

void ReviewData::resize(int64_t rows, int k, bool withOsd) {
    n = rows;
    classes = k;
    const size_t r = size_t(rows);
    ids.assign(r, 0);
    given.assign(r, -1);
    suggested.assign(r, -1);
    original.assign(r, -1);
    suggestionProb.assign(r, 0.f);
    score.assign(r, 0.f);
    posterior.assign(r, 0.f);
    osm.assign(r, NAN);
    loss.assign(r, NAN);
    consensus.assign(r, 0);
    flag.assign(r, 0);
    trusted.assign(r, 0);
    topClass.assign(r * 5, -1);
    topProb.assign(r * 5, 0.f);
    if (withOsd) {
        osd.assign(r * size_t(k), NAN);
        postHigh.assign(r * size_t(k), NAN);
    }
}

void ReviewData::sortByScore() {
    byScore.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i) byScore[size_t(i)] = uint32_t(i);
    // NaN scores sort last.
    std::stable_sort(byScore.begin(), byScore.end(), [this](uint32_t a, uint32_t b) {
        const float sa = std::isnan(score[a]) ? -INFINITY : score[a];
        const float sb = std::isnan(score[b]) ? -INFINITY : score[b];
        return sa > sb;
    });
}

ReviewItem ReviewData::item(int row) const {
    ReviewItem it;
    if (row < 0 || row >= n) return it;
    const size_t r = size_t(row);
    it.row = row;
    it.sampleId = ids[r];
    it.given = given[r];
    it.suggested = suggested[r];
    it.suggestionProb = suggestionProb[r];
    it.score = score[r];
    it.posterior = posterior[r];
    it.osm = osm[r];
    it.loss = loss[r];
    it.consensus = consensus[r];
    it.flagged = flag[r] != 0;
    it.trusted = trusted[r] != 0;
    it.original = original[r];
    if (hasOsd()) {
        it.osd.assign(osd.begin() + long(r * classes), osd.begin() + long((r + 1) * classes));
        it.postHigh.assign(postHigh.begin() + long(r * classes),
                           postHigh.begin() + long((r + 1) * classes));
    }
    for (int j = 0; j < 5; ++j) {
        it.topClass[size_t(j)] = topClass[r * 5 + size_t(j)];
        it.topProb[size_t(j)] = topProb[r * 5 + size_t(j)];
    }
    return it;
}

std::shared_ptr<ReviewData> makeSyntheticReviewData(int64_t n, int classes, double noisyFraction,
                                                    uint64_t seed, int featureDim) {
    auto d = std::make_shared<ReviewData>();
    d->resize(n, classes, true);
    d->detector = QStringLiteral("influential-rank");
    for (int k = 0; k < classes; ++k) d->classNames << QStringLiteral("class%1").arg(k);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    std::normal_distribution<float> gauss(0.f, 1.f);
    const int K = classes;
    d->gmm.resize(size_t(K));
    for (auto& g : d->gmm) {
        g.weight[0] = 1.0 - noisyFraction;
        g.weight[1] = noisyFraction;
        g.mean[0] = 0.0;
        g.mean[1] = 2.0;
        g.var[0] = g.var[1] = 0.49;
        g.valid = true;
    }
    d->gamma = std::clamp(int(std::lround(0.8 * K)), 1, K);
    auto features = std::make_shared<std::vector<float>>(size_t(n) * size_t(featureDim));
    std::vector<float> prob(static_cast<size_t>(K));
    std::vector<int> order(static_cast<size_t>(K));
    for (int64_t i = 0; i < n; ++i) {
        const size_t r = size_t(i);
        d->ids[r] = i + 1;
        const int truth = int(i % K);
        const bool noisy = uni(rng) < noisyFraction;
        int given = truth;
        if (noisy && K > 1) given = (truth + 1 + int(uni(rng) * (K - 1))) % K;
        d->given[r] = given;
        d->original[r] = truth;
        d->osm[r] = noisy ? 1.5f + gauss(rng) : -0.3f + 0.8f * gauss(rng);
        int cons = 0;
        float sum = 0.f;
        for (int k = 0; k < K; ++k) {
            const float v = (noisy ? 2.f : 0.f) + 0.7f * gauss(rng);
            d->osd[r * size_t(K) + size_t(k)] = v;
            const auto& g = d->gmm[size_t(k)];
            const double l0 = g.weight[0] * std::exp(-(v - g.mean[0]) * (v - g.mean[0]) / (2 * g.var[0]));
            const double l1 = g.weight[1] * std::exp(-(v - g.mean[1]) * (v - g.mean[1]) / (2 * g.var[1]));
            d->postHigh[r * size_t(K) + size_t(k)] = float(l1 / std::max(1e-300, l0 + l1));
            cons += v >= g.mean[0] ? 1 : 0;
            sum += v;
        }
        d->consensus[r] = uint8_t(std::min(cons, 255));
        d->flag[r] = cons >= d->gamma ? 1 : 0;
        d->score[r] = sum / float(K);
        d->posterior[r] = d->postHigh[r * size_t(K) + size_t(given)];
        // Model probabilities: the true class dominates.
        float total = 0.f;
        for (int k = 0; k < K; ++k) {
            prob[size_t(k)] = std::exp((k == truth ? 2.5f : 0.f) + 0.5f * gauss(rng));
            total += prob[size_t(k)];
        }
        for (auto& p : prob) p /= total;
        d->loss[r] = -std::log(std::max(1e-12f, prob[size_t(given)]));
        for (int k = 0; k < K; ++k) order[size_t(k)] = k;
        std::partial_sort(order.begin(), order.begin() + std::min(5, K), order.end(),
                          [&](int a, int b) { return prob[size_t(a)] > prob[size_t(b)]; });
        for (int j = 0; j < std::min(5, K); ++j) {
            d->topClass[r * 5 + size_t(j)] = int16_t(order[size_t(j)]);
            d->topProb[r * 5 + size_t(j)] = prob[size_t(order[size_t(j)])];
        }
        if (order[0] != given) {
            d->suggested[r] = order[0];
            d->suggestionProb[r] = prob[size_t(order[0])];
        }
        float* f = features->data() + r * size_t(featureDim);
        for (int j = 0; j < featureDim; ++j)
            f[j] = (j % K == truth ? 3.f : 0.f) + 0.5f * gauss(rng);
    }
    d->sortByScore();
    d->features = features->data();
    d->featureDim = featureDim;
    d->featureOwner = features;
    return d;
}

}  // namespace winnow::widgets
