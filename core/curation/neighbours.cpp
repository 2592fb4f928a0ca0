#include "core/curation/neighbours.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <numeric>
#include <random>
#include <thread>

#include <faiss/IndexFlat.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/index_io.h>
#include <omp.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

using Clock = std::chrono::steady_clock;
using FaissIdx = faiss::Index::idx_t;  // faiss::idx_t from FAISS 1.7.4 on
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Searches k+1 and drops the row itself (wherever exact duplicates put it), else the last.
void searchBlock(const faiss::Index& index, const float* x, int64_t first, int64_t count, int k,
                 int64_t* nbrOut, float* distOut) {
    std::vector<FaissIdx> labels(size_t(count) * size_t(k + 1));
    std::vector<float> dist(labels.size());
    index.search(count, x, k + 1, dist.data(), labels.data());
    for (int64_t q = 0; q < count; ++q) {
        const int64_t self = first + q;
        int out = 0;
        bool skipped = false;
        for (int j = 0; j <= k && out < k; ++j) {
            const FaissIdx id = labels[size_t(q) * size_t(k + 1) + size_t(j)];
            if (!skipped && id == self) {
                skipped = true;
                continue;
            }
            nbrOut[q * k + out] = id;
            distOut[q * k + out] = id < 0 ? INFINITY : std::max(0.0f, dist[size_t(q) * size_t(k + 1) + size_t(j)]);
            ++out;
        }
        for (; out < k; ++out) {
            nbrOut[q * k + out] = -1;
            distOut[q * k + out] = INFINITY;
        }
    }
}

std::vector<int64_t> sampleRows(int64_t n, int64_t count, std::mt19937_64& rng, const std::vector<int64_t>& avoid = {}) {
    std::vector<int64_t> all;
    if (count >= n - int64_t(avoid.size())) {
        all.resize(size_t(n));
        std::iota(all.begin(), all.end(), 0);
        std::vector<int64_t> sortedAvoid = avoid;
        std::sort(sortedAvoid.begin(), sortedAvoid.end());
        std::erase_if(all, [&](int64_t r) { return std::binary_search(sortedAvoid.begin(), sortedAvoid.end(), r); });
        return all;
    }
    std::vector<int64_t> sortedAvoid = avoid;
    std::sort(sortedAvoid.begin(), sortedAvoid.end());
    std::uniform_int_distribution<int64_t> pick(0, n - 1);
    std::vector<int64_t> out;
    while (int64_t(out.size()) < count) {
        int64_t r = pick(rng);
        if (std::binary_search(sortedAvoid.begin(), sortedAvoid.end(), r)) continue;
        out.push_back(r);
        if (int64_t(out.size()) == count) {
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
        }
    }
    return out;
}

std::string safeName(const std::string& name) {
    std::string s;
    for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
    return s;
}

struct ThreadScope {
    explicit ThreadScope(int threads) : m_old(omp_get_max_threads()) {
        omp_set_num_threads(threads > 0 ? threads : std::max(1, int(std::thread::hardware_concurrency())));
    }
    ~ThreadScope() { omp_set_num_threads(m_old); }
    int m_old;
};

}  // namespace

void exactNeighboursOf(const FeatureView& f, const std::vector<int64_t>& queries, int k,
                       std::vector<int64_t>& nbr, std::vector<float>& dist) {
    faiss::IndexFlatL2 flat(f.dim);
    flat.add(f.n, f.data);
    nbr.assign(queries.size() * size_t(k), -1);
    dist.assign(queries.size() * size_t(k), INFINITY);
    std::vector<float> q(queries.size() * size_t(f.dim));
    for (size_t i = 0; i < queries.size(); ++i)
        std::copy_n(f.data + queries[i] * f.dim, f.dim, q.begin() + std::ptrdiff_t(i * size_t(f.dim)));
    std::vector<FaissIdx> labels(queries.size() * size_t(k + 1));
    std::vector<float> d(labels.size());
    flat.search(int64_t(queries.size()), q.data(), k + 1, d.data(), labels.data());
    for (size_t i = 0; i < queries.size(); ++i) {
        int out = 0;
        bool skipped = false;
        for (int j = 0; j <= k && out < k; ++j) {
            const FaissIdx id = labels[i * size_t(k + 1) + size_t(j)];
            if (!skipped && id == queries[i]) {
                skipped = true;
                continue;
            }
            nbr[i * size_t(k) + size_t(out)] = id;
            dist[i * size_t(k) + size_t(out)] = d[i * size_t(k + 1) + size_t(j)];
            ++out;
        }
    }
}

