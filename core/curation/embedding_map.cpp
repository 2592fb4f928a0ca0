#include "core/curation/embedding_map.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <thread>

#include <faiss/VectorTransform.h>
#include <faiss/impl/FaissException.h>

#include "core/curation/features.h"
#include "core/curation/raw_array_file.h"
#include "core/curation/sample_scan.h"
#include "core/store/project.h"
#include "core/train/cpu_tuning.h"
#include "core/util/atomic_file.h"
#include "core/util/csv.h"
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/util/sha256.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int threadCount(int threads) { return threads > 0 ? threads : std::max(1, int(std::thread::hardware_concurrency())); }

std::string safeName(const std::string& name) {
    std::string s;
    for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
    return s;
}

// splitmix64: small, fast, and the same sequence everywhere for a seed.
struct FastRng {
    uint64_t s;
    explicit FastRng(uint64_t seed) : s(seed) {}
    uint64_t next() {
        uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    uint32_t below(uint32_t n) { return uint32_t(((next() >> 32) * uint64_t(n)) >> 32); }
};

// Hogwild: coordinates are read and written by several threads without locks; relaxed atomic
// access keeps that defined (plain loads and stores on x86).
inline float load(const float& v) {
    return std::atomic_ref<float>(const_cast<float&>(v)).load(std::memory_order_relaxed);
}
inline void store(float& v, float x) { std::atomic_ref<float>(v).store(x, std::memory_order_relaxed); }

inline float clip4(float g) { return std::clamp(g, -4.0f, 4.0f); }

// Symmetric fuzzy edges of the graph (each unordered pair once).
struct Edges {
    std::vector<int32_t> head, tail;
    std::vector<float> weight;
};

Edges fuzzyEdges(const NeighbourGraph& g) {
    const int64_t n = g.n;
    const int k = g.k;
    std::vector<float> w(size_t(n) * size_t(k), 0.0f);
    // Per-row bandwidth (UMAP's smooth k-NN): rho = nearest non-zero distance, sigma such that
    // sum_j exp(-(d_j - rho) / sigma) = log2(neighbours).
    double meanDist = 0;
    int64_t counted = 0;
    for (size_t e = 0; e < g.dist.size(); ++e)
        if (g.nbr[e] >= 0 && std::isfinite(g.dist[e])) {
            meanDist += std::sqrt(double(g.dist[e]));
            ++counted;
        }
    meanDist = counted ? meanDist / double(counted) : 1.0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t* nb = g.nbr.data() + i * k;
        const float* ds = g.dist.data() + i * k;
        double d[1024];
        int m = 0;
        for (int j = 0; j < k && j < 1024; ++j)
            d[j] = (nb[j] >= 0 && std::isfinite(ds[j])) ? std::sqrt(double(std::max(0.0f, ds[j]))) : -1.0;
        double rho = 0;
        for (int j = 0; j < k && j < 1024; ++j) {
            if (d[j] < 0) continue;
            ++m;
            if (rho == 0 && d[j] > 0) rho = d[j];
        }
        if (m == 0) continue;
        const double target = std::log2(double(std::max(m, 2)));
        double lo = 0, hi = INFINITY, sigma = 1;
        for (int it = 0; it < 64; ++it) {
            double psum = 0;
            for (int j = 0; j < k && j < 1024; ++j)
                if (d[j] >= 0) psum += d[j] > rho ? std::exp(-(d[j] - rho) / sigma) : 1.0;
            if (std::abs(psum - target) < 1e-5) break;
            if (psum > target) {
                hi = sigma;
                sigma = (lo + hi) / 2;
            } else {
                lo = sigma;
                sigma = std::isinf(hi) ? sigma * 2 : (lo + hi) / 2;
            }
        }
        sigma = std::max(sigma, 1e-3 * meanDist);
        for (int j = 0; j < k && j < 1024; ++j)
            if (d[j] >= 0) w[size_t(i * k + j)] = float(d[j] > rho ? std::exp(-(d[j] - rho) / sigma) : 1.0);
    }
    Edges e;
    e.head.reserve(size_t(n) * size_t(k));
    e.tail.reserve(size_t(n) * size_t(k));
    e.weight.reserve(size_t(n) * size_t(k));
    for (int64_t i = 0; i < n; ++i) {
        for (int a = 0; a < k; ++a) {
            const int64_t j = g.nbr[size_t(i * k + a)];
            const float wij = w[size_t(i * k + a)];
            if (j < 0 || j == i || wij <= 0) continue;
            // The reverse edge's weight, when i is among j's neighbours.
            float wji = 0;
            bool reverse = false;
            for (int b = 0; b < k; ++b)
                if (g.nbr[size_t(j * k + b)] == i) {
                    wji = w[size_t(j * k + b)];
                    reverse = wji > 0;
                    break;
                }
            if (reverse && j < i) continue;  // added from j's side
            e.head.push_back(int32_t(i));
            e.tail.push_back(int32_t(j));
            e.weight.push_back(wij + wji - wij * wji);
        }
    }
    return e;
}

}  // namespace

