// Influence scoring benchmark (issue 4): one Influential Rank scoring round (Hessian, OSM,
// OSD, per-class GMM, consensus) on synthetic penultimate features, timed in-process.
// With --dump DIR it also writes the inputs and the scores for bench/influence_reference.py.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/influence/influential_rank_scorer.h"

using namespace winnow::core;

namespace {

template <class T>
void dump(const std::string& path, const std::vector<T>& v) {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(T)));
}

}  // namespace

int main(int argc, char** argv) {
    int64_t n = 60000;
    int L = 128, K = 10, perClass = 10, repeat = 5;
    std::string dumpDir, solver = "auto";
    int64_t hessianMax = 50000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i], v = argv[i + 1];
        if (a == "--n") n = std::stoll(v);
        else if (a == "--features") L = std::stoi(v);
        else if (a == "--classes") K = std::stoi(v);
        else if (a == "--trusted-per-class") perClass = std::stoi(v);
        else if (a == "--repeat") repeat = std::stoi(v);
        else if (a == "--dump") dumpDir = v;
        else if (a == "--solver") solver = v;
        else if (a == "--hessian-max") hessianMax = std::stoll(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    // Features: ReLU of class means plus noise; logits from a nearest-mean linear head;
    // 20% of the labels flipped (so there is something to find).
    std::mt19937_64 rng(1);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::vector<float> means(size_t(K) * L);
    for (auto& m : means) m = gauss(rng);
    std::vector<float> feat(size_t(n) * L), logits(size_t(n) * K);
    std::vector<int32_t> label(static_cast<size_t>(n)), truth(static_cast<size_t>(n));
    std::uniform_real_distribution<double> u(0, 1);
    for (int64_t i = 0; i < n; ++i) {
        int c = int(i % K);
        truth[size_t(i)] = c;
        label[size_t(i)] = u(rng) < 0.2 ? int((c + 1 + int(u(rng) * (K - 1))) % K) : c;
        for (int l = 0; l < L; ++l)
            feat[size_t(i) * L + l] = std::max(0.0f, means[size_t(c) * L + l] + 1.5f * gauss(rng));
        for (int k = 0; k < K; ++k) {
            double z = 0;
            for (int l = 0; l < L; ++l) z += double(feat[size_t(i) * L + l]) * means[size_t(k) * L + l];
            logits[size_t(i) * K + k] = float(z / std::sqrt(double(L)));
        }
    }
    std::vector<int64_t> trustedRows;
    std::vector<int> got(size_t(K), 0);
    for (int64_t i = 0; i < n; ++i) {
        int c = truth[size_t(i)];
        if (label[size_t(i)] == c && got[size_t(c)] < perClass) {
            trustedRows.push_back(i);
            ++got[size_t(c)];
        }
    }
    std::vector<float> tf, tz;
    std::vector<int32_t> ty;
    for (int64_t i : trustedRows) {
        tf.insert(tf.end(), feat.begin() + i * L, feat.begin() + (i + 1) * L);
        tz.insert(tz.end(), logits.begin() + i * K, logits.begin() + (i + 1) * K);
        ty.push_back(label[size_t(i)]);
    }
    LastLayerData train{n, K, L, feat.data(), logits.data(), label.data()};
    LastLayerData trusted{int64_t(ty.size()), K, L, tf.data(), tz.data(), ty.data()};
    InfluentialRankOptions o;
    o.influence.device = "cpu";
    o.influence.solver = solver;
    o.influence.hessianMaxSamples = hessianMax;
    // Wall time and process CPU time (all threads): on a shared machine the CPU time is the
    // figure that does not depend on what else runs.
    auto cpuNow = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
    };
    std::vector<double> secs, cpu;
    InfluentialRankResult r;
    for (int k = 0; k < repeat; ++k) {
        auto t0 = std::chrono::steady_clock::now();
        double c0 = cpuNow();
        r = scoreInfluentialRank(train, trusted, o);
        cpu.push_back(cpuNow() - c0);
        secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(secs.begin(), secs.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("{\"n\":%lld,\"features\":%d,\"classes\":%d,\"params\":%d,\"solver\":\"%s\","
                "\"median_s\":%.3f,\"median_cpu_s\":%.3f,\"min_s\":%.3f,\"max_s\":%.3f,\"runs\":%d,\"flagged\":%lld,"
                "\"gamma\":%d,\"last_hessian_s\":%.3f,\"last_influence_s\":%.3f,\"last_gmm_s\":%.3f}\n",
                (long long)n, L, K, K * (L + 1), r.solver.c_str(), secs[secs.size() / 2],
                cpu[cpu.size() / 2], secs.front(), secs.back(), repeat, (long long)r.flagged, r.gamma, r.secondsHessian, r.secondsInfluence,
                r.secondsGmm);
    if (!dumpDir.empty()) {
        dump(dumpDir + "/features.f32", feat);
        dump(dumpDir + "/logits.f32", logits);
        dump(dumpDir + "/labels.i32", label);
        std::vector<int64_t> tr(trustedRows);
        dump(dumpDir + "/trusted_rows.i64", tr);
        dump(dumpDir + "/osm.f32", r.osm);
        dump(dumpDir + "/osd.f32", r.osd);
        std::ofstream m(dumpDir + "/meta.txt");
        m << n << " " << L << " " << K << " " << secs[secs.size() / 2] << " " << cpu[cpu.size() / 2] << "\n";
    }
    return 0;
}
