#pragma once
// What the curation and map benchmarks share: timing, the load average beside a figure, and
// N x dim synthetic features in `clusters` Gaussian clusters (unit centres' spread 1, members
// 0.5 around them), not yet L2-normalised, with each row's cluster.
#include <chrono>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace winnow::bench {

using Clock = std::chrono::steady_clock;

inline double seconds(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

inline std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

struct ClusteredFeatures {
    std::vector<float> x;          // n x dim, row-major
    std::vector<int32_t> cluster;  // n
};

inline ClusteredFeatures clusteredFeatures(int64_t n, int dim, int clusters, std::mt19937_64& rng) {
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> centres(size_t(clusters) * size_t(dim));
    for (auto& c : centres) c = g(rng);
    ClusteredFeatures f;
    f.x.resize(size_t(n) * size_t(dim));
    f.cluster.resize(size_t(n));
    std::uniform_int_distribution<int> pick(0, clusters - 1);
    for (int64_t i = 0; i < n; ++i) {
        const int c = pick(rng);
        f.cluster[size_t(i)] = c;
        float* row = f.x.data() + i * dim;
        for (int k = 0; k < dim; ++k) row[k] = centres[size_t(c) * size_t(dim) + size_t(k)] + 0.5f * g(rng);
    }
    return f;
}

}  // namespace winnow::bench
