#include "core/influence/noise_injection.h"

#include <algorithm>
#include <random>

#include "core/util/error.h"

namespace winnow::core {

NoiseOutcome injectNoise(const std::vector<int32_t>& y, const std::vector<uint8_t>& eligible,
                         int K, const NoiseSpec& spec, int trustedPerClass) {
    if (K < 2) throw Error("noise injection needs at least 2 classes");
    if (!(spec.rate >= 0.0 && spec.rate <= 1.0))
        throw Error("noise rate must be between 0 and 1");
    if (y.size() != eligible.size()) throw Error("noise injection: label and mask sizes differ");
    std::vector<int> map = spec.pairMap;
    if (spec.kind == "asymmetric") {
        if (map.empty())
            for (int k = 0; k < K; ++k) map.push_back((k + 1) % K);
        if (int(map.size()) != K) throw Error("asymmetric noise: the class map needs K entries");
        for (int k = 0; k < K; ++k)
            if (map[size_t(k)] < 0 || map[size_t(k)] >= K || map[size_t(k)] == k)
                throw Error("asymmetric noise: class " + std::to_string(k) +
                            " must map to a different valid class");
    } else if (spec.kind != "symmetric") {
        throw Error("unknown noise kind '" + spec.kind + "' (use symmetric or asymmetric)");
    }
    NoiseOutcome out;
    out.labels = y;
    out.flipped.assign(y.size(), 0);
    out.trusted.assign(y.size(), 0);
    std::mt19937_64 rng(spec.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<int> other(0, K - 2);
    for (size_t i = 0; i < y.size(); ++i) {
        if (!eligible[i] || y[i] < 0 || y[i] >= K) continue;
        // Draw both numbers for every row so the flip pattern of row i does not depend on
        // the kind.
        double coin = u(rng);
        int o = other(rng);
        if (coin >= spec.rate) continue;
        int nl = spec.kind == "symmetric" ? (o >= y[i] ? o + 1 : o) : map[size_t(y[i])];
        out.labels[i] = nl;
        out.flipped[i] = 1;
        ++out.flippedCount;
    }
    out.trustedPerClass.assign(size_t(K), 0);
    std::vector<std::vector<size_t>> pool(static_cast<size_t>(K));
    for (size_t i = 0; i < y.size(); ++i)
        if (eligible[i] && !out.flipped[i] && y[i] >= 0 && y[i] < K) pool[size_t(y[i])].push_back(i);
    for (int k = 0; k < K; ++k) {
        auto& p = pool[size_t(k)];
        std::shuffle(p.begin(), p.end(), rng);
        size_t take = std::min(p.size(), size_t(std::max(trustedPerClass, 0)));
        for (size_t t = 0; t < take; ++t) out.trusted[p[t]] = 1;
        out.trustedPerClass[size_t(k)] = int64_t(take);
    }
    return out;
}

}  // namespace winnow::core