std::vector<float> pcaProject2d(const FeatureView& f, int64_t trainRows, uint64_t seed, const CancelToken* cancel) {
    std::vector<float> out(size_t(f.n) * 2, 0.0f);
    if (f.n < 2 || f.dim < 1) return out;
    if (f.dim == 1) {  // one axis: the centred value, y = 0
        double mean = 0;
        for (int64_t i = 0; i < f.n; ++i) mean += f.data[i];
        mean /= double(f.n);
        for (int64_t i = 0; i < f.n; ++i) out[size_t(2 * i)] = float(f.data[i] - mean);
        return out;
    }
    SingleThreadedBlas oneBlas;  // small products; OpenBLAS's spinning threads only slow them here
    try {
        faiss::PCAMatrix pca(f.dim, 2);
        const int64_t nTrain = std::clamp<int64_t>(trainRows, 2, f.n);
        pca.max_points_per_d = size_t(nTrain / f.dim + 2);  // train on all the rows given (no resampling)
        std::vector<float> train;
        const float* trainData = f.data;
        if (nTrain < f.n) {
            std::mt19937_64 rng(seed + 11);
            std::vector<int64_t> rows(size_t(f.n));
            std::iota(rows.begin(), rows.end(), 0);
            // Partial Fisher-Yates: the first nTrain of a random permutation, then in row order.
            for (int64_t i = 0; i < nTrain; ++i) {
                std::uniform_int_distribution<int64_t> pick(i, f.n - 1);
                std::swap(rows[size_t(i)], rows[size_t(pick(rng))]);
            }
            rows.resize(size_t(nTrain));
            std::sort(rows.begin(), rows.end());
            train.resize(size_t(nTrain) * size_t(f.dim));
            for (size_t i = 0; i < rows.size(); ++i)
                std::copy_n(f.data + rows[i] * f.dim, f.dim, train.begin() + std::ptrdiff_t(i * size_t(f.dim)));
            trainData = train.data();
        }
        pca.train(nTrain, trainData);
        if (cancel) cancel->throwIfCancelled();
        // A fixed sign per axis: its largest-magnitude loading positive.
        for (int r = 0; r < 2; ++r) {
            float* row = pca.A.data() + size_t(r) * size_t(f.dim);
            const auto big = std::max_element(row, row + f.dim, [](float a, float b) { return std::abs(a) < std::abs(b); });
            if (*big < 0) {
                for (int j = 0; j < f.dim; ++j) row[j] = -row[j];
                pca.b[size_t(r)] = -pca.b[size_t(r)];
            }
        }
        constexpr int64_t kBlock = 65536;
        for (int64_t b = 0; b < f.n; b += kBlock) {
            if (cancel) cancel->throwIfCancelled();
            pca.apply_noalloc(std::min(kBlock, f.n - b), f.data + b * f.dim, out.data() + b * 2);
        }
    } catch (const faiss::FaissException& e) {
        throw Error("PCA of " + f.name + ": FAISS failed: " + e.what());
    }
    for (float& v : out)
        if (!std::isfinite(v)) v = 0;
    return out;
}

int layoutEpochsFor(int64_t n) {
    if (n <= 10000) return 500;
    if (n <= 100000) return 200;
    if (n >= 1000000) return 100;
    // log-linear from 200 at 100k to 100 at 1M. bench/map_bench, 128-d, 1,000 clusters, loaded
    // 2-core machine: 100k points, 200 epochs 12.6 s (2-D 10-NN cluster purity 0.9998), 50
    // epochs 3.0 s (0.992); time grows with edges x epochs.
    const double t = std::log10(double(n) / 1e5);
    return int(std::lround(200.0 - 100.0 * t));
}

