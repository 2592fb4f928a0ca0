#include "core/influence/influential_rank_scorer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/influence/last_layer_influence.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

// sigma_k values below this fraction of the largest sigma are float32 rounding noise.
constexpr double kSigmaRoundingLevel = 1e-5;

// Mean and population std of the finite values at `rows`.
std::pair<double, double> moments(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m += x;
    m /= double(std::max<size_t>(v.size(), 1));
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return {m, std::sqrt(s / double(std::max<size_t>(v.size(), 1)))};
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

int64_t countFlags(const std::vector<uint8_t>& consensus, int gamma) {
    int64_t c = 0;
    for (uint8_t v : consensus) c += v >= gamma;
    return c;
}

}  // namespace

int defaultGamma(int classes, double noiseRate) {
    double f = noiseRate > 0.4 ? 0.5 : 0.8;
    return std::clamp(int(std::lround(f * classes)), 1, std::max(classes, 1));
}

InfluentialRankResult scoreInfluentialRank(const LastLayerData& train,
                                           const LastLayerData& trusted,
                                           const InfluentialRankOptions& o, ProgressFn progress,
                                           const CancelToken* cancel) {
    const int K = train.classes;
    const int64_t n = train.n;
    if (n < 2) throw Error("Influential Rank: the working set needs at least 2 samples");
    InfluentialRankResult r;
    r.n = n;
    r.classes = K;
    // Trusted groups by verified label; a class without any makes OSD incomplete.
    std::vector<int32_t> group(size_t(std::max<int64_t>(trusted.n, 0)), -1);
    r.trustedPerClass.assign(size_t(K), 0);
    for (int64_t v = 0; v < trusted.n; ++v) {
        int32_t y = trusted.labels[v];
        if (y >= 0 && y < K) {
            group[size_t(v)] = y;
            ++r.trustedPerClass[size_t(y)];
        }
    }
    std::vector<std::string> missing;
    for (int k = 0; k < K; ++k) {
        if (r.trustedPerClass[size_t(k)] == 0) missing.push_back(std::to_string(k));
        else if (r.trustedPerClass[size_t(k)] < 5)
            r.warnings.push_back("class " + std::to_string(k) + " has only " +
                                 std::to_string(r.trustedPerClass[size_t(k)]) +
                                 " trusted samples (fewer than 5): its OSD is noisy");
    }
    r.osmOnly = !missing.empty();
    if (r.osmOnly) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        r.warnings.push_back("no trusted samples for class(es) " + list +
                             ": OSD needs a trusted set in every class, falling back to "
                             "OSM-only (gamma = 0, flagged = D_M)");
    }

    using Clock = std::chrono::steady_clock;
    auto secondsSince = [](Clock::time_point t) {
        return std::chrono::duration<double>(Clock::now() - t).count();
    };
    auto t0 = Clock::now();
    LastLayerInfluence inf(train, o.influence);
    r.secondsHessian = secondsSince(t0);
    t0 = Clock::now();
    r.solver = inf.solver();
    r.device = inf.device();
    std::vector<float> norm(static_cast<size_t>(n));
    std::vector<float> sigma(r.osmOnly ? 0 : size_t(n) * size_t(K));
    inf.score(train, norm.data(), r.osmOnly ? nullptr : &trusted, group.data(), K,
              r.osmOnly ? nullptr : sigma.data(), std::move(progress), cancel);

    r.secondsInfluence = secondsSince(t0);
    t0 = Clock::now();
    // OSM: z-score of s_i over the whole working set.
    std::vector<double> s(norm.begin(), norm.end());
    auto [ms, ss] = moments(s);
    r.osm.resize(size_t(n));
    r.inDM.resize(size_t(n));
    std::vector<int64_t> dm;
    for (int64_t i = 0; i < n; ++i) {
        r.osm[size_t(i)] = ss > 0 ? float((s[size_t(i)] - ms) / ss) : 0.0f;
        r.inDM[size_t(i)] = r.osm[size_t(i)] >= 0;
        if (r.inDM[size_t(i)]) dm.push_back(i);
    }
    r.osd.assign(size_t(n) * size_t(K), NAN);
    r.posteriorHigh.assign(size_t(n) * size_t(K), NAN);
    r.candidate.assign(size_t(n) * size_t(K), 0);
    r.consensus.assign(size_t(n), 0);
    r.gmm.assign(size_t(K), Gmm1d{});
    if (!r.osmOnly) {
        // sigma is accumulated in float32: a class whose sigma values are all at rounding
        // level next to the largest one (e.g. every trusted gradient of the class identical,
        // as with all-zero features) has no real spread, and z-scoring its float noise would
        // make false candidates. Such a class gets OSD 0 and no candidates.
        double sigmaMax = 0;
        for (int64_t i : dm)
            for (int k = 0; k < K; ++k)
                if (std::isfinite(sigma[size_t(i) * K + k])) sigmaMax = std::max(sigmaMax, double(sigma[size_t(i) * K + k]));
        for (int k = 0; k < K; ++k) {
            // OSD_k: z-score of sigma_k over D_M.
            std::vector<double> v;
            v.reserve(dm.size());
            double classMax = 0;
            for (int64_t i : dm) {
                v.push_back(sigma[size_t(i) * K + k]);
                if (std::isfinite(v.back())) classMax = std::max(classMax, std::abs(v.back()));
            }
            if (!dm.empty() && r.trustedPerClass[size_t(k)] > 0 && classMax <= kSigmaRoundingLevel * sigmaMax) {
                r.warnings.push_back("class " + std::to_string(k) +
                                     ": the influence of its trusted samples does not vary (spread at "
                                     "rounding level); it adds no OSD candidates");
                for (int64_t i : dm) r.osd[size_t(i) * K + size_t(k)] = 0.0f;
                continue;
            }
            auto [mk, sk] = moments(v);
            for (size_t j = 0; j < dm.size(); ++j) v[j] = sk > 0 ? (v[j] - mk) / sk : 0.0;
            GmmOptions go = o.gmm;
            go.seed = o.gmm.seed + uint64_t(k);
            const Gmm1d g = fitGmm1d(v, go);
            r.gmm[size_t(k)] = g;
            for (size_t j = 0; j < dm.size(); ++j) {
                size_t at = size_t(dm[j]) * K + size_t(k);
                r.osd[at] = float(v[j]);
                r.posteriorHigh[at] = g.valid ? float(g.posteriorHigh(v[j])) : NAN;
                if (g.valid && v[j] >= g.mean[0]) {
                    r.candidate[at] = 1;
                    ++r.consensus[size_t(dm[j])];
                }
            }
        }
    }
    r.secondsGmm = secondsSince(t0);
    // gamma and the noise-rate estimate (METHODS.md §4).
    if (r.osmOnly) {
        r.gammaDefault = r.gamma = 0;
        r.noiseRateEstimate = double(dm.size()) / double(n);
    } else {
        int half = std::clamp(int(std::lround(0.5 * K)), 1, K);
        r.noiseRateEstimate = double(countFlags(r.consensus, half)) / double(n);
        r.gammaDefault = defaultGamma(K, r.noiseRateEstimate);
        r.gamma = o.gamma > 0 ? std::min(o.gamma, K) : r.gammaDefault;
    }
    r.flag.assign(size_t(n), 0);
    r.score.assign(size_t(n), 0.0f);
    for (int64_t i = 0; i < n; ++i) {
        const size_t u = size_t(i);
        if (r.osmOnly) {
            r.flag[u] = r.inDM[u];
            r.score[u] = r.osm[u];
        } else if (r.inDM[u]) {
            r.flag[u] = r.consensus[u] >= r.gamma;
            // Consensus first; within a consensus level, the mean OSD breaks ties.
            double mean = 0;
            for (int k = 0; k < K; ++k) mean += r.osd[u * K + size_t(k)];
            r.score[u] = float(r.consensus[u] + 0.999 * logistic(mean / K));
        } else {
            // Outside D_M: below every D_M sample, ordered by OSM.
            r.score[u] = float(logistic(r.osm[u]) - 1.0);
        }
        r.flagged += r.flag[u];
    }
    return r;
}

}  // namespace winnow::core
