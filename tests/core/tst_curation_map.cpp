// The 2-D embedding map (issue 14): PCA recovers a planted principal direction; the
// neighbour-preserving layout keeps planted clusters apart and keeps neighbourhoods (measured
// here by brute force in 2-D and in the original space), where PCA alone mixes the clusters;
// one thread and one seed give the same layout; cancelling stops the layout at once and
// stores nothing; the cached map is read back for the same features and recomputed when the
// features or the parameters change.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/curation/embedding_map.h"
#include "core/curation/features.h"
#include "core/curation/neighbours.h"
#include "core/util/error.h"

using namespace winnow::core;
namespace fs = std::filesystem;

namespace {

constexpr int kClusters = 6;

// 6 Gaussian clusters in 64-d, `perCluster` points each. Dimensions 2..63: the cluster's centre
// (random, ~8 apart) plus small noise; dimensions 0 and 1: a nuisance shared by every cluster
// with a larger spread (std 5) than the centres have in any direction, so PCA's two axes are
// the nuisance plane and put every cluster on top of the others, while the nearest neighbours
// in 64-d stay within a cluster.
struct Planted {
    int64_t n = 0;
    int dim = 64;
    std::vector<float> x;
    std::vector<int> cluster;
};

Planted plantedClusters(int perCluster, uint64_t seed) {
    Planted p;
    p.n = int64_t(perCluster) * kClusters;
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> centres(size_t(kClusters) * size_t(p.dim), 0.0f);
    for (int c = 0; c < kClusters; ++c)
        for (int j = 2; j < p.dim; ++j) centres[size_t(c * p.dim + j)] = 0.72f * g(rng);
    p.x.resize(size_t(p.n) * size_t(p.dim));
    p.cluster.resize(size_t(p.n));
    for (int64_t i = 0; i < p.n; ++i) {
        const int c = int(i % kClusters);
        p.cluster[size_t(i)] = c;
        float* row = p.x.data() + i * p.dim;
        row[0] = 5.0f * g(rng);
        row[1] = 5.0f * g(rng);
        for (int j = 2; j < p.dim; ++j) row[j] = centres[size_t(c * p.dim + j)] + 0.05f * g(rng);
    }
    return p;
}

// The k nearest other points of every point by brute force (squared L2, any dimension).
std::vector<int64_t> knn(const float* x, int64_t n, int dim, int k) {
    std::vector<int64_t> out(size_t(n) * size_t(k));
    std::vector<std::pair<double, int64_t>> d(static_cast<size_t>(n));
    for (int64_t q = 0; q < n; ++q) {
        for (int64_t i = 0; i < n; ++i) {
            double s = 0;
            for (int j = 0; j < dim; ++j) {
                const double t = double(x[i * dim + j]) - x[q * dim + j];
                s += t * t;
            }
            d[size_t(i)] = {i == q ? INFINITY : s, i};
        }
        std::partial_sort(d.begin(), d.begin() + k, d.end());
        for (int j = 0; j < k; ++j) out[size_t(q * k + j)] = d[size_t(j)].second;
    }
    return out;
}

// Mean over points of the fraction of their 10 nearest 2-D neighbours in their own cluster.
double clusterPurity(const std::vector<float>& xy, const std::vector<int>& cluster) {
    const int64_t n = int64_t(cluster.size());
    const auto nb = knn(xy.data(), n, 2, 10);
    int64_t same = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int j = 0; j < 10; ++j) same += cluster[size_t(nb[size_t(i * 10 + j)])] == cluster[size_t(i)];
    return double(same) / double(n * 10);
}

// Mean over points of the fraction of their 10 nearest 2-D neighbours that are among their 30
// nearest neighbours in the original space.
double neighbourhoodKept(const std::vector<float>& xy, const std::vector<int64_t>& highKnn30, int64_t n) {
    const auto nb = knn(xy.data(), n, 2, 10);
    int64_t kept = 0;
    for (int64_t i = 0; i < n; ++i) {
        const auto* hi = highKnn30.data() + i * 30;
        for (int j = 0; j < 10; ++j) kept += std::find(hi, hi + 30, nb[size_t(i * 10 + j)]) != hi + 30;
    }
    return double(kept) / double(n * 10);
}

