// Baseline detectors on hand-built probabilities with known outcomes.
#include <QtTest>

#include <cmath>

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
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
