// Issue 14's map benchmark: N (default 1,000,000) x 128-d clustered random features (1,000
// clusters, L2-normalised, as bench/curation_bench makes them). Builds the k = 10 neighbour
// graph (timed apart: the target excludes it), then times PCA and the layout (the
// calls `winnow-cli map` makes) and reports peak memory: the whole process's (getrusage) and
// the layout phase's own (VmHWM after resetting it through /proc/self/clear_refs), with the
// load average around it. Quality: for 2,000 random points, the fraction of their 10 nearest
// 2-D neighbours (brute force over all points) from the same cluster, for PCA and the layout.
// Usage: map_bench [N] [epochs (0 = automatic)] [threads (0 = cores)]   (prints one JSON object)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "core/curation/embedding_map.h"
#include "core/curation/features.h"
#include "core/curation/neighbours.h"
#include "bench/clustered_features.h"
#include "core/util/json_text.h"

using namespace winnow::core;
using namespace winnow::bench;

// A field of /proc/self/status in MiB (VmRSS, VmHWM), -1 when unreadable.
static double statusMiB(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
    return -1;
}

static bool resetPeak() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return bool(out);
}

static double purity(const std::vector<float>& xy, const std::vector<int32_t>& cluster, const std::vector<int64_t>& queries) {
    const int64_t n = int64_t(cluster.size());
    int64_t same = 0;
    std::vector<std::pair<float, int64_t>> d(static_cast<size_t>(n));
    for (int64_t q : queries) {
        for (int64_t i = 0; i < n; ++i) {
            const float dx = xy[size_t(2 * i)] - xy[size_t(2 * q)], dy = xy[size_t(2 * i + 1)] - xy[size_t(2 * q + 1)];
            d[size_t(i)] = {i == q ? INFINITY : dx * dx + dy * dy, i};
        }
        std::partial_sort(d.begin(), d.begin() + 10, d.end());
        for (int j = 0; j < 10; ++j) same += cluster[size_t(d[size_t(j)].second)] == cluster[size_t(q)];
    }
    return double(same) / double(queries.size() * 10);
}

int main(int argc, char** argv) {
    const int64_t n = argc > 1 ? std::stoll(argv[1]) : 1000000;
    const int epochs = argc > 2 ? std::stoi(argv[2]) : 0;
    const int threads = argc > 3 ? std::stoi(argv[3]) : 0;
    const int dim = 128, clusters = 1000;
    nlohmann::json j;
    j["n"] = n;
    j["dim"] = dim;
    j["load_before"] = loadAverage();

    auto t = Clock::now();
    std::mt19937_64 rng(2026);
    auto [x, cluster] = clusteredFeatures(n, dim, clusters, rng);
    normaliseRows(x, dim);
    j["generate_seconds"] = seconds(t);
    const FeatureView view{x.data(), n, dim, "bench", "bench-map-2026"};

    NeighbourOptions no;
    no.k = 10;
    no.threads = threads;
    t = Clock::now();
    const NeighbourGraph graph = buildNeighbourGraph(view, no);
    j["graph_seconds"] = seconds(t);
    j["graph"] = {{"method", graph.method}, {"recall_at_10", graph.recall}};
    j["rss_before_map_mib"] = statusMiB("VmRSS");
    j["peak_reset"] = resetPeak();

    t = Clock::now();
    const std::vector<float> pca = pcaProject2d(view, 100000, 1);
    j["pca_seconds"] = seconds(t);
    LayoutOptions lo;
    lo.epochs = epochs;
    lo.threads = threads;
    j["epochs"] = epochs > 0 ? epochs : layoutEpochsFor(n);
    t = Clock::now();
    const std::vector<float> layout = neighbourLayout(graph, pca, lo);
    j["layout_seconds"] = seconds(t);
    j["map_seconds"] = double(j["pca_seconds"]) + double(j["layout_seconds"]);
    j["map_phase_peak_rss_mib"] = statusMiB("VmHWM");

    std::vector<int64_t> queries;
    std::uniform_int_distribution<int64_t> anyRow(0, n - 1);
    for (int i = 0; i < std::min<int64_t>(2000, n); ++i) queries.push_back(anyRow(rng));
    j["purity_10nn_pca"] = purity(pca, cluster, queries);
    j["purity_10nn_layout"] = purity(layout, cluster, queries);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    j["process_peak_rss_mib"] = double(ru.ru_maxrss) / 1024.0;
    j["user_cpu_seconds"] = double(ru.ru_utime.tv_sec) + ru.ru_utime.tv_usec / 1e6;
    j["load_after"] = loadAverage();
    std::cout << dumpJson(j, 1) << std::endl;
    return 0;
}
