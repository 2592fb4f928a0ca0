// The influence engine split across processes (ScoreShard, issue 12), with two threads of
// this process standing in for two ranks (their `sum` adds the two buffers up, as c10d's
// all-reduce does): the same Hessian, bit for bit, and the same per-sample results as one
// process, with data large enough for several Hessian and scoring batches.
#include <QtTest>

#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "core/influence/last_layer_influence.h"

using namespace winnow::core;

namespace {

// An all-reduce (sum) between exactly two threads.
class TwoThreadSum {
public:
    void sum(std::vector<double>& v) {
        std::unique_lock<std::mutex> lock(m_mutex);
        const int generation = m_generation;
        if (m_arrived == 0) m_acc.assign(v.size(), 0.0);
        for (size_t i = 0; i < v.size(); ++i) m_acc[i] += v[i];
        if (++m_arrived == 2) {
            m_arrived = 0;
            m_result = m_acc;
            ++m_generation;
            m_cv.notify_all();
        } else {
            m_cv.wait(lock, [&] { return m_generation != generation; });
        }
        v = m_result;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<double> m_acc, m_result;
    int m_arrived = 0, m_generation = 0;
};

struct Arrays {
    std::vector<float> f, z;
    std::vector<int32_t> y;
    LastLayerData view(int64_t n, int K, int L) const { return {n, K, L, f.data(), z.data(), y.data()}; }
};

Arrays randomData(int64_t n, int K, int L, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.f, 1.f);
    Arrays a;
    for (int64_t i = 0; i < n * L; ++i) a.f.push_back(std::max(0.f, g(rng)));
    for (int64_t i = 0; i < n * K; ++i) a.z.push_back(2.f * g(rng));
    for (int64_t i = 0; i < n; ++i) a.y.push_back(int32_t(rng() % uint32_t(K)));
    return a;
}

struct Scored {
    std::vector<double> hessian;
    std::vector<float> norm, sigma;
};

Scored scoreWith(const LastLayerData& d, const LastLayerData& t, InfluenceOptions o) {
    std::vector<int32_t> group(size_t(t.n));
    for (int64_t v = 0; v < t.n; ++v) group[size_t(v)] = t.labels[v];
    LastLayerInfluence inf(d, o);
    Scored s;
    s.hessian = inf.hessian();
    s.norm.resize(size_t(d.n));
    s.sigma.resize(size_t(d.n * d.classes));
    inf.score(d, s.norm.data(), &t, group.data(), d.classes, s.sigma.data());
    return s;
}

double relDiff(const std::vector<float>& a, const std::vector<float>& b) {
    double diff = 0, scale = 1;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) != std::isnan(b[i])) return INFINITY;
        if (std::isnan(a[i])) continue;
        diff = std::max(diff, double(std::abs(a[i] - b[i])));
        scale = std::max(scale, double(std::abs(b[i])));
    }
    return diff / scale;
}

}  // namespace

class TestInfluenceShard : public QObject {
    Q_OBJECT

    void compare(const std::string& solver) {
        const int K = 4, L = 6;
        const int64_t n = 5000, m = 60;  // 1 MiB budget: 2 Hessian batches, 4 scoring batches
        const Arrays train = randomData(n, K, L, 11), trusted = randomData(m, K, L, 12);
        InfluenceOptions o;
        o.solver = solver;
        o.device = "cpu";
        o.memoryBudgetBytes = int64_t(1) << 20;
        const Scored one = scoreWith(train.view(n, K, L), trusted.view(m, K, L), o);

        TwoThreadSum sum;
        Scored ranks[2];
        std::thread threads[2];
        for (int r = 0; r < 2; ++r) {
            threads[r] = std::thread([&, r] {
                InfluenceOptions ro = o;
                ro.shard = {r, 2, [&sum](std::vector<double>& v) { sum.sum(v); }};
                ranks[r] = scoreWith(train.view(n, K, L), trusted.view(m, K, L), ro);
            });
        }
        for (auto& t : threads) t.join();
        for (const Scored& s : ranks) {
            QVERIFY(s.hessian == one.hessian);  // the same bits: partial sums added in one order
            const double dn = relDiff(s.norm, one.norm), ds = relDiff(s.sigma, one.sigma);
            qInfo("%s: self-influence %.3g, sigma %.3g", solver.c_str(), dn, ds);
            QVERIFY2(dn <= 1e-6 && ds <= 1e-6, qPrintable(QString::number(dn) + " " + QString::number(ds)));
        }
        QVERIFY(ranks[0].norm == ranks[1].norm);  // every rank holds every row's result
        QVERIFY(ranks[0].sigma == ranks[1].sigma);
    }

private Q_SLOTS:
    void exactSolverMatchesOneProcess() { compare("exact"); }
    void kfacSolverMatchesOneProcess() { compare("kfac"); }
};

QTEST_GUILESS_MAIN(TestInfluenceShard)
#include "tst_influence_shard.moc"