double recallAtK(const NeighbourGraph& g, const std::vector<int64_t>& queries, const std::vector<int64_t>& exactNbr, int k) {
    if (queries.empty()) return 1.0;
    double sum = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
        int want = 0, hit = 0;
        for (int j = 0; j < k; ++j) {
            const int64_t e = exactNbr[i * size_t(k) + size_t(j)];
            if (e < 0) continue;
            ++want;
            const int64_t* row = g.nbr.data() + queries[i] * g.k;
            if (std::find(row, row + g.k, e) != row + g.k) ++hit;
        }
        sum += want ? double(hit) / want : 1.0;
    }
    return sum / double(queries.size());
}

NeighbourGraph buildNeighbourGraph(const FeatureView& f, const NeighbourOptions& o, const ProgressFn& progress,
                                   const CancelToken* cancel) {
    if (o.k < 1) throw Error("neighbours: k must be at least 1");
    NeighbourGraph g;
    g.n = f.n;
    g.k = o.k;
    g.nbr.assign(size_t(f.n) * size_t(o.k), -1);
    g.dist.assign(g.nbr.size(), INFINITY);
    if (f.n == 0) return g;
    ThreadScope threads(o.threads);
    auto report = [&](double fr, const std::string& msg) {
        if (cancel) cancel->throwIfCancelled();
        if (progress) progress({fr, msg});
    };

    std::unique_ptr<faiss::Index> index;
    std::unique_ptr<faiss::IndexFlatL2> quantizer;
    auto t0 = Clock::now();
    try {
        if (f.n <= o.exactUpTo) {
            auto flat = std::make_unique<faiss::IndexFlatL2>(f.dim);
            flat->add(f.n, f.data);
            index = std::move(flat);
            g.exact = true;
            g.method = "exact (IndexFlatL2)";
        } else {
            g.exact = false;
            g.nlist = o.nlist > 0 ? o.nlist : int(std::clamp<double>(4.0 * std::sqrt(double(f.n)), 1.0, double(f.n) / 39.0));
            const std::string key = sha256Hex(f.fingerprint + "|ivf-flat|nlist=" + std::to_string(g.nlist) +
                                              "|seed=" + std::to_string(o.seed) + "|dim=" + std::to_string(f.dim) +
                                              "|n=" + std::to_string(f.n));
            fs::path file, keyFile;
            if (!o.cacheDir.empty()) {
                file = o.cacheDir / ("index-" + safeName(f.name) + ".faiss");
                keyFile = o.cacheDir / ("index-" + safeName(f.name) + ".json");
                g.indexFile = file.string();
                std::error_code ec;
                if (fs::exists(file, ec) && fs::exists(keyFile, ec)) {
                    try {
                        if (jsonString(jsonField(readJsonFile(keyFile), "key")) == key) {
                            index.reset(faiss::read_index(file.c_str()));
                            g.indexFromCache = index && index->ntotal == f.n && index->d == f.dim;
                            if (!g.indexFromCache) index.reset();
                        }
                    } catch (const std::exception&) {
                        index.reset();  // a damaged cache is rebuilt
                    }
                }
            }
            if (!index) {
                report(0.0, "Training the IVF index");
                quantizer = std::make_unique<faiss::IndexFlatL2>(f.dim);
                auto ivf = std::make_unique<faiss::IndexIVFFlat>(quantizer.get(), f.dim, size_t(g.nlist), faiss::METRIC_L2);
                ivf->cp.niter = 10;
                ivf->cp.seed = int(o.seed);
                std::mt19937_64 rng(o.seed);
                const int64_t nTrain = std::min<int64_t>(f.n, int64_t(g.nlist) * 40);
                std::vector<int64_t> rows = sampleRows(f.n, nTrain, rng);
                std::vector<float> train(rows.size() * size_t(f.dim));
                for (size_t i = 0; i < rows.size(); ++i)
                    std::copy_n(f.data + rows[i] * f.dim, f.dim, train.begin() + std::ptrdiff_t(i * size_t(f.dim)));
                ivf->train(int64_t(rows.size()), train.data());
                const int64_t kAddBlock = 65536;
                for (int64_t b = 0; b < f.n; b += kAddBlock) {
                    report(0.1 * double(b) / double(f.n), "Adding to the IVF index");
                    ivf->add(std::min(kAddBlock, f.n - b), f.data + b * f.dim);
                }
                ivf->own_fields = true;
                quantizer.release();
                index = std::move(ivf);
                if (!file.empty()) {
                    try {
                        fs::remove(keyFile);
                        const std::string tmp = file.string() + ".tmp";
                        faiss::write_index(index.get(), tmp.c_str());
                        fs::rename(tmp, file);
                        nlohmann::json meta;
                        meta["key"] = key;
                        meta["features"] = f.name;
                        meta["fingerprint"] = f.fingerprint;
                        meta["nlist"] = g.nlist;
                        writeFileAtomically(keyFile, dumpJson(meta, 1));
                    } catch (const std::exception&) {
                        // Not cached (read-only or full disk): the index is still used now.
                    }
                }
            }
        }
        g.indexSeconds = since(t0);

        std::mt19937_64 rng(o.seed + 7);
        const std::vector<int64_t> recallRows = sampleRows(f.n, std::min<int64_t>(o.recallQueries, f.n), rng);
        auto* ivf = dynamic_cast<faiss::IndexIVF*>(index.get());
        if (ivf) {
            // Tune nprobe on queries apart from the reported ones.
            const std::vector<int64_t> tuneRows = sampleRows(f.n, std::min<int64_t>(500, f.n), rng, recallRows);
            std::vector<int64_t> exactNbr;
            std::vector<float> exactDist;
            if (o.nprobe > 0) {
                ivf->nprobe = size_t(std::min(o.nprobe, g.nlist));
            } else {
                report(0.12, "Choosing how many lists to probe");
                exactNeighboursOf(f, tuneRows, o.k, exactNbr, exactDist);
                NeighbourGraph tune;
                tune.k = o.k;
                tune.nbr.assign(tuneRows.size() * size_t(o.k), -1);
                tune.dist.assign(tune.nbr.size(), 0);
                std::vector<float> q(tuneRows.size() * size_t(f.dim));
                for (size_t i = 0; i < tuneRows.size(); ++i)
                    std::copy_n(f.data + tuneRows[i] * f.dim, f.dim, q.begin() + std::ptrdiff_t(i * size_t(f.dim)));
                std::vector<int64_t> seq(tuneRows.size());
                std::iota(seq.begin(), seq.end(), 0);
                for (int probe = 4;; probe *= 2) {
                    ivf->nprobe = size_t(std::min(probe, g.nlist));
                    // Rows of `tune` are the tuning queries in order; self is excluded by id.
                    std::vector<FaissIdx> labels(tuneRows.size() * size_t(o.k + 1));
                    std::vector<float> d(labels.size());
                    ivf->search(int64_t(tuneRows.size()), q.data(), o.k + 1, d.data(), labels.data());
                    for (size_t i = 0; i < tuneRows.size(); ++i) {
                        int out = 0;
                        bool skipped = false;
                        for (int j = 0; j <= o.k && out < o.k; ++j) {
                            const auto id = labels[i * size_t(o.k + 1) + size_t(j)];
                            if (!skipped && id == tuneRows[i]) {
                                skipped = true;
                                continue;
                            }
                            tune.nbr[i * size_t(o.k) + size_t(out++)] = id;
                        }
                    }
                    if (recallAtK(tune, seq, exactNbr, o.k) >= o.targetRecall || probe >= g.nlist || probe >= 1024) break;
                }
            }
            g.nprobe = int(ivf->nprobe);
            g.method = "IVF-flat (IndexIVFFlat) nlist=" + std::to_string(g.nlist) + " nprobe=" + std::to_string(g.nprobe);
        }

        t0 = Clock::now();
        const int64_t kBlock = 16384;
        for (int64_t b = 0; b < f.n; b += kBlock) {
            report(0.15 + 0.8 * double(b) / double(f.n), "Searching neighbours");
            const int64_t count = std::min(kBlock, f.n - b);
            searchBlock(*index, f.data + b * f.dim, b, count, o.k, g.nbr.data() + b * o.k, g.dist.data() + b * o.k);
        }
        g.searchSeconds = since(t0);

        if (g.exact) {
            g.recall = 1.0;
            g.recallQueries = int(recallRows.size());
        } else {
            report(0.96, "Measuring recall against exact search");
            std::vector<int64_t> exactNbr;
            std::vector<float> exactDist;
            exactNeighboursOf(f, recallRows, o.k, exactNbr, exactDist);
            g.recall = recallAtK(g, recallRows, exactNbr, o.k);
            g.recallQueries = int(recallRows.size());
        }
    } catch (const faiss::FaissException& e) {
        throw Error("nearest neighbours of " + f.name + ": FAISS failed: " + e.what());
    }
    report(1.0, "Neighbours found");
    return g;
}

}  // namespace winnow::core
