// Baseline detectors on hand-built probabilities with known outcomes.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/influence/detection_metrics.h"
#include "core/influence/detectors.h"

using namespace winnow::core;

class TestDetectors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void softmaxByHand() {
        float z[] = {0.0f, std::log(3.0f)};
        auto p = softmaxRows(z, 1, 2);
        QVERIFY(std::fabs(p[0] - 0.25f) < 1e-6f && std::fabs(p[1] - 0.75f) < 1e-6f);
    }

    void confidentLearningByHand() {
        // 2 classes, 6 samples. Labels 0,0,0,1,1,1. p(class 1):
        //   0.1 0.2 0.9 | 0.8 0.7 0.9
        // t_0 = mean p0 over label 0 = (0.9 + 0.8 + 0.1)/3 = 0.6
        // t_1 = mean p1 over label 1 = (0.8 + 0.7 + 0.9)/3 = 0.8
        // Confident joint (argmax among classes above threshold):
        //   s0 p0=.9>=.6 -> (0,0); s1 p0=.8 -> (0,0); s2 p1=.9>=.8 -> (0,1);
        //   s3 p1=.8 -> (1,1); s4 p0=.3<.6, p1=.7<.8 -> none; s5 -> (1,1).
        // Calibrated rows: row 0 = [2, 1] * 3/3 = [2, 1]; row 1 = [0, 2] * 3/2 = [0, 3];
        // total 6 = n. Off-diagonal (0,1) = 1 -> flag the label-0 sample with the largest
        // p1 - p0: s2. Noise rate = 1/6.
        std::vector<float> p = {0.9f, 0.1f, 0.8f, 0.2f, 0.1f, 0.9f,
                                0.2f, 0.8f, 0.3f, 0.7f, 0.1f, 0.9f};
        std::vector<int32_t> y = {0, 0, 0, 1, 1, 1};
        auto r = detectConfidentLearning(p.data(), y.data(), 6, 2);
        std::vector<uint8_t> expect = {0, 0, 1, 0, 0, 0};
        QVERIFY(r.flag == expect);
        QVERIFY(std::fabs(r.noiseRateEstimate - 1.0 / 6) < 1e-12);
        QVERIFY(std::fabs(r.extra[0] - 2) < 1e-12 && std::fabs(r.extra[1] - 1) < 1e-12);
        QVERIFY(std::fabs(r.extra[2] - 0) < 1e-12 && std::fabs(r.extra[3] - 3) < 1e-12);
        // Normalised margin of s2: p_y - max other = 0.1 - 0.9 -> score 0.8; s4: 0.7-0.3.
        QVERIFY(std::fabs(r.score[2] - 0.8f) < 1e-6f);
        QVERIFY(std::fabs(r.score[4] + 0.4f) < 1e-6f);
    }

    void selfConfidenceFlagsLowestQ() {
        std::vector<float> p = {0.9f, 0.1f, 0.4f, 0.6f, 0.2f, 0.8f, 0.7f, 0.3f};
        std::vector<int32_t> y = {0, 0, 0, 0};  // p_y = 0.9, 0.4, 0.2, 0.7
        auto r = detectSelfConfidence(p.data(), y.data(), 4, 2, 0.5);
        std::vector<uint8_t> expect = {0, 1, 1, 0};
        QVERIFY(r.flag == expect);
        QVERIFY(std::fabs(r.score[2] - 0.8f) < 1e-6f);
    }

    void smallLossSeparatesTwoLossGroups() {
        // 90 well-fit samples (p_y ~ 0.95) and 10 badly fit ones (p_y ~ 0.05).
        std::vector<float> p;
        std::vector<int32_t> y;
        for (int i = 0; i < 100; ++i) {
            float py = i < 90 ? 0.95f - 0.001f * float(i % 7) : 0.05f + 0.002f * float(i % 5);
            p.push_back(py);
            p.push_back(1 - py);
            y.push_back(0);
        }
        auto r = detectSmallLoss(p.data(), y.data(), 100, 2);
        for (int i = 0; i < 100; ++i) QCOMPARE(bool(r.flag[size_t(i)]), i >= 90);
        QCOMPARE(r.flagged, 10);
    }
    // NaN scores (from NaN probabilities) rank last: the reference below computes AUROC and AP
    // from their definitions over all pairs / all positives with NaN read as -infinity, without
    // sorting. A bare '>' in std::sort is not a strict weak order with NaNs: it mis-orders (or
    // reads out of bounds) and the tie walk split NaNs into singleton groups.
    void nanScoresRankLastInMetrics() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        std::mt19937 rng(13);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        const size_t n = 400;
        std::vector<float> score(n);
        std::vector<uint8_t> noisy(n), flag(n, 0);
        int64_t nans = 0;
        for (size_t i = 0; i < n; ++i) {
            noisy[i] = u(rng) < 0.3f;
            const bool unknown = u(rng) < 0.4f;
            // Positives score higher on average; a coarse grid makes real ties too.
            score[i] = unknown ? nan : std::round((u(rng) + (noisy[i] ? 0.4f : 0.0f)) * 20.0f) / 20.0f;
            nans += unknown;
        }
        auto key = [&](size_t i) { return std::isnan(score[i]) ? -INFINITY : double(score[i]); };
        double pairs = 0, positives = 0, negatives = 0, ap = 0;
        for (size_t i = 0; i < n; ++i) {
            (noisy[i] ? positives : negatives) += 1;
            if (!noisy[i]) continue;
            double atOrAbove = 0, posAtOrAbove = 0;
            for (size_t j = 0; j < n; ++j) {
                if (!noisy[j]) pairs += key(i) > key(j) ? 1.0 : key(i) == key(j) ? 0.5 : 0.0;
                if (key(j) >= key(i)) {
                    atOrAbove += 1;
                    posAtOrAbove += noisy[j];
                }
            }
            ap += posAtOrAbove / atOrAbove;  // ties broken pessimistically: the group at once
        }
        const DetectionMetrics m = detectionMetrics(noisy, flag, &score);
        QVERIFY2(std::fabs(m.auroc - pairs / (positives * negatives)) < 1e-9,
                 qPrintable(QStringLiteral("auroc %1 vs %2").arg(m.auroc).arg(pairs / (positives * negatives))));
        QVERIFY2(std::fabs(m.averagePrecision - ap / positives) < 1e-9,
                 qPrintable(QStringLiteral("AP %1 vs %2").arg(m.averagePrecision).arg(ap / positives)));
        QCOMPARE(m.unscored, nans);
    }

    // Self-confidence flags the round(q n) least confident samples it can score; a NaN
    // probability is never among them and is counted as unscored.
    void selfConfidenceRanksNanLast() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const int64_t n = 300;
        std::vector<float> p;
        std::vector<int32_t> y(size_t(n), 0);
        std::vector<float> py(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            py[size_t(i)] = i % 2 ? nan : float((i * 37) % 1009) / 1009.0f;  // distinct
            p.push_back(py[size_t(i)]);
            p.push_back(1.0f - py[size_t(i)]);
        }
        const auto r = detectSelfConfidence(p.data(), y.data(), n, 2, 0.25);
        // Expected: the 75 smallest finite p_y (all distinct), found without any sort on NaNs.
        std::vector<float> finite;
        for (float v : py)
            if (!std::isnan(v)) finite.push_back(v);
        std::nth_element(finite.begin(), finite.begin() + 74, finite.end());
        const float cut = finite[74];
        int64_t flagged = 0;
        for (int64_t i = 0; i < n; ++i) {
            const bool expect = !std::isnan(py[size_t(i)]) && py[size_t(i)] <= cut;
            QCOMPARE(bool(r.flag[size_t(i)]), expect);
            flagged += expect;
        }
        QCOMPARE(r.flagged, flagged);
        QCOMPARE(flagged, int64_t(75));
        QCOMPARE(r.unscored, int64_t(n / 2));
    }

    // One NaN probability must not turn every small-loss score into NaN (the min/max of the
    // losses ignored nothing before): the two loss groups are still told apart.
    void smallLossIgnoresNanInNormalisation() {
        std::vector<float> p;
        std::vector<int32_t> y;
        for (int i = 0; i < 101; ++i) {
            float py = i == 0 ? std::numeric_limits<float>::quiet_NaN()
                       : i <= 90 ? 0.95f - 0.001f * float(i % 7) : 0.05f + 0.002f * float(i % 5);
            p.push_back(py);
            p.push_back(1 - py);
            y.push_back(0);
        }
        auto r = detectSmallLoss(p.data(), y.data(), 101, 2);
        for (int i = 0; i < 101; ++i) QCOMPARE(bool(r.flag[size_t(i)]), i > 90);
        QCOMPARE(r.flagged, 10);
        QVERIFY(std::isnan(r.score[0]));
        QCOMPARE(r.unscored, int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
