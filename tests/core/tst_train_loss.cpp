// IB and focal losses (METHODS §9) against closed-form hand computations of the value and of
// the gradients with respect to the logits and the features (the IB factor stays in the graph).
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include "train_private/losses.h"

#include <QtTest>

#include <cmath>

using namespace winnow::core;

namespace {

struct Hand {
    double loss;
    std::vector<double> dz, dh;
};

// One sample: L = c · CE / (D), D = ||p - y||_1 · ||h||_1 + ε = 2(1 - p_y)·s + ε.
Hand ibByHand(const std::vector<double>& z, const std::vector<double>& h, int y, double c, double eps) {
    double mx = *std::max_element(z.begin(), z.end()), zs = 0;
    for (double v : z) zs += std::exp(v - mx);
    std::vector<double> p;
    for (double v : z) p.push_back(std::exp(v - mx) / zs);
    double s = 0;
    for (double v : h) s += std::abs(v);
    double ce = -std::log(p[size_t(y)]);
    double py = p[size_t(y)];
    double D = 2 * (1 - py) * s + eps;
    Hand r;
    r.loss = c * ce / D;
    for (size_t j = 0; j < z.size(); ++j) {
        double dce = p[j] - (int(j) == y ? 1 : 0);
        double dpy = py * ((int(j) == y ? 1 : 0) - p[j]);
        double dD = -2 * s * dpy;
        r.dz.push_back(c * (dce * D - ce * dD) / (D * D));
    }
    for (double v : h) r.dh.push_back(-c * ce * 2 * (1 - py) * (v > 0 ? 1 : -1) / (D * D));
    return r;
}

}  // namespace

class TestTrainLoss : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ibValueAndGradient() {
        torch::Tensor z = torch::tensor({{1.5, -0.3, 0.2}, {0.1, 0.4, -1.2}}, torch::kDouble).requires_grad_();
        torch::Tensor h = torch::tensor({{0.5, 1.0, 0.0001, 2.0}, {0.3, 0.2, 1.1, 0.7}}, torch::kDouble)
                              .requires_grad_();
        torch::Tensor y = torch::tensor({1, 2}, torch::kLong);
        // Class counts 90, 9, 1: inverse weights normalised to sum 3.
        auto wv = inverseClassWeights({90, 9, 1});
        double inv = 1.0 / 90 + 1.0 / 9 + 1.0;
        QVERIFY(std::abs(wv[1] - 3 * (1.0 / 9) / inv) < 1e-12);
        LossSpec spec;
        spec.kind = "ib";
        spec.ibActive = true;
        spec.ibAlpha = 0.7;
        spec.ibWeight = torch::tensor(wv, torch::kDouble);
        // The trainer computes in float32; the hand check runs the same code in double by
        // feeding double tensors (perSampleLoss casts to float), so compare at float tolerance.
        auto l = perSampleLoss(spec, z, h, y).mean();
        l.backward();
        auto gz = z.grad(), gh = h.grad();
        double total = 0;
        for (int i = 0; i < 2; ++i) {
            std::vector<double> zi, hi;
            for (int j = 0; j < 3; ++j) zi.push_back(z[i][j].item<double>());
            for (int j = 0; j < 4; ++j) hi.push_back(h[i][j].item<double>());
            int yi = int(y[i].item<int64_t>());
            Hand r = ibByHand(zi, hi, yi, 0.7 * wv[size_t(yi)], 1e-3);
            total += r.loss / 2;
            for (int j = 0; j < 3; ++j)
                QVERIFY2(std::abs(gz[i][j].item<double>() - r.dz[size_t(j)] / 2) < 1e-5,
                         qPrintable(QString("dz[%1][%2]").arg(i).arg(j)));
            for (int j = 0; j < 4; ++j)
                QVERIFY2(std::abs(gh[i][j].item<double>() - r.dh[size_t(j)] / 2) < 1e-5,
                         qPrintable(QString("dh[%1][%2]").arg(i).arg(j)));
        }
        QVERIFY2(std::abs(l.item<double>() - total) < 1e-5 * std::max(1.0, total),
                 qPrintable(QString("%1 vs %2").arg(l.item<double>()).arg(total)));
    }

    void ibInactiveIsPlainCe() {
        torch::Tensor z = torch::tensor({{2.0, 0.0}}, torch::kFloat);
        LossSpec spec;
        spec.kind = "ib";
        spec.ibActive = false;
        auto l = perSampleLoss(spec, z, torch::ones({1, 3}), torch::tensor({1}, torch::kLong));
        // -log(1 / (1 + e^2))
        QVERIFY(std::abs(l.item<double>() - std::log(1 + std::exp(2.0))) < 1e-5);
    }

    void focalMatchesFormula() {
        torch::Tensor z = torch::tensor({{0.3, 1.1, -0.5}}, torch::kFloat);
        LossSpec spec;
        spec.kind = "focal";
        spec.focalGamma = 2.0;
        auto l = perSampleLoss(spec, z, torch::ones({1, 2}), torch::tensor({0}, torch::kLong));
        double e0 = std::exp(0.3), e1 = std::exp(1.1), e2 = std::exp(-0.5);
        double p = e0 / (e0 + e1 + e2);
        QVERIFY(std::abs(l.item<double>() - std::pow(1 - p, 2) * -std::log(p)) < 1e-5);
    }

    void effectiveNumberWeightsByHand() {
        auto w = effectiveNumberWeights({1000, 10}, 0.99);
        double a = (1 - 0.99) / (1 - std::pow(0.99, 1000)), b = (1 - 0.99) / (1 - std::pow(0.99, 10));
        QVERIFY(std::abs(w[0] - 2 * a / (a + b)) < 1e-12);
        QVERIFY(std::abs(w[0] + w[1] - 2) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestTrainLoss)
#include "tst_train_loss.moc"
