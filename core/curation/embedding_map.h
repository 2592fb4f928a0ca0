#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/curation/neighbours.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;
struct FeatureMatrix;

// A 2-D map of every sample (issue 14): PCA, or a neighbour-preserving layout (UMAP-style) on
// the FAISS k-nearest-neighbour graph, started from the PCA coordinates.
struct EmbeddingMapOptions {
    std::string method = "layout";  // "pca" | "layout"
    int k = 10;                     // neighbours of the layout's graph
    int epochs = 0;                 // layout epochs; 0 = automatic by size (layoutEpochsFor)
    int negativeSamples = 5;        // repulsive samples per attractive move
    double learningRate = 1.0;      // initial step, decaying linearly to 0 over the epochs
    uint64_t seed = 1;
    int64_t pcaTrainRows = 100000;  // PCA fitted on at most this many random rows
    int threads = 0;                // 0 = the machine's cores; 1 = deterministic for a seed
    NeighbourOptions neighbours;    // graph options (k and threads are taken from above; its own
                                    // seed is kept, so the IVF partition `issues` cached is reused)
    std::filesystem::path cacheDir; // where maps are cached; empty = not cached
};

struct EmbeddingMap {
    std::vector<int64_t> ids;  // sample ids, ascending (the features' rows)
    std::vector<float> xy;     // ids.size() x 2: x0, y0, x1, y1, ...
    std::string features;      // the features' name ("thumbnail-grey16", "run:3")
    std::string method;        // "pca" | "layout"
    nlohmann::json params;     // the parameters that decide the result (the cache key's input)
    double seconds = 0;        // time to compute it (graph included; 0 work when read from cache)
    double graphSeconds = 0;   // of which the neighbour graph
    int epochs = 0;            // layout epochs run (0 for PCA)
    std::string graphMethod;   // the neighbour graph's method, recall in params
    bool fromCache = false;
    std::string key;           // SHA-256 of the features' fingerprint, method and params

    int64_t n() const { return int64_t(ids.size()); }
};

// The two principal axes of the rows (fitted on at most `trainRows` random rows), applied to
// every row: n x 2, mean-centred, first column the direction of largest variance. Each axis's
// sign is fixed so that its largest-magnitude loading is positive.
std::vector<float> pcaProject2d(const FeatureView& features, int64_t trainRows = 100000, uint64_t seed = 1,
                                const CancelToken* cancel = nullptr);

// Epochs of the layout by size: 500 up to 10,000 points, 200 up to 100,000, then fewer down to
// 100 at 1,000,000 and beyond (the 1M points in under 5 minutes on 2 cores).
int layoutEpochsFor(int64_t n);

struct LayoutOptions {
    int epochs = 0;  // 0 = layoutEpochsFor(n)
    int negativeSamples = 5;
    double learningRate = 1.0;
    uint64_t seed = 1;
    int threads = 0;
};

// The neighbour-preserving layout: fuzzy edge weights from the graph's distances (per-row
// bandwidth, UMAP's smooth k-NN: the weights of a row sum to log2(k)), symmetrised (a + b - ab);
// then SGD from `init` (n x 2, rescaled to span [-10, 10]): each edge, sampled in proportion
// to its weight, pulls its ends together and pushes its head from `negativeSamples` random
// rows, with a step decaying linearly to 0. Edge chunks run in parallel without locks; with
// threads == 1 the result depends only on the inputs and the seed. Returns n x 2.
std::vector<float> neighbourLayout(const NeighbourGraph& graph, const std::vector<float>& init,
                                   const LayoutOptions& options, const ProgressFn& progress = {},
                                   const CancelToken* cancel = nullptr);

// The cache key of a map of these features with this method and these params.
std::string embeddingMapKey(const std::string& featuresFingerprint, const std::string& method,
                            const nlohmann::json& params);
// The params a map with these options records (and its key hashes).
nlohmann::json embeddingMapParams(const EmbeddingMapOptions& options, int64_t n);

// <cacheDir>/map-<features>-<method>.json (key, ids count, what) with .xy.f32 (n x 2) and
// .ids.i64 beside it; written atomically, the JSON last. The cached map when its key is `key`
// and its files are whole, else nothing.
std::optional<EmbeddingMap> loadCachedEmbeddingMap(const std::filesystem::path& cacheDir,
                                                   const std::string& features, const std::string& method,
                                                   const std::string& key);
void storeEmbeddingMap(const std::filesystem::path& cacheDir, const EmbeddingMap& map);

// The map of these features: the cached one when its key matches, else PCA (and for "layout"
// the neighbour graph and the layout), stored in options.cacheDir when set. Throws Error for a
// bad method or options, Cancelled when cancelled (nothing stored then).
EmbeddingMap computeEmbeddingMap(const FeatureMatrix& features, const EmbeddingMapOptions& options,
                                 const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// A project's map: scans the samples (cached), loads the features ("thumbnail" | "run:<id>" | "encoder:<model>",
// as CurationOptions.features) and computes or reads the map, cached in
// <cache>/curation/map/ (options.cacheDir, when empty) with the neighbour index in
// <cache>/curation/.
EmbeddingMap projectEmbeddingMap(Project& project, const std::string& features, EmbeddingMapOptions options,
                                 const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// CSV sample_id,x,y (x, y with 9 significant digits: the float32 values exactly) through the project's export file (a protected path is refused; nothing
// replaces `out` unless the whole file was written). Returns the number of rows.
int64_t exportEmbeddingMap(Project& project, const EmbeddingMap& map, const std::filesystem::path& out);

}  // namespace winnow::core