FeatureMatrix matrixOf(const Planted& p, const std::string& fingerprint) {
    FeatureMatrix m;
    m.name = "planted";
    m.dim = p.dim;
    m.rows = FloatRows::held(p.x);
    m.ids.resize(size_t(p.n));
    for (int64_t i = 0; i < p.n; ++i) m.ids[size_t(i)] = 100 + i;
    m.fingerprint = fingerprint;
    return m;
}

}  // namespace

class TestCurationMap : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void pcaRecoversPlantedDirection() {
        // Points along a known unit direction u (std 3) and a weaker one v (std 1) orthogonal
        // to it, with small isotropic noise, around an offset mean.
        const int64_t n = 3000;
        const int dim = 40;
        std::mt19937_64 rng(17);
        std::normal_distribution<double> g(0.0, 1.0);
        std::vector<double> u(dim), v(dim), mean(dim);
        for (int j = 0; j < dim; ++j) u[size_t(j)] = g(rng), v[size_t(j)] = g(rng), mean[size_t(j)] = 2.0 * g(rng);
        auto dot = [&](const std::vector<double>& a, const std::vector<double>& b) {
            double s = 0;
            for (int j = 0; j < dim; ++j) s += a[size_t(j)] * b[size_t(j)];
            return s;
        };
        const double nu = std::sqrt(dot(u, u));
        for (double& t : u) t /= nu;
        const double uv = dot(u, v);
        for (int j = 0; j < dim; ++j) v[size_t(j)] -= uv * u[size_t(j)];
        const double nv = std::sqrt(dot(v, v));
        for (double& t : v) t /= nv;
        std::vector<float> x(size_t(n) * size_t(dim));
        for (int64_t i = 0; i < n; ++i) {
            const double a = 3.0 * g(rng), b = 1.0 * g(rng);
            for (int j = 0; j < dim; ++j)
                x[size_t(i * dim + j)] = float(mean[size_t(j)] + a * u[size_t(j)] + b * v[size_t(j)] + 0.05 * g(rng));
        }
        // The projections onto u and v about the data's own mean, computed here.
        std::vector<double> m(dim, 0.0);
        for (int64_t i = 0; i < n; ++i)
            for (int j = 0; j < dim; ++j) m[size_t(j)] += x[size_t(i * dim + j)] / double(n);
        for (int64_t trainRows : {int64_t(100000), int64_t(600)}) {  // all rows; a random subsample
            const auto xy = pcaProject2d({x.data(), n, dim, "line", "fp"}, trainRows, 5);
            QCOMPARE(xy.size(), size_t(2 * n));
            double sx = 0, sy = 0, errX = 0, errY = 0;
            for (int64_t i = 0; i < n; ++i) {
                double pu = 0, pv = 0;
                for (int j = 0; j < dim; ++j) {
                    const double c = x[size_t(i * dim + j)] - m[size_t(j)];
                    pu += c * u[size_t(j)];
                    pv += c * v[size_t(j)];
                }
                sx += xy[size_t(2 * i)] * pu;  // sign of the first axis against u
                sy += xy[size_t(2 * i + 1)] * pv;
            }
            const double signX = sx >= 0 ? 1 : -1, signY = sy >= 0 ? 1 : -1;
            for (int64_t i = 0; i < n; ++i) {
                double pu = 0, pv = 0;
                for (int j = 0; j < dim; ++j) {
                    const double c = x[size_t(i * dim + j)] - m[size_t(j)];
                    pu += c * u[size_t(j)];
                    pv += c * v[size_t(j)];
                }
                errX = std::max(errX, std::abs(xy[size_t(2 * i)] - signX * pu));
                errY = std::max(errY, std::abs(xy[size_t(2 * i + 1)] - signY * pv));
            }
            // Noise 0.05 per dimension: the axes may tilt a little, never towards another direction.
            QVERIFY2(errX < 0.25, qPrintable(QString("train %1: first axis off u by %2").arg(trainRows).arg(errX)));
            QVERIFY2(errY < 0.25, qPrintable(QString("train %1: second axis off v by %2").arg(trainRows).arg(errY)));
        }
    }

    void layoutKeepsPlantedClustersApart() {
        const Planted p = plantedClusters(500, 23);  // 3,000 points
        const FeatureView view{p.x.data(), p.n, p.dim, "planted", "fp"};
        const auto high30 = knn(p.x.data(), p.n, p.dim, 30);
        // Sanity of the planted data: its 10 nearest neighbours in 64-d lie in the own cluster
        // (all but a handful where the nuisance reaches far out).
        {
            int64_t same = 0;
            for (int64_t i = 0; i < p.n; ++i)
                for (int j = 0; j < 10; ++j) same += p.cluster[size_t(high30[size_t(i * 30 + j)])] == p.cluster[size_t(i)];
            QVERIFY2(same >= p.n * 10 * 998 / 1000, qPrintable(QString::number(same)));
        }
        const auto pca = pcaProject2d(view);
        NeighbourOptions no;
        no.k = 10;
        const NeighbourGraph graph = buildNeighbourGraph(view, no);
        LayoutOptions lo;
        lo.threads = 2;
        const auto layout = neighbourLayout(graph, pca, lo);
        const double purityLayout = clusterPurity(layout, p.cluster), purityPca = clusterPurity(pca, p.cluster);
        const double keptLayout = neighbourhoodKept(layout, high30, p.n), keptPca = neighbourhoodKept(pca, high30, p.n);
        qInfo("10-NN in the own cluster: layout %.4f, PCA %.4f; 2-D 10-NN among the 64-d 30-NN: layout %.4f, PCA %.4f",
              purityLayout, purityPca, keptLayout, keptPca);
        QVERIFY2(purityLayout >= 0.95, qPrintable(QString::number(purityLayout)));
        QVERIFY2(purityPca < 0.6, qPrintable(QString::number(purityPca)));  // the measure can fail
        QVERIFY2(keptLayout >= 0.8, qPrintable(QString::number(keptLayout)));
        QVERIFY2(keptLayout > keptPca + 0.2, qPrintable(QString("%1 vs %2").arg(keptLayout).arg(keptPca)));
    }

    void oneThreadRepeatsForASeed() {
        const Planted p = plantedClusters(100, 5);
        const FeatureView view{p.x.data(), p.n, p.dim, "planted", "fp"};
        const auto pca = pcaProject2d(view);
        NeighbourOptions no;
        const NeighbourGraph graph = buildNeighbourGraph(view, no);
        LayoutOptions lo;
        lo.threads = 1;
        lo.epochs = 50;
        lo.seed = 9;
        const auto a = neighbourLayout(graph, pca, lo), b = neighbourLayout(graph, pca, lo);
        QCOMPARE(a, b);
        lo.seed = 10;
        QVERIFY(neighbourLayout(graph, pca, lo) != a);
        for (float v : a) QVERIFY(std::isfinite(v));
    }

    void cancelStopsTheLayoutAndStoresNothing() {
        const Planted p = plantedClusters(300, 8);
        const FeatureMatrix f = matrixOf(p, "fp-cancel");
        EmbeddingMapOptions o;
        o.method = "layout";
        o.epochs = 400;
        o.threads = 2;
        o.cacheDir = fs::path(m_tmp.path().toStdString()) / "cancel";
        CancelToken cancel;
        int layoutReportsAfterCancel = 0;
        double cancelledAt = -1;
        auto progress = [&](const Progress& pr) {
            if (pr.message != "Laying out the map") return;
            if (cancel.cancelled()) ++layoutReportsAfterCancel;
            else if (pr.fraction > 0.5) {  // the layout's phase starts at 0.4 of the whole
                cancelledAt = pr.fraction;
                cancel.cancel();
            }
        };
        bool threw = false;
        try {
            computeEmbeddingMap(f, o, progress, &cancel);
        } catch (const Cancelled&) {
            threw = true;
        }
        QVERIFY(threw);
        QVERIFY(cancelledAt > 0 && cancelledAt < 0.6);
        QCOMPARE(layoutReportsAfterCancel, 0);  // no epoch ran after the cancel
        std::error_code ec;
        QVERIFY(!fs::exists(o.cacheDir, ec) || fs::is_empty(o.cacheDir, ec));
        QVERIFY(!loadCachedEmbeddingMap(o.cacheDir, f.name, "layout",
                                        embeddingMapKey(f.fingerprint, "layout", embeddingMapParams(o, f.n()))));
    }

    void cacheReusedAndRecomputedWhenFeaturesChange() {
        const Planted p = plantedClusters(100, 11);
        FeatureMatrix f = matrixOf(p, "fp-1");
        EmbeddingMapOptions o;
        o.method = "layout";
        o.epochs = 30;
        o.threads = 1;
        o.cacheDir = fs::path(m_tmp.path().toStdString()) / "cache";
        const EmbeddingMap first = computeEmbeddingMap(f, o);
        QVERIFY(!first.fromCache);
        QCOMPARE(first.n(), p.n);
        QCOMPARE(first.ids, f.ids);
        QCOMPARE(first.xy.size(), size_t(2 * p.n));
        QCOMPARE(first.method, std::string("layout"));
        QCOMPARE(first.features, std::string("planted"));
        QVERIFY(fs::exists(o.cacheDir / "map-planted-layout.xy.f32"));
        QCOMPARE(int64_t(fs::file_size(o.cacheDir / "map-planted-layout.xy.f32")), int64_t(p.n * 2 * 4));

        const EmbeddingMap again = computeEmbeddingMap(f, o);
        QVERIFY(again.fromCache);
        QCOMPARE(again.xy, first.xy);
        QCOMPARE(again.ids, first.ids);
        QCOMPARE(again.key, first.key);

        // Other parameters: recomputed.
        EmbeddingMapOptions o2 = o;
        o2.epochs = 31;
        QVERIFY(!computeEmbeddingMap(f, o2).fromCache);
        // Other features (one row changed, so another fingerprint): recomputed, not the stale map.
        std::vector<float> moved(f.data(), f.data() + f.rows->size());
        moved[5] += 1.0f;
        f.rows = FloatRows::held(std::move(moved));
        f.fingerprint = "fp-2";
        const EmbeddingMap changed = computeEmbeddingMap(f, o);
        QVERIFY(!changed.fromCache);
        QVERIFY(changed.key != first.key);
        QVERIFY(computeEmbeddingMap(f, o).fromCache);
        // A damaged cache file (cut short) is recomputed, never read.
        fs::resize_file(o.cacheDir / "map-planted-layout.xy.f32", 16);
        QVERIFY(!computeEmbeddingMap(f, o).fromCache);
        // PCA is cached apart from the layout.
        EmbeddingMapOptions op = o;
        op.method = "pca";
        const EmbeddingMap pca = computeEmbeddingMap(f, op);
        QVERIFY(!pca.fromCache);
        QCOMPARE(pca.epochs, 0);
        QVERIFY(computeEmbeddingMap(f, op).fromCache);
        QVERIFY(computeEmbeddingMap(f, o).fromCache);
    }

    void badOptionsAreRefused() {
        const Planted p = plantedClusters(10, 1);
        const FeatureMatrix f = matrixOf(p, "fp");
        EmbeddingMapOptions o;
        o.method = "tsne";
        QVERIFY_THROWS_EXCEPTION(Error, computeEmbeddingMap(f, o));
        o.method = "pca";
        o.k = 0;
        QVERIFY_THROWS_EXCEPTION(Error, computeEmbeddingMap(f, o));
    }

    void tinyInputs() {
        // No rows, one row, two identical rows: finite coordinates, no crash.
        for (int64_t n : {0, 1, 2, 3}) {
            std::vector<float> x(size_t(n) * 4, 0.5f);
            FeatureMatrix f;
            f.name = "tiny";
            f.dim = 4;
            f.rows = FloatRows::held(x);
            for (int64_t i = 0; i < n; ++i) f.ids.push_back(i + 1);
            f.fingerprint = "tiny" + std::to_string(n);
            EmbeddingMapOptions o;
            o.epochs = 5;
            const EmbeddingMap m = computeEmbeddingMap(f, o);
            QCOMPARE(m.xy.size(), size_t(2 * n));
            for (float v : m.xy) QVERIFY(std::isfinite(v));
        }
    }

    void epochsBySize() {
        QCOMPARE(layoutEpochsFor(3000), 500);
        QCOMPARE(layoutEpochsFor(100000), 200);
        QCOMPARE(layoutEpochsFor(1000000), 100);
        QVERIFY(layoutEpochsFor(300000) < 200 && layoutEpochsFor(300000) > 100);
    }
};

QTEST_GUILESS_MAIN(TestCurationMap)
#include "tst_curation_map.moc"
