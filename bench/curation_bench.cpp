// Issue 14's engine benchmark: N (default 1,000,000) x 128-d clustered random features (1,000
// clusters, 10 "classes"), with planted near copies and far-away outliers. Times the k = 10
// neighbour graph (FAISS, the same call `winnow-cli issues` makes), reports its recall@10
// against exact search on 1,000 queries, then the duplicate groups, outliers and neighbour
// label conflicts from the graph; peak memory from getrusage; the load average with it.
// Usage: curation_bench [N] [dim] [exactUpTo]   (prints one JSON object)
// With WINNOW_BENCH_DUMP=DIR it also writes, for a peer to run on the same rows: meta.json,
// features.f32 (the unit rows), labels.i32, and Winnow's groups at the automatic threshold
// (winnow_groups.json: lists of rows) with its outlier flags and scores (winnow_outlier.u8/.f32).
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "core/curation/duplicates.h"
#include "core/curation/features.h"
#include "core/curation/neighbour_scores.h"
#include "core/curation/neighbours.h"
#include "bench/clustered_features.h"
#include "core/util/json_text.h"

namespace {
template <class T>
void writeRaw(const std::string& file, const std::vector<T>& v) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(T)));
}
}  // namespace

using namespace winnow::core;
using namespace winnow::bench;

int main(int argc, char** argv) {
    const int64_t n = argc > 1 ? std::stoll(argv[1]) : 1000000;
    const int dim = argc > 2 ? std::stoi(argv[2]) : 128;
    const int clusters = 1000, planted = 1000, outliers = 1000;
    nlohmann::json j;
    j["n"] = n;
    j["dim"] = dim;
    j["load_before"] = loadAverage();

    auto t = Clock::now();
    std::mt19937_64 rng(2026);
    auto [x, cluster] = clusteredFeatures(n, dim, clusters, rng);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<int32_t> label(static_cast<size_t>(n));
    std::vector<int8_t> split(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        label[size_t(i)] = cluster[size_t(i)] % 10;
        split[size_t(i)] = u(rng) < 0.8f ? 0 : 2;
        if (i < outliers)  // far from every cluster: a random direction, scaled up
            for (int k = 0; k < dim; ++k) x[size_t(i * dim + k)] = 3.0f * g(rng);
    }
    // Planted near copies: rows n-planted.. copy rows outliers..outliers+planted with tiny noise.
    for (int p = 0; p < planted; ++p) {
        const float* src = x.data() + (outliers + p) * dim;
        float* dst = x.data() + (n - planted + p) * dim;
        for (int k = 0; k < dim; ++k) dst[k] = src[k] + 0.01f * g(rng);
    }
    normaliseRows(x, dim);
    j["generate_seconds"] = seconds(t);

    NeighbourOptions o;
    o.k = 10;
    o.recallQueries = 1000;
    if (argc > 3) o.exactUpTo = std::stoll(argv[3]);
    t = Clock::now();
    const NeighbourGraph graph = buildNeighbourGraph({x.data(), n, dim, "bench", "bench-2026"}, o);
    j["graph_seconds"] = seconds(t);
    j["graph"] = {{"method", graph.method}, {"recall_at_10", graph.recall}, {"recall_queries", graph.recallQueries},
                  {"index_seconds", graph.indexSeconds}, {"search_seconds", graph.searchSeconds}};

    t = Clock::now();
    DuplicateInput din;
    din.n = n;
    din.graph = &graph;
    din.nearThreshold = 0.002f;  // the planted copies sit near 0.0002 here, distinct rows above 0.1
    din.label = label.data();
    din.split = split.data();
    const auto groups = findDuplicateGroups(din);
    const double groupSeconds = seconds(t);
    t = Clock::now();
    const OutlierScores out = scoreOutliers(graph, label.data());
    const double outlierSeconds = seconds(t);
    t = Clock::now();
    const auto conflict = neighbourLabelConflict(graph, label.data());
    const double conflictSeconds = seconds(t);
    int64_t plantedFound = 0, flagged = 0, outliersFlagged = 0;
    for (const auto& gr : groups)
        if (gr.rows.size() == 2 && gr.rows[0] >= outliers && gr.rows[0] < outliers + planted &&
            gr.rows[1] == gr.rows[0] + n - planted - outliers)
            ++plantedFound;
    for (int64_t i = 0; i < n; ++i) {
        flagged += out.flag[size_t(i)];
        if (i < outliers) outliersFlagged += out.flag[size_t(i)];
    }
    j["groups_seconds"] = groupSeconds;
    j["outliers_seconds"] = outlierSeconds;
    j["label_conflict_seconds"] = conflictSeconds;
    j["groups_plus_outliers_seconds"] = groupSeconds + outlierSeconds + conflictSeconds;
    j["groups"] = int64_t(groups.size());
    j["planted_pairs_found"] = plantedFound;
    j["planted_pairs"] = planted;
    j["outliers_flagged"] = flagged;
    j["planted_outliers_flagged"] = outliersFlagged;
    j["planted_outliers"] = outliers;
    j["conflict_rows"] = int64_t(conflict.size());
    if (const char* dump = std::getenv("WINNOW_BENCH_DUMP")) {
        const std::string d = dump;
        double median = 0;
        DuplicateInput autoIn = din;
        autoIn.nearThreshold = float(automaticNearThreshold(graph, median));
        t = Clock::now();
        const auto autoGroups = findDuplicateGroups(autoIn);
        nlohmann::json g = nlohmann::json::array();
        for (const auto& gr : autoGroups) g.push_back(gr.rows);
        std::ofstream(d + "/winnow_groups.json") << dumpJson(g);
        writeRaw(d + "/features.f32", x);
        writeRaw(d + "/labels.i32", label);
        writeRaw(d + "/winnow_outlier.u8", out.flag);
        writeRaw(d + "/winnow_outlier.f32", out.score);
        std::ofstream(d + "/meta.json") << dumpJson(nlohmann::json{{"n", n}, {"dim", dim}, {"outliers", outliers},
                                                                  {"planted_copies", planted},
                                                                  {"layout", "rows [0, outliers) are far outliers; row n - planted_copies + p is a near copy of row outliers + p"}});
        j["dump"] = {{"dir", d}, {"auto_threshold", autoIn.nearThreshold}, {"median_nearest", median},
                     {"auto_groups", int64_t(autoGroups.size())}, {"auto_groups_seconds", seconds(t)}};
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    j["peak_rss_mib"] = double(ru.ru_maxrss) / 1024.0;
    j["user_cpu_seconds"] = double(ru.ru_utime.tv_sec) + ru.ru_utime.tv_usec / 1e6;
    j["load_after"] = loadAverage();
    std::cout << dumpJson(j, 1) << std::endl;
    return 0;
}
