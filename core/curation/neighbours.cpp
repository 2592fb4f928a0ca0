#include "core/curation/neighbours.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <thread>

#include <faiss/IndexFlat.h>
#include <faiss/Clustering.h>
#include <faiss/impl/FaissException.h>
#include <faiss/index_io.h>
#include <faiss/utils/distances.h>
#include <omp.h>

#include "core/train/cpu_tuning.h"
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

// The coarse partition: k-means centroids (FAISS), each row's list, each list's nearest lists.
struct Partition {
    int nlist = 0;
    std::unique_ptr<faiss::IndexFlatL2> quantizer;  // holds the centroids
    std::vector<FaissIdx> assign;                   // n
    std::vector<std::vector<int64_t>> members;      // nlist, ascending rows
    std::vector<FaissIdx> nearLists;                // nlist x maxProbe, nearest first
    int maxProbe = 0;
};

void finishPartition(Partition& p, int64_t n) {
    p.members.assign(size_t(p.nlist), {});
    for (int64_t i = 0; i < n; ++i) p.members[size_t(p.assign[size_t(i)])].push_back(i);
    p.maxProbe = std::min(p.nlist, 128);
    p.nearLists.assign(size_t(p.nlist) * size_t(p.maxProbe), -1);
    std::vector<float> d(p.nearLists.size());
    p.quantizer->search(p.nlist, p.quantizer->get_xb(), p.maxProbe, d.data(), p.nearLists.data());
}

// k nearest other rows (by squared L2) of `queries`, all members of list `list`, among the
// members of the `nprobe` lists nearest to that list's centroid: one BLAS block per list.
void searchInList(const FeatureView& f, const Partition& p, int64_t list, const std::vector<int64_t>& queries,
                  int nprobe, int k, int64_t* nbrOut, float* distOut, std::vector<float>& qBuf,
                  std::vector<float>& cBuf, std::vector<int64_t>& cand) {
    cand.clear();
    for (int j = 0; j < nprobe && j < p.maxProbe; ++j) {
        const FaissIdx l = p.nearLists[size_t(list) * size_t(p.maxProbe) + size_t(j)];
        if (l < 0) break;
        const auto& m = p.members[size_t(l)];
        cand.insert(cand.end(), m.begin(), m.end());
    }
    const size_t nq = queries.size(), nc = cand.size(), d = size_t(f.dim);
    qBuf.resize(nq * d);
    cBuf.resize(nc * d);
    for (size_t i = 0; i < nq; ++i) std::copy_n(f.data + queries[i] * f.dim, d, qBuf.begin() + std::ptrdiff_t(i * d));
    for (size_t i = 0; i < nc; ++i) std::copy_n(f.data + cand[i] * f.dim, d, cBuf.begin() + std::ptrdiff_t(i * d));
    const size_t kk = std::min(size_t(k + 1), nc);
    std::vector<float> dist(nq * kk);
    std::vector<int64_t> idx(nq * kk);
    if (kk > 0) faiss::knn_L2sqr(qBuf.data(), cBuf.data(), d, nq, nc, kk, dist.data(), idx.data());
    for (size_t i = 0; i < nq; ++i) {
        int out = 0;
        bool skipped = false;
        for (size_t j = 0; j < kk && out < k; ++j) {
            const int64_t c = idx[i * kk + j];
            if (c < 0) break;
            const int64_t row = cand[size_t(c)];
            if (!skipped && row == queries[i]) {
                skipped = true;
                continue;
            }
            nbrOut[i * size_t(k) + size_t(out)] = row;
            distOut[i * size_t(k) + size_t(out)] = std::max(0.0f, dist[i * kk + j]);
            ++out;
        }
        for (; out < k; ++out) {
            nbrOut[i * size_t(k) + size_t(out)] = -1;
            distOut[i * size_t(k) + size_t(out)] = INFINITY;
        }
    }
}

}  // namespace

