// Two-component 1-D GMM by EM recovers the parameters of a known mixture.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/influence/gmm.h"

using namespace winnow::core;

class TestGmm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recoversKnownMixture() {
        // 0.3 N(-2, 0.5^2) + 0.7 N(3, 1^2), 4000 draws.
        std::mt19937_64 rng(42);
        std::normal_distribution<double> a(-2.0, 0.5), b(3.0, 1.0);
        std::bernoulli_distribution pickA(0.3);
        std::vector<double> x;
        for (int i = 0; i < 4000; ++i) x.push_back(pickA(rng) ? a(rng) : b(rng));
        Gmm1d g = fitGmm1d(x);
        QVERIFY(g.valid);
        QVERIFY(std::fabs(g.mean[0] + 2.0) < 0.05);
        QVERIFY(std::fabs(g.mean[1] - 3.0) < 0.08);
        QVERIFY(std::fabs(std::sqrt(g.var[0]) - 0.5) < 0.04);
        QVERIFY(std::fabs(std::sqrt(g.var[1]) - 1.0) < 0.05);
        QVERIFY(std::fabs(g.weight[0] - 0.3) < 0.03);
        QVERIFY(g.iterations <= 200);
    }

    void posteriorMatchesHandComputation() {
        Gmm1d g;
        g.weight[0] = 0.25;
        g.weight[1] = 0.75;
        g.mean[0] = 0.0;
        g.mean[1] = 2.0;
        g.var[0] = 1.0;
        g.var[1] = 4.0;
        // At x = 1: N(1;0,1) = 0.24197, N(1;2,4) = 0.17603.
        double lo = 0.25 * 0.2419707245, hi = 0.75 * 0.1760326634;
        QVERIFY(std::fabs(g.posteriorHigh(1.0) - hi / (lo + hi)) < 1e-8);
    }

    void varianceFloorKeepsDegenerateComponentFinite() {
        // Half the points identical: one component collapses onto them; the floor stops it at
        // 1e-6 of the data variance instead of zero.
        std::vector<double> x(200, 1.0);
        for (int i = 0; i < 200; ++i) x.push_back(5.0 + 0.01 * i);
        Gmm1d g = fitGmm1d(x);
        QVERIFY(g.valid);
        QVERIFY(std::isfinite(g.meanLogLik));
        QVERIFY(g.var[0] > 0 && g.var[1] > 0);
        QVERIFY(std::fabs(g.mean[0] - 1.0) < 1e-6);
    }

    void tooFewPointsIsInvalid() {
        QVERIFY(!fitGmm1d({}).valid);
        QVERIFY(!fitGmm1d({1.0}).valid);
        QVERIFY(!fitGmm1d({2.0, 2.0, 2.0}).valid);
    }
};

QTEST_GUILESS_MAIN(TestGmm)
#include "tst_gmm.moc"
