// Noise injection rates, seeds and trusted sets; detection metrics against hand computations.
#include <QtTest>

#include <cmath>

#include "core/influence/detection_metrics.h"
#include "core/influence/noise_injection.h"
#include "core/util/error.h"

using namespace winnow::core;

class TestNoiseInjection : public QObject {
    Q_OBJECT
    std::vector<int32_t> m_y;
    std::vector<uint8_t> m_eligible;

private Q_SLOTS:
    void initTestCase() {
        for (int i = 0; i < 20000; ++i) {
            m_y.push_back(i % 10);
            m_eligible.push_back(i < 18000);  // the last 2000 are, say, test samples
        }
    }

    void symmetricRateAndTargets() {
        NoiseSpec s;
        s.rate = 0.2;
        s.seed = 3;
        auto o = injectNoise(m_y, m_eligible, 10, s, 10);
        // 18000 Bernoulli(0.2): sd = 53.7, so +-4 sd is +-215.
        QVERIFY(std::abs(o.flippedCount - 3600) < 215);
        std::vector<int> hist(10, 0);
        for (size_t i = 0; i < m_y.size(); ++i) {
            if (!m_eligible[i]) QCOMPARE(o.labels[i], m_y[i]);
            QCOMPARE(bool(o.flipped[i]), o.labels[i] != m_y[i]);
            if (o.flipped[i] && m_y[i] == 0) ++hist[size_t(o.labels[i])];
        }
        // Class 0's flips spread over the 9 other classes (~40 each), never onto itself.
        QCOMPARE(hist[0], 0);
        for (int k = 1; k < 10; ++k) QVERIFY2(hist[size_t(k)] > 15, "flips not spread");
    }

    void asymmetricFollowsPairMap() {
        NoiseSpec s;
        s.kind = "asymmetric";
        s.rate = 0.3;
        s.seed = 9;
        auto o = injectNoise(m_y, m_eligible, 10, s, 0);
        QVERIFY(std::abs(o.flippedCount - 5400) < 250);
        for (size_t i = 0; i < m_y.size(); ++i)
            if (o.flipped[i]) QCOMPARE(o.labels[i], (m_y[i] + 1) % 10);
        s.pairMap = {1, 0, 3, 2, 5, 4, 7, 6, 9, 8};
        auto p = injectNoise(m_y, m_eligible, 10, s, 0);
        for (size_t i = 0; i < m_y.size(); ++i)
            if (p.flipped[i]) QCOMPARE(p.labels[i], m_y[i] ^ 1);
        s.pairMap = {0, 0, 3, 2, 5, 4, 7, 6, 9, 8};  // maps 0 to itself
        QVERIFY_THROWS_EXCEPTION(Error, injectNoise(m_y, m_eligible, 10, s, 0));
    }

    void seedsReproduce() {
        NoiseSpec s;
        s.seed = 5;
        auto a = injectNoise(m_y, m_eligible, 10, s, 10);
        auto b = injectNoise(m_y, m_eligible, 10, s, 10);
        QVERIFY(a.labels == b.labels && a.trusted == b.trusted);
        s.seed = 6;
        auto c = injectNoise(m_y, m_eligible, 10, s, 10);
        QVERIFY(a.labels != c.labels);
    }

    void trustedAreUnflippedPerClass() {
        NoiseSpec s;
        s.rate = 0.4;
        auto o = injectNoise(m_y, m_eligible, 10, s, 7);
        std::vector<int> per(10, 0);
        for (size_t i = 0; i < m_y.size(); ++i) {
            if (!o.trusted[i]) continue;
            QVERIFY(!o.flipped[i]);
            QVERIFY(m_eligible[i]);
            ++per[size_t(m_y[i])];
        }
        for (int k = 0; k < 10; ++k) QCOMPARE(per[size_t(k)], 7);
    }

    void badArgumentsAreRefused() {
        NoiseSpec s;
        s.rate = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, injectNoise(m_y, m_eligible, 10, s, 1));
        s.rate = 0.1;
        s.kind = "pairwise";
        QVERIFY_THROWS_EXCEPTION(Error, injectNoise(m_y, m_eligible, 10, s, 1));
    }

    void metricsByHand() {
        // 8 samples, noisy = {0, 1, 2}; flagged = {0, 1, 5}.
        std::vector<uint8_t> noisy = {1, 1, 1, 0, 0, 0, 0, 0};
        std::vector<uint8_t> flag = {1, 1, 0, 0, 0, 1, 0, 0};
        // Scores rank: 0 (0.9), 5 (0.8), 1 (0.7), 2 (0.6), 3 (0.5) 4 (0.4) 6 (0.3) 7 (0.2).
        std::vector<float> score = {0.9f, 0.7f, 0.6f, 0.5f, 0.4f, 0.8f, 0.3f, 0.2f};
        auto m = detectionMetrics(noisy, flag, &score);
        QCOMPARE(m.truePositives, 2);
        QVERIFY(std::fabs(m.precision - 2.0 / 3) < 1e-12);
        QVERIFY(std::fabs(m.recall - 2.0 / 3) < 1e-12);
        QVERIFY(std::fabs(m.f1 - 2.0 / 3) < 1e-12);
        // AUROC: positives 0, 1, 2 beat 5, 4, 4 of the 5 negatives -> 13 / 15.
        QVERIFY(std::fabs(m.auroc - 13.0 / 15) < 1e-12);
        // AP: positives at ranks 1, 3, 4 -> (1/1 + 2/3 + 3/4) / 3.
        QVERIFY(std::fabs(m.averagePrecision - (1.0 + 2.0 / 3 + 0.75) / 3) < 1e-12);
        // Residual: 1 noisy among the 5 unflagged.
        QVERIFY(std::fabs(m.residualNoise - 0.2) < 1e-12);
        QVERIFY(std::fabs(m.fractionRemoved - 3.0 / 8) < 1e-12);
    }

    void metricsWithTies() {
        // All scores equal: AUROC 0.5, AP = base rate.
        std::vector<uint8_t> noisy = {1, 0, 0, 0};
        std::vector<uint8_t> flag = {0, 0, 0, 0};
        std::vector<float> score(4, 1.0f);
        auto m = detectionMetrics(noisy, flag, &score);
        QVERIFY(std::fabs(m.auroc - 0.5) < 1e-12);
        QVERIFY(std::fabs(m.averagePrecision - 0.25) < 1e-12);
        QCOMPARE(m.precision, 0.0);
        QCOMPARE(m.f1, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestNoiseInjection)
#include "tst_noise_injection.moc"