std::vector<float> neighbourLayout(const NeighbourGraph& g, const std::vector<float>& init, const LayoutOptions& o,
                                   const ProgressFn& progress, const CancelToken* cancel) {
    const int64_t n = g.n;
    if (int64_t(init.size()) != 2 * n) throw Error("layout: the start coordinates do not match the graph's rows");
    if (n >= int64_t(INT32_MAX)) throw Error("layout: more than 2^31 points");
    std::vector<float> y = init;
    // Rescale the start to span [-10, 10] (the layout's natural scale), keeping its shape.
    float maxAbs = 0;
    for (float v : y) maxAbs = std::max(maxAbs, std::abs(v));
    {
        std::mt19937_64 rng(o.seed + 3);
        std::normal_distribution<float> jitter(0.0f, 1e-4f);
        const float s = maxAbs > 0 ? 10.0f / maxAbs : 1.0f;
        for (float& v : y) v = v * s + jitter(rng);
    }
    if (n < 2) return y;
    if (progress) progress({0.0, "Weighting the neighbour graph"});
    Edges e = fuzzyEdges(g);
    if (cancel) cancel->throwIfCancelled();
    const int epochs = o.epochs > 0 ? o.epochs : layoutEpochsFor(n);
    const size_t m = e.weight.size();
    if (m == 0) return y;
    const float wmax = *std::max_element(e.weight.begin(), e.weight.end());
    // Edges sampled in proportion to their weight: an edge of weight w every wmax/w epochs
    // (those rarer than once in the whole run are left out, as UMAP does).
    std::vector<float> perSample(m), nextSample(m), nextNegative(m);
    const float negRate = float(std::max(0, o.negativeSamples));
    for (size_t i = 0; i < m; ++i) {
        const float w = e.weight[i];
        perSample[i] = w * float(epochs) >= wmax ? wmax / w : -1.0f;
        nextSample[i] = perSample[i];
        nextNegative[i] = negRate > 0 ? perSample[i] / negRate : -1.0f;
    }
    e.weight = {};

    constexpr float a = 1.0f;  // the 2-D kernel 1 / (1 + a d^2) (UMAP's curve with b = 1)
    constexpr size_t kChunk = 16384;
    const size_t chunks = (m + kChunk - 1) / kChunk;
    const int threads = threadCount(o.threads);
    const uint32_t nn = uint32_t(n);
    float* Y = y.data();
    for (int epoch = 0; epoch < epochs; ++epoch) {
        const float alpha = float(o.learningRate * (1.0 - double(epoch) / double(epochs)));
        const float now = float(epoch + 1);
        parallelFor("map layout", chunks, threads, [&](size_t c, int) {
            FastRng rng(o.seed * 0x2545F4914F6CDD1DULL + uint64_t(epoch) * 1000003ULL + c);
            const size_t end = std::min(m, (c + 1) * kChunk);
            for (size_t i = c * kChunk; i < end; ++i) {
                if (perSample[i] <= 0 || nextSample[i] > now) continue;
                float* yi = Y + 2 * size_t(e.head[i]);
                float* yj = Y + 2 * size_t(e.tail[i]);
                float xi = load(yi[0]), vi = load(yi[1]);
                const float dx = xi - load(yj[0]), dy = vi - load(yj[1]);
                const float d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    const float coef = -2.0f * a / (1.0f + a * d2);
                    const float gx = clip4(coef * dx) * alpha, gy = clip4(coef * dy) * alpha;
                    xi += gx;
                    vi += gy;
                    store(yj[0], load(yj[0]) - gx);
                    store(yj[1], load(yj[1]) - gy);
                }
                nextSample[i] += perSample[i];
                int negatives = 0;
                if (nextNegative[i] > 0) {  // negRate per attractive move, on average
                    const float perNegative = perSample[i] / negRate;
                    negatives = std::max(0, int((now - nextNegative[i]) / perNegative));
                    nextNegative[i] += float(negatives) * perNegative;
                }
                for (int s = 0; s < negatives; ++s) {
                    const uint32_t r = rng.below(nn);
                    if (int32_t(r) == e.head[i]) continue;
                    const float* yk = Y + 2 * size_t(r);
                    const float ex = xi - load(yk[0]), ey = vi - load(yk[1]);
                    const float e2 = ex * ex + ey * ey;
                    if (e2 > 0) {
                        const float coef = 2.0f / ((0.001f + e2) * (1.0f + a * e2));
                        xi += clip4(coef * ex) * alpha;
                        vi += clip4(coef * ey) * alpha;
                    } else {
                        xi += 4.0f * alpha;
                        vi += 4.0f * alpha;
                    }
                }
                store(yi[0], xi);
                store(yi[1], vi);
            }
        }, cancel);
        if (progress) progress({double(epoch + 1) / double(epochs), "Laying out the map"});
    }
    for (float& v : y)
        if (!std::isfinite(v)) v = 0;
    return y;
}

