// Sampling arithmetic of the trainer checked against hand computations: q(r,k), the CMO
// foreground sampler (seeded chi-square), CutMix boxes with clipping, long-tailed subsets
// and K-fold assignment.
#include <QtTest>

#include <cmath>

#include "core/train/sampling.h"

using namespace winnow::core;

namespace {
std::vector<int32_t> labelsWithCounts(const std::vector<int>& counts) {
    std::vector<int32_t> y;
    for (size_t k = 0; k < counts.size(); ++k) y.insert(y.end(), size_t(counts[k]), int32_t(k));
    return y;
}
}  // namespace

class TestTrainSampling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classProbabilitiesByHand() {
        // counts 100, 25, 4: r=1 -> uniform; r=0 -> proportional; r=0.5 -> sqrt(n) normalised.
        std::vector<int64_t> n = {100, 25, 4};
        auto q1 = classProbabilities(n, 1.0);
        for (double v : q1) QVERIFY(std::abs(v - 1.0 / 3) < 1e-12);
        auto q0 = classProbabilities(n, 0.0);
        QVERIFY(std::abs(q0[0] - 100.0 / 129) < 1e-12);
        auto qh = classProbabilities(n, 0.5);
        QVERIFY(std::abs(qh[0] - 10.0 / 17) < 1e-12);  // sqrt: 10, 5, 2
        QVERIFY(std::abs(qh[2] - 2.0 / 17) < 1e-12);
    }

    void foregroundFrequenciesMatchQ_data() {
        QTest::addColumn<double>("r");
        QTest::newRow("r=1 class-balanced") << 1.0;
        QTest::newRow("r=0.5") << 0.5;
        QTest::newRow("r=0 instance") << 0.0;
    }
    void foregroundFrequenciesMatchQ() {
        QFETCH(double, r);
        const std::vector<int> counts = {500, 200, 80, 30, 10};
        auto labels = labelsWithCounts(counts);
        WeightedClassSampler s(labels, 5, r);
        // Expected class probabilities by hand: n_k^(1-r) / sum.
        double z = 0;
        for (int c : counts) z += std::pow(double(c), 1 - r);
        Rng rng(12345);
        const int draws = 50000;
        std::vector<int> seen(5, 0);
        for (int i = 0; i < draws; ++i) ++seen[size_t(labels[size_t(s.draw(rng))])];
        double chi2 = 0;
        for (int k = 0; k < 5; ++k) {
            double e = draws * std::pow(double(counts[size_t(k)]), 1 - r) / z;
            chi2 += (seen[size_t(k)] - e) * (seen[size_t(k)] - e) / e;
        }
        // 4 degrees of freedom: the 99.9% quantile is 18.47.
        QVERIFY2(chi2 < 18.47, qPrintable(QString("chi2 = %1").arg(chi2)));
    }

    void foregroundMembersAreUniformWithinClass() {
        auto labels = labelsWithCounts({4, 2});
        WeightedClassSampler s(labels, 2, 1.0);
        Rng rng(7);
        std::vector<int> hits(6, 0);
        for (int i = 0; i < 60000; ++i) ++hits[size_t(s.draw(rng))];
        // Each class 1/2, members of class 0 get 1/8 each, of class 1 1/4 each.
        for (int i = 0; i < 4; ++i) QVERIFY(std::abs(hits[size_t(i)] / 60000.0 - 0.125) < 0.01);
        for (int i = 4; i < 6; ++i) QVERIFY(std::abs(hits[size_t(i)] / 60000.0 - 0.25) < 0.01);
    }

    void cutBoxInsideImage() {
        // 32x32, λ = 0.75: side ratio sqrt(0.25) = 0.5 -> 16x16 box centred at (16,16):
        // [8,24) x [8,24), area 256 of 1024 -> λ = 0.75 exactly.
        CutBox b = cutBoxFor(32, 32, 0.75, 16, 16);
        QCOMPARE(b.x0, 8);
        QCOMPARE(b.x1, 24);
        QCOMPARE(b.y0, 8);
        QCOMPARE(b.y1, 24);
        QCOMPARE(b.lambda, 0.75);
    }

    void cutBoxClippedRecomputesLambda() {
        // 28x20, λ drawn 0.36: ratio 0.8 -> cut 22 x 16; centre (2, 19):
        // x [2-11, 2+11) -> clipped [0, 13); y [19-8, 19+8) -> [11, 20). Area 13*9 = 117 of 560.
        CutBox b = cutBoxFor(28, 20, 0.36, 2, 19);
        QCOMPARE(b.x0, 0);
        QCOMPARE(b.x1, 13);
        QCOMPARE(b.y0, 11);
        QCOMPARE(b.y1, 20);
        QVERIFY(std::abs(b.lambda - (1.0 - 117.0 / 560.0)) < 1e-12);
    }

    void drawnBoxesAreConsistent() {
        Rng rng(3);
        double meanLambda = 0;
        for (int i = 0; i < 20000; ++i) {
            CutBox b = drawCutBox(24, 16, rng);
            QVERIFY(b.x0 >= 0 && b.x1 <= 24 && b.x0 <= b.x1);
            QVERIFY(b.y0 >= 0 && b.y1 <= 16 && b.y0 <= b.y1);
            QVERIFY(std::abs(b.lambda - (1.0 - (b.x1 - b.x0) * (b.y1 - b.y0) / 384.0)) < 1e-12);
            meanLambda += b.lambda / 20000;
        }
        // Clipping only shrinks boxes, so the recomputed λ is on average above E[λ] = 0.5.
        QVERIFY(meanLambda > 0.5);
    }

    void longTailCountsByHand() {
        // n_max 1000, ρ 100, K 5: 1000 · 100^(-k/4) = 1000, 316.2, 100, 31.6, 10.
        auto n = longTailedCounts(1000, 5, 100);
        QCOMPARE(n, (std::vector<int64_t>{1000, 316, 100, 31, 10}));
        auto m = longTailedCounts(6000, 10, 100);
        QCOMPARE(m.front(), int64_t(6000));
        QCOMPARE(m.back(), int64_t(60));
    }

    void longTailSubsetIsSeededAndExact() {
        auto labels = labelsWithCounts({300, 300, 300});
        auto a = longTailedSubset(labels, 3, 10, 1);
        auto b = longTailedSubset(labels, 3, 10, 1);
        auto c = longTailedSubset(labels, 3, 10, 2);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        std::vector<int> per(3, 0);
        for (int64_t i : a) ++per[size_t(labels[size_t(i)])];
        // 300 · 10^(-k/2): 300, 94.87, 30.
        QCOMPARE(per, (std::vector<int>{300, 94, 30}));
        QVERIFY(std::is_sorted(a.begin(), a.end()));
    }

    void kFoldIsStratifiedAndComplete() {
        auto labels = labelsWithCounts({50, 20, 10});
        auto f = kFoldAssignment(labels, 3, 5, 9);
        std::vector<std::vector<int>> per(5, std::vector<int>(3, 0));
        for (size_t i = 0; i < f.size(); ++i) ++per[size_t(f[i])][size_t(labels[i])];
        for (int k = 0; k < 5; ++k) {
            QCOMPARE(per[size_t(k)][0], 10);
            QCOMPARE(per[size_t(k)][1], 4);
            QCOMPARE(per[size_t(k)][2], 2);
        }
    }

    void instanceOrderIsPermutation() {
        auto labels = labelsWithCounts({7, 3});
        Rng rng(1);
        auto o = epochOrder(labels, 2, "instance", 0, rng);
        std::sort(o.begin(), o.end());
        for (size_t i = 0; i < o.size(); ++i) QCOMPARE(o[i], int64_t(i));
        QVERIFY_THROWS_EXCEPTION(std::exception, epochOrder(labels, 2, "bogus", 0, rng));
    }
};

QTEST_GUILESS_MAIN(TestTrainSampling)
#include "tst_train_sampling.moc"
