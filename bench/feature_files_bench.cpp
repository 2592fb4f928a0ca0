// Issue 14: the neighbour graph from a run's features memory-mapped (runFeatures: a normalised
// copy in the cache, mapped) against the same rows read into memory first (how runFeatures
// worked before session 14), at N x dim. One mode per process, so each peak is its own:
//   feature_files_bench make DIR [N=1000000] [DIM=128]   a project with one finished run whose
//                                                         features.f32 holds clustered rows
//   feature_files_bench held DIR      read + normalise into memory, then the graph
//   feature_files_bench mapped DIR    runFeatures (builds the copy or reuses it), then the graph
// Prints one JSON object: seconds for the features and the graph, the peak resident memory
// (VmHWM) and the peak of its anonymous part (RssAnon, sampled every 5 ms): the mapped rows are
// file pages, which the kernel can drop and read again, not the process's own memory.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "bench/clustered_features.h"
#include "core/curation/features.h"
#include "core/curation/neighbours.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using namespace winnow::bench;

namespace {

int64_t statusKb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stoll(line.substr(key.size()));
    return -1;
}

struct AnonPeak {
    std::atomic<bool> stop{false};
    std::atomic<int64_t> peak{0};
    std::thread t{[this] {
        while (!stop) {
            peak = std::max(peak.load(), statusKb("RssAnon"));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }};
    int64_t finish() {
        stop = true;
        t.join();
        return std::max(peak.load(), statusKb("RssAnon"));
    }
};

int make(const fs::path& dir, int64_t n, int dim) {
    fs::create_directories(dir);
    auto p = Project::create(dir / "bench.winnow");
    p->db().exec("INSERT INTO runs(created_at, state, kind, config_json, outputs_dir) VALUES('t','done','train','{}','runs/1')");
    std::mt19937_64 rng(2026);
    auto [x, cluster] = clusteredFeatures(n, dim, 1000, rng);
    std::vector<int64_t> ids(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) ids[size_t(i)] = i + 1;
    std::vector<float> logits(static_cast<size_t>(n), 0.0f), loss(static_cast<size_t>(n), 0.0f);
    RunOutputsWriter w(p->cacheDir() / "runs" / "1", {n, 1, dim, "bench"});
    w.append(ids.data(), logits.data(), x.data(), loss.data(), n);
    w.finish();
    std::cout << "{\"made\":" << n << ",\"dim\":" << dim << "}\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: feature_files_bench make|held|mapped DIR [N] [DIM]\n";
        return 2;
    }
    const std::string mode = argv[1];
    const fs::path dir = argv[2];
    if (mode == "make") return make(dir, argc > 3 ? std::stoll(argv[3]) : 1000000, argc > 4 ? std::stoi(argv[4]) : 128);
    auto project = Project::open(dir / "bench.winnow");
    AnonPeak anon;
    nlohmann::json j;
    j["mode"] = mode;
    j["load_before"] = loadAverage();
    auto t = Clock::now();
    FeatureMatrix f;
    if (mode == "held") {  // the rows read into memory and normalised there
        auto out = RunOutputs::open(project->cacheDir() / "runs" / "1");
        f.dim = out->meta().features;
        f.ids.assign(out->sampleIds(), out->sampleIds() + out->meta().n);
        std::vector<float> rows(out->features(), out->features() + out->meta().n * f.dim);
        normaliseRows(rows, f.dim);
        f.rows = FloatRows::held(std::move(rows));
        f.name = "run:1";
        f.fingerprint = "held";
    } else if (mode == "mapped") {
        f = runFeatures(*project, 1);
        j["features_mapped"] = f.rows->isMapped();
        j["cache_warning"] = f.cacheWarning;
    } else {
        std::cerr << "unknown mode " << mode << "\n";
        return 2;
    }
    j["features_s"] = seconds(t);
    t = Clock::now();
    NeighbourOptions o;
    o.k = 10;
    const NeighbourGraph g = buildNeighbourGraph(f.view(), o);
    j["graph_s"] = seconds(t);
    j["method"] = g.method;
    j["recall_at_10"] = g.recall;
    j["n"] = g.n;
    j["peak_rss_mib"] = double(statusKb("VmHWM")) / 1024.0;
    j["peak_anon_mib"] = double(anon.finish()) / 1024.0;
    j["rss_file_mib_at_end"] = double(statusKb("RssFile")) / 1024.0;
    j["load_after"] = loadAverage();
    std::cout << dumpJson(j) << "\n";
    return 0;
}