nlohmann::json embeddingMapParams(const EmbeddingMapOptions& o, int64_t n) {
    nlohmann::json p = {{"format", 1}, {"method", o.method}, {"seed", o.seed}, {"pca_train_rows", o.pcaTrainRows}};
    if (o.method == "layout") {
        p["k"] = o.k;
        p["epochs"] = o.epochs > 0 ? o.epochs : layoutEpochsFor(n);
        p["negative_samples"] = o.negativeSamples;
        p["learning_rate"] = o.learningRate;
        p["exact_up_to"] = o.neighbours.exactUpTo;
        p["target_recall"] = o.neighbours.targetRecall;
        p["kernel"] = "1/(1+d^2)";
    }
    return p;
}

std::string embeddingMapKey(const std::string& fingerprint, const std::string& method, const nlohmann::json& params) {
    return sha256Hex(fingerprint + "|embedding-map|" + method + "|" + dumpJson(params));
}

namespace {

struct MapFiles {
    fs::path json, xy, ids;
};

MapFiles mapFiles(const fs::path& dir, const std::string& features, const std::string& method) {
    const std::string stem = "map-" + safeName(features) + "-" + safeName(method);
    return {dir / (stem + ".json"), dir / (stem + ".xy.f32"), dir / (stem + ".ids.i64")};
}

}  // namespace

std::optional<EmbeddingMap> loadCachedEmbeddingMap(const fs::path& dir, const std::string& features,
                                                   const std::string& method, const std::string& key) {
    const MapFiles files = mapFiles(dir, features, method);
    std::error_code ec;
    if (dir.empty() || !fs::exists(files.json, ec)) return std::nullopt;
    try {
        const nlohmann::json meta = readJsonFile(files.json);
        if (jsonString(jsonField(meta, "key")) != key) return std::nullopt;
        const int64_t n = jsonInt(jsonField(meta, "n"), -1);
        if (n < 0) return std::nullopt;
        EmbeddingMap m;
        if (!readRawArray(files.ids, m.ids, size_t(n)) || !readRawArray(files.xy, m.xy, size_t(n) * 2)) return std::nullopt;
        for (size_t i = 1; i < m.ids.size(); ++i)
            if (m.ids[i] <= m.ids[i - 1]) return std::nullopt;
        for (float v : m.xy)
            if (!std::isfinite(v)) return std::nullopt;
        m.features = features;
        m.method = method;
        m.params = jsonField(meta, "params");
        m.seconds = jsonDouble(jsonField(meta, "seconds"));
        m.graphSeconds = jsonDouble(jsonField(meta, "graph_seconds"));
        m.epochs = int(jsonInt(jsonField(meta, "epochs")));
        m.graphMethod = jsonString(jsonField(meta, "graph_method"));
        m.key = key;
        m.fromCache = true;
        return m;
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged cache is recomputed
    }
}

void storeEmbeddingMap(const fs::path& dir, const EmbeddingMap& m) {
    const MapFiles files = mapFiles(dir, m.features, m.method);
    fs::create_directories(dir);
    std::error_code ec;
    fs::remove(files.json, ec);  // the key goes last: a half-written map is never read back
    {
        AtomicFile f(files.xy, AtomicFile::Sync::No);
        f.write(m.xy.data(), m.xy.size() * sizeof(float));
        f.commit();
    }
    {
        AtomicFile f(files.ids, AtomicFile::Sync::No);
        f.write(m.ids.data(), m.ids.size() * sizeof(int64_t));
        f.commit();
    }
    const nlohmann::json meta = {{"key", m.key},        {"features", m.features},     {"method", m.method},
                                 {"n", m.n()},          {"params", m.params},         {"seconds", m.seconds},
                                 {"graph_seconds", m.graphSeconds}, {"epochs", m.epochs},
                                 {"graph_method", m.graphMethod},
                                 {"what", "2-D map: .xy.f32 holds n x 2 float32 (x, y per sample), .ids.i64 the sample ids"}};
    writeFileAtomically(files.json, dumpJson(meta, 1));
}

