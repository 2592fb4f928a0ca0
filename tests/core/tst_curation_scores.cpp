// Duplicate groups, outliers and neighbour label conflicts on hand-made neighbour graphs whose
// answers are known: chains join into one group, exact copies group by hash, a group across
// splits is leakage and across labels a conflict; a unimodal spread of distances flags nothing
// but the planted far rows; the neighbour conflict is the plain fraction.
#include <QtTest>

#include <cmath>
#include <random>
#include <set>

#include "core/curation/duplicates.h"
#include "core/curation/neighbour_scores.h"

using namespace winnow::core;

namespace {

// Row i's neighbours are i+1..i+k (mod n) at the distances `dist(i, j)`.
NeighbourGraph ring(int64_t n, int k, const std::function<float(int64_t, int)>& dist) {
    NeighbourGraph g;
    g.n = n;
    g.k = k;
    g.nbr.resize(size_t(n * k));
    g.dist.resize(size_t(n * k));
    for (int64_t i = 0; i < n; ++i)
        for (int j = 0; j < k; ++j) {
            g.nbr[size_t(i * k + j)] = (i + 1 + j) % n;
            g.dist[size_t(i * k + j)] = dist(i, j);
        }
    return g;
}

std::set<std::set<int64_t>> groupSets(const std::vector<DuplicateGroup>& groups) {
    std::set<std::set<int64_t>> s;
    for (const auto& g : groups) s.insert(std::set<int64_t>(g.rows.begin(), g.rows.end()));
    return s;
}

}  // namespace

class TestCurationScores : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsChainsHashesLeakageConflicts() {
        // 10 rows; near edges 0-1 and 1-2 (a chain), 7-8 just above the threshold.
        NeighbourGraph g = ring(10, 1, [](int64_t i, int) { return i == 0 || i == 1 ? 0.001f : (i == 7 ? 0.011f : 1.0f); });
        std::vector<std::array<uint8_t, 32>> hash(10);
        for (int i = 0; i < 10; ++i) hash[size_t(i)].fill(uint8_t(i));
        hash[5] = hash[4];  // an exact copy (not a neighbour edge)
        const std::vector<int32_t> label = {0, 0, 1, 0, 2, 2, 0, 0, 0, 0};
        const std::vector<int8_t> split = {0, 0, 0, 0, 0, 2, 0, 0, 0, 0};
        DuplicateInput in;
        in.n = 10;
        in.hash = hash.data();
        in.graph = &g;
        in.nearThreshold = 0.01f;
        in.label = label.data();
        in.split = split.data();
        const auto groups = findDuplicateGroups(in);
        QCOMPARE(groupSets(groups), (std::set<std::set<int64_t>>{{0, 1, 2}, {4, 5}}));
        QCOMPARE(groups[0].id, int64_t(1));  // the largest first
        QCOMPARE(groups[0].rows.size(), size_t(3));
        QVERIFY(!groups[0].exact && !groups[0].leakage && groups[0].labelConflict);
        QCOMPARE(groups[0].maxDistance, 0.001f);
        QVERIFY(groups[1].exact && groups[1].leakage && !groups[1].labelConflict);
        // Without hashes only the chain remains.
        in.hash = nullptr;
        QCOMPARE(groupSets(findDuplicateGroups(in)), (std::set<std::set<int64_t>>{{0, 1, 2}}));
    }

    void outliersUnimodalFlagsOnlyPlanted() {
        // k-th distances log-normal around 0.5 (one mode, no outlier) except rows 0..4, ten times
        // farther. Labels alternate, so per-class medians are alike.
        const int64_t n = 3000;
        std::mt19937 rng(3);
        std::normal_distribution<float> z(0.0f, 0.25f);
        std::vector<float> kth(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) kth[size_t(i)] = 0.5f * std::exp(z(rng)) * (i < 5 ? 10.0f : 1.0f);
        const NeighbourGraph g = ring(n, 3, [&](int64_t i, int j) {
            const float d = kth[size_t(i)] * (0.8f + 0.1f * float(j));
            return d * d;  // squared distances
        });
        std::vector<int32_t> label(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) label[size_t(i)] = int32_t(i % 2);
        const OutlierScores s = scoreOutliers(g, label.data());
        std::set<int64_t> flagged;
        for (int64_t i = 0; i < n; ++i)
            if (s.flag[size_t(i)]) flagged.insert(i);
        QCOMPARE(flagged, (std::set<int64_t>{0, 1, 2, 3, 4}));
        // Scores are per-class normalised: the median row scores about 1.
        std::vector<float> v(s.score.begin() + 5, s.score.end());
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
        QVERIFY(std::abs(v[v.size() / 2] - 1.0f) < 0.05f);
    }

    void perClassNormalisation() {
        // Class 1 is five times more spread out than class 0: its rows are not outliers for it.
        const int64_t n = 2000;
        std::vector<int32_t> label(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) label[size_t(i)] = int32_t(i % 2);
        std::mt19937 rng(5);
        std::normal_distribution<float> z(0.0f, 0.1f);
        const NeighbourGraph g = ring(n, 2, [&](int64_t i, int) {
            const float d = (i % 2 ? 2.5f : 0.5f) * std::exp(z(rng));
            return d * d;
        });
        const OutlierScores s = scoreOutliers(g, label.data());
        int flagged = 0, flaggedSpread = 0;
        for (int64_t i = 0; i < n; ++i) {
            flagged += s.flag[size_t(i)];
            flaggedSpread += s.flag[size_t(i)] && i % 2;
        }
        // Only the tail a 3-MAD cut lets through (a few of 2,000), not the spread-out class.
        QVERIFY2(flagged <= 6, qPrintable(QString::number(flagged)));
        QVERIFY(flaggedSpread <= 3);
    }

    void neighbourConflictIsTheFraction() {
        const NeighbourGraph g = ring(6, 4, [](int64_t, int) { return 0.1f; });
        const std::vector<int32_t> label = {0, 1, 0, -1, 1, 0};
        const auto c = neighbourLabelConflict(g, label.data());
        // Row 0: neighbours 1,2,3,4 -> labelled 1,0,1 -> 2 of 3 differ.
        QCOMPARE(c[0], 2.0f / 3.0f);
        QVERIFY(std::isnan(c[3]));  // unlabelled
        // Row 4: neighbours 5,0,1,2 -> labels 0,0,1,0 -> 3 of 4 differ from 1.
        QCOMPARE(c[4], 0.75f);
    }
};

QTEST_GUILESS_MAIN(TestCurationScores)
#include "tst_curation_scores.moc"