void exactNeighboursOf(const FeatureView& f, const std::vector<int64_t>& queries, int k,
                       std::vector<int64_t>& nbr, std::vector<float>& dist) {
    nbr.assign(queries.size() * size_t(k), -1);
    dist.assign(queries.size() * size_t(k), INFINITY);
    std::vector<float> q(queries.size() * size_t(f.dim));
    for (size_t i = 0; i < queries.size(); ++i)
        std::copy_n(f.data + queries[i] * f.dim, f.dim, q.begin() + std::ptrdiff_t(i * size_t(f.dim)));
    const size_t kk = std::min<size_t>(size_t(k + 1), size_t(f.n));
    std::vector<int64_t> labels(queries.size() * kk);
    std::vector<float> d(labels.size());
    // Straight over the caller's rows (no copy into an index), blocks of queries on the OpenMP
    // threads, each with one BLAS thread (see buildNeighbourGraph).
    SingleThreadedBlas oneBlas;
    const int64_t nq = int64_t(queries.size());
    constexpr int64_t kChunk = 64;
#pragma omp parallel for schedule(dynamic, 1)
    for (int64_t c = 0; c < nq; c += kChunk) {
        const int64_t m = std::min(kChunk, nq - c);
        faiss::knn_L2sqr(q.data() + c * f.dim, f.data, size_t(f.dim), size_t(m), size_t(f.n), kk, d.data() + size_t(c) * kk,
                         labels.data() + size_t(c) * kk);
    }
    for (size_t i = 0; i < queries.size(); ++i) {
        int out = 0;
        bool skipped = false;
        for (size_t j = 0; j < kk && out < k; ++j) {
            const int64_t id = labels[i * kk + j];
            if (id < 0) break;
            if (!skipped && id == queries[i]) {
                skipped = true;
                continue;
            }
            nbr[i * size_t(k) + size_t(out)] = id;
            dist[i * size_t(k) + size_t(out)] = std::max(0.0f, d[i * kk + j]);
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
    SingleThreadedBlas oneBlas;  // parallel work is OpenMP's; OpenBLAS's spinning threads stall it
    auto report = [&](double fr, const std::string& msg) {
        if (cancel) cancel->throwIfCancelled();
        if (progress) progress({fr, msg});
    };
    std::mt19937_64 rng(o.seed + 7);
    const std::vector<int64_t> recallRows = sampleRows(f.n, std::min<int64_t>(o.recallQueries, f.n), rng);

    auto t0 = Clock::now();
    try {
        if (f.n <= o.exactUpTo) {
            g.exact = true;
            g.method = "exact (FAISS knn_L2sqr, brute force)";
            const int64_t kBlock = 4096;
            std::vector<int64_t> rows;
            std::vector<int64_t> nbr;
            std::vector<float> dist;
            for (int64_t b = 0; b < f.n; b += kBlock) {
                report(0.95 * double(b) / double(f.n), "Searching neighbours (exact)");
                rows.resize(size_t(std::min(kBlock, f.n - b)));
                std::iota(rows.begin(), rows.end(), b);
                exactNeighboursOf(f, rows, o.k, nbr, dist);
                std::copy(nbr.begin(), nbr.end(), g.nbr.begin() + b * o.k);
                std::copy(dist.begin(), dist.end(), g.dist.begin() + b * o.k);
            }
            g.searchSeconds = since(t0);
            g.recall = 1.0;
            g.recallQueries = int(recallRows.size());
            report(1.0, "Neighbours found");
            return g;
        }

        // IVF: FAISS k-means partition, then each list's members against the members of its
        // nprobe nearest lists as one BLAS block (a join, not one scan per query).
        g.exact = false;
        Partition p;
        p.nlist = o.nlist > 0 ? o.nlist : int(std::clamp<double>(std::sqrt(double(f.n)), 1.0, double(f.n) / 32.0));
        g.nlist = p.nlist;
        const std::string key = sha256Hex(f.fingerprint + "|ivf-partition|nlist=" + std::to_string(p.nlist) +
                                          "|seed=" + std::to_string(o.seed) + "|dim=" + std::to_string(f.dim) +
                                          "|n=" + std::to_string(f.n));
        fs::path file, assignFile, keyFile;
        if (!o.cacheDir.empty()) {
            file = o.cacheDir / ("index-" + safeName(f.name) + ".faiss");
            assignFile = o.cacheDir / ("index-" + safeName(f.name) + ".lists.i64");
            keyFile = o.cacheDir / ("index-" + safeName(f.name) + ".json");
            g.indexFile = file.string();
            std::error_code ec;
            if (fs::exists(file, ec) && fs::exists(keyFile, ec) && fs::exists(assignFile, ec)) {
                try {
                    if (jsonString(jsonField(readJsonFile(keyFile), "key")) == key) {
                        std::unique_ptr<faiss::Index> idx(faiss::read_index(file.c_str()));
                        auto* flat = dynamic_cast<faiss::IndexFlatL2*>(idx.get());
                        std::ifstream in(assignFile, std::ios::binary);
                        p.assign.resize(size_t(f.n));
                        in.read(reinterpret_cast<char*>(p.assign.data()), std::streamsize(p.assign.size() * sizeof(FaissIdx)));
                        const bool sane = flat && flat->ntotal == p.nlist && flat->d == f.dim && in &&
                                          std::all_of(p.assign.begin(), p.assign.end(), [&](FaissIdx a) { return a >= 0 && a < p.nlist; });
                        if (sane) {
                            idx.release();
                            p.quantizer.reset(flat);
                            g.indexFromCache = true;
                        }
                    }
                } catch (const std::exception&) {
                    p.quantizer.reset();  // a damaged cache is rebuilt
                }
            }
        }
        if (!p.quantizer) {
            report(0.0, "Clustering the features (k-means)");
            std::mt19937_64 trng(o.seed);
            const int64_t nTrain = std::min<int64_t>(f.n, int64_t(p.nlist) * 40);
            const std::vector<int64_t> rows = sampleRows(f.n, nTrain, trng);
            std::vector<float> train(rows.size() * size_t(f.dim));
            for (size_t i = 0; i < rows.size(); ++i)
                std::copy_n(f.data + rows[i] * f.dim, f.dim, train.begin() + std::ptrdiff_t(i * size_t(f.dim)));
            faiss::ClusteringParameters cp;
            cp.niter = 10;
            cp.seed = int(o.seed);
            cp.max_points_per_centroid = 40;
            faiss::Clustering clus(f.dim, p.nlist, cp);
            p.quantizer = std::make_unique<faiss::IndexFlatL2>(f.dim);
            clus.train(int64_t(rows.size()), train.data(), *p.quantizer);
            p.assign.assign(size_t(f.n), 0);
            report(0.1, "Assigning rows to lists");
            {
                SingleThreadedBlas oneBlas;
                constexpr int64_t kBlock = 4096;
#pragma omp parallel
                {
                    std::vector<float> d(static_cast<size_t>(kBlock));
#pragma omp for schedule(dynamic, 1)
                    for (int64_t b = 0; b < f.n; b += kBlock) {
                        const int64_t count = std::min(kBlock, f.n - b);
                        p.quantizer->search(count, f.data + b * f.dim, 1, d.data(), p.assign.data() + b);
                    }
                }
            }
            if (cancel) cancel->throwIfCancelled();
            if (!file.empty()) {
                try {
                    fs::remove(keyFile);
                    faiss::write_index(p.quantizer.get(), file.c_str());
                    AtomicFile a(assignFile, AtomicFile::Sync::No);
                    a.write(p.assign.data(), p.assign.size() * sizeof(FaissIdx));
                    a.commit();
                    nlohmann::json meta;
                    meta["key"] = key;
                    meta["features"] = f.name;
                    meta["fingerprint"] = f.fingerprint;
                    meta["nlist"] = p.nlist;
                    meta["what"] = "k-means centroids (FAISS IndexFlatL2) and each row's list";
                    writeFileAtomically(keyFile, dumpJson(meta, 1));
                } catch (const std::exception&) {
                    // Not cached (read-only or full disk): the partition is still used now.
                }
            }
        }
        finishPartition(p, f.n);
        g.indexSeconds = since(t0);

        std::vector<float> qBuf, cBuf;
        std::vector<int64_t> cand;
        // Tune nprobe on queries apart from the reported ones, with the join's own candidate rule.
        if (o.nprobe > 0) {
            g.nprobe = std::min(o.nprobe, p.maxProbe);
        } else {
            report(0.2, "Choosing how many lists to probe");
            const std::vector<int64_t> tuneRows = sampleRows(f.n, std::min<int64_t>(500, f.n), rng, recallRows);
            std::vector<int64_t> exactNbr;
            std::vector<float> exactDist;
            exactNeighboursOf(f, tuneRows, o.k, exactNbr, exactDist);
            std::map<int64_t, std::vector<size_t>> byList;
            for (size_t i = 0; i < tuneRows.size(); ++i) byList[p.assign[size_t(tuneRows[i])]].push_back(i);
            NeighbourGraph tune;
            tune.k = o.k;
            tune.nbr.assign(tuneRows.size() * size_t(o.k), -1);
            std::vector<float> tuneDist(tune.nbr.size());
            std::vector<int64_t> seq(tuneRows.size());
            std::iota(seq.begin(), seq.end(), 0);
            for (int probe = 2;; probe *= 2) {
                g.nprobe = std::min(probe, p.maxProbe);
                for (const auto& [list, idx] : byList) {
                    std::vector<int64_t> qs;
                    for (size_t i : idx) qs.push_back(tuneRows[i]);
                    std::vector<int64_t> nb(qs.size() * size_t(o.k));
                    std::vector<float> ds(nb.size());
                    searchInList(f, p, list, qs, g.nprobe, o.k, nb.data(), ds.data(), qBuf, cBuf, cand);
                    for (size_t q = 0; q < idx.size(); ++q)
                        std::copy_n(nb.begin() + std::ptrdiff_t(q * size_t(o.k)), o.k, tune.nbr.begin() + std::ptrdiff_t(idx[q] * size_t(o.k)));
                }
                if (recallAtK(tune, seq, exactNbr, o.k) >= o.targetRecall + 0.01 || g.nprobe >= p.maxProbe) break;
            }
        }
        g.method = "IVF join (FAISS k-means lists, BLAS blocks per list) nlist=" + std::to_string(p.nlist) +
                   " nprobe=" + std::to_string(g.nprobe);

        t0 = Clock::now();
        {
            // Lists in parallel (OpenMP), one BLAS thread each: small products on many threads
            // beat OpenBLAS's own threads, whose spinning stalled the join on a loaded machine.
            SingleThreadedBlas oneBlas;
            std::atomic<int64_t> done{0};
            std::atomic<bool> stop{false};
#pragma omp parallel
            {
                std::vector<float> qB, cB, ds;
                std::vector<int64_t> cd, nb;
#pragma omp for schedule(dynamic, 2)
                for (int64_t list = 0; list < p.nlist; ++list) {
                    if (stop.load(std::memory_order_relaxed)) continue;
                    const auto& qs = p.members[size_t(list)];
                    if (!qs.empty()) {
                        nb.resize(qs.size() * size_t(o.k));
                        ds.resize(nb.size());
                        searchInList(f, p, list, qs, g.nprobe, o.k, nb.data(), ds.data(), qB, cB, cd);
                        for (size_t q = 0; q < qs.size(); ++q) {
                            std::copy_n(nb.begin() + std::ptrdiff_t(q * size_t(o.k)), o.k, g.nbr.begin() + qs[q] * o.k);
                            std::copy_n(ds.begin() + std::ptrdiff_t(q * size_t(o.k)), o.k, g.dist.begin() + qs[q] * o.k);
                        }
                    }
                    const int64_t d = ++done;
                    if (omp_get_thread_num() == 0 && (d & 15) == 0) {
                        if (cancel && cancel->cancelled()) stop = true;
                        else if (progress) progress({0.25 + 0.7 * double(d) / double(p.nlist), "Searching neighbours"});
                    }
                }
            }
            if (stop || (cancel && cancel->cancelled())) throw Cancelled();
        }
        g.searchSeconds = since(t0);

        report(0.96, "Measuring recall against exact search");
        std::vector<int64_t> exactNbr;
        std::vector<float> exactDist;
        exactNeighboursOf(f, recallRows, o.k, exactNbr, exactDist);
        g.recall = recallAtK(g, recallRows, exactNbr, o.k);
        g.recallQueries = int(recallRows.size());
    } catch (const faiss::FaissException& e) {
        throw Error("nearest neighbours of " + f.name + ": FAISS failed: " + e.what());
    }
    report(1.0, "Neighbours found");
    return g;
}

}  // namespace winnow::core