EmbeddingMap computeEmbeddingMap(const FeatureMatrix& features, const EmbeddingMapOptions& o, const ProgressFn& progress,
                                 const CancelToken* cancel) {
    if (o.method != "pca" && o.method != "layout") throw Error("map: method '" + o.method + "': expected pca or layout");
    if (o.k < 1 || o.k > 1000) throw Error("map: k must be between 1 and 1000");
    if (o.epochs < 0 || o.epochs > 100000) throw Error("map: epochs must be between 0 (automatic) and 100000");
    if (o.negativeSamples < 0 || o.negativeSamples > 100) throw Error("map: negative samples must be between 0 and 100");
    if (!(o.learningRate > 0 && o.learningRate <= 100)) throw Error("map: the learning rate must be in (0, 100]");
    if (o.pcaTrainRows < 2) throw Error("map: PCA needs at least 2 training rows");
    const auto t0 = Clock::now();
    EmbeddingMap m;
    m.features = features.name;
    m.method = o.method;
    m.ids = features.ids;
    m.params = embeddingMapParams(o, features.n());
    m.key = embeddingMapKey(features.fingerprint, o.method, m.params);
    if (!o.cacheDir.empty()) {
        if (auto cached = loadCachedEmbeddingMap(o.cacheDir, features.name, o.method, m.key)) {
            if (cached->ids == features.ids) {
                if (progress) progress({1.0, "Map read from the cache"});
                return *cached;
            }
        }
    }
    auto phase = [&](double from, double to) -> ProgressFn {
        if (!progress) return {};
        return [=](const Progress& p) { progress({from + (to - from) * p.fraction, p.message}); };
    };
    const FeatureView view = features.view();
    if (progress) progress({0.0, "Principal axes (PCA)"});
    std::vector<float> pca = pcaProject2d(view, o.pcaTrainRows, o.seed, cancel);
    if (o.method == "pca") {
        m.xy = std::move(pca);
    } else {
        NeighbourOptions nopt = o.neighbours;
        nopt.k = o.k;
        nopt.threads = o.threads;  // its seed stays: the IVF partition cached for `issues` is reused
        const auto tg = Clock::now();
        const NeighbourGraph graph = buildNeighbourGraph(view, nopt, phase(0.02, 0.4), cancel);
        m.graphSeconds = since(tg);
        m.graphMethod = graph.method;
        m.params["graph_recall"] = graph.recall;
        LayoutOptions lo;
        lo.epochs = o.epochs;
        lo.negativeSamples = o.negativeSamples;
        lo.learningRate = o.learningRate;
        lo.seed = o.seed;
        lo.threads = o.threads;
        m.epochs = o.epochs > 0 ? o.epochs : layoutEpochsFor(features.n());
        m.xy = neighbourLayout(graph, pca, lo, phase(0.4, 1.0), cancel);
    }
    if (cancel) cancel->throwIfCancelled();
    m.seconds = since(t0);
    if (!o.cacheDir.empty()) {
        // graph_recall is a result, not an input: the key was made before it was added.
        try {
            storeEmbeddingMap(o.cacheDir, m);
        } catch (const std::exception&) {
            // Not cached (read-only or full disk): the map is still returned.
        }
    }
    return m;
}

EmbeddingMap projectEmbeddingMap(Project& project, const std::string& features, EmbeddingMapOptions o,
                                 const ProgressFn& progress, const CancelToken* cancel) {
    auto phase = [&](double from, double to) -> ProgressFn {
        if (!progress) return {};
        return [=](const Progress& p) { progress({from + (to - from) * p.fraction, p.message}); };
    };
    const SampleScan scan = scanSamples(project, phase(0.0, 0.2), cancel, o.threads);
    const FeatureMatrix f = loadFeatures(project, features, scan, phase(0.2, 0.3), cancel);
    const fs::path curation = project.cacheDir() / "curation";
    std::error_code ec;
    fs::create_directories(curation / "map", ec);
    if (!ec) {
        if (o.cacheDir.empty()) o.cacheDir = curation / "map";
        if (o.neighbours.cacheDir.empty()) o.neighbours.cacheDir = curation;
    }
    return computeEmbeddingMap(f, o, phase(0.3, 1.0), cancel);
}

int64_t exportEmbeddingMap(Project& project, const EmbeddingMap& m, const fs::path& out) {
    AtomicFile f = project.createExportFile(out);
    f << csvHeader({"sample_id", "x", "y"});
    // 9 significant digits read back as the same float32.
    for (int64_t i = 0; i < m.n(); ++i)
        f << CsvRow().integer(m.ids[size_t(i)]).significant(m.xy[size_t(2 * i)], 9).significant(m.xy[size_t(2 * i + 1)], 9).line();
    f.commit();
    return m.n();
}

}  // namespace winnow::core
