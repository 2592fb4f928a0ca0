#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/progress.h"

namespace winnow::core {

// Row-major n x dim float32 features (rows L2-normalised by whoever made them), with the name
// results carry ("thumbnail-grey16", "run:3") and a fingerprint of their bytes.
struct FeatureView {
    const float* data = nullptr;
    int64_t n = 0;
    int dim = 0;
    std::string name;
    std::string fingerprint;
};

struct NeighbourOptions {
    int k = 10;
    // Exact search (brute force, BLAS) up to this many rows; beyond, an IVF partition: FAISS
    // k-means lists, each list's rows searched against the rows of its nprobe nearest lists
    // as one BLAS block. Measured with bench/curation_bench (128-d, loaded 2-core machine, wall
    // / CPU seconds): 10,000 exact 1.5/1.3 vs IVF 11.1/5.4; 20,000 exact 5.7/3.0 vs IVF
    // 12.1/5.8; 50,000 exact 30.8/15.1 vs IVF 3.9/2.7 (recall 0.954).
    int64_t exactUpTo = 30000;
    int nlist = 0;               // IVF lists; 0 = sqrt(n)
    int nprobe = 0;              // lists probed; 0 = the smallest power of two reaching targetRecall
    double targetRecall = 0.95;  // + 0.01 on a tuning sample of queries, disjoint from the reported one
    int recallQueries = 1000;    // queries whose recall@k against exact search is reported
    uint64_t seed = 1;
    std::filesystem::path cacheDir;  // where the IVF index is kept; empty = not cached
    int threads = 0;                 // FAISS's OpenMP threads; 0 = the machine's cores
};

// The k nearest other rows of every row (self excluded), by squared L2 distance, ascending.
struct NeighbourGraph {
    int64_t n = 0;
    int k = 0;
    std::vector<int64_t> nbr;   // n x k row indices, -1 where fewer than k exist
    std::vector<float> dist;    // n x k squared L2 distances
    bool exact = true;
    std::string method;         // "exact (...)" or "IVF join (...) nlist=.. nprobe=.."
    int nlist = 0, nprobe = 0;
    double recall = 1.0;        // mean recall@k against exact search on `recallQueries` rows
    int recallQueries = 0;
    bool indexFromCache = false;
    std::string indexFile;
    double indexSeconds = 0, searchSeconds = 0;
};

NeighbourGraph buildNeighbourGraph(const FeatureView& features, const NeighbourOptions& options,
                                   const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// Exact k nearest other rows of the `queries` rows (brute force over all rows), for recall.
void exactNeighboursOf(const FeatureView& features, const std::vector<int64_t>& queries, int k,
                       std::vector<int64_t>& nbr, std::vector<float>& dist);
// Mean over the queries of |approx ∩ exact| / (exact neighbours that exist).
double recallAtK(const NeighbourGraph& graph, const std::vector<int64_t>& queries,
                 const std::vector<int64_t>& exactNbr, int k);

}  // namespace winnow::core
