// Closed-form last-layer gradients and Hessian against LibTorch autograd on a small model.
#include <torch/torch.h>

#include <QtTest>

#include "core/influence/last_layer_influence.h"

using namespace winnow::core;

class TestInfluenceGradients : public QObject {
    Q_OBJECT
    static constexpr int n = 7, L = 4, K = 3, L1 = L + 1, P = K * L1;
    torch::Tensor m_feat, m_theta;  // n x L features (after ReLU), K x (L+1) weights
    std::vector<float> m_f, m_z;
    std::vector<int32_t> m_y;

    LastLayerData data() {
        return {n, K, L, m_f.data(), m_z.data(), m_y.data()};
    }
    // Per-sample CE of the autograd model, as a function of theta.
    torch::Tensor losses(const torch::Tensor& theta) {
        auto h = torch::cat({m_feat, torch::ones({n, 1}, torch::kFloat64)}, 1);
        auto z = h.mm(theta.t());
        auto y = torch::tensor(std::vector<int64_t>(m_y.begin(), m_y.end()));
        return torch::nn::functional::cross_entropy(
            z, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    }

private Q_SLOTS:
    void initTestCase() {
        torch::manual_seed(7);
        m_feat = torch::relu(torch::randn({n, L}, torch::kFloat64));
        m_theta = torch::randn({K, L1}, torch::kFloat64);
        auto h = torch::cat({m_feat, torch::ones({n, 1}, torch::kFloat64)}, 1);
        auto z = h.mm(m_theta.t()).to(torch::kFloat32).contiguous();
        auto f = m_feat.to(torch::kFloat32).contiguous();
        m_f.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
        m_z.assign(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
        m_y = {0, 2, 1, 1, 0, 2, 2};
    }

    void gradientsMatchAutograd() {
        auto g = LastLayerInfluence::gradients(data());
        QCOMPARE(int(g.size()), n * P);
        for (int i = 0; i < n; ++i) {
            auto theta = m_theta.clone().requires_grad_(true);
            auto l = losses(theta)[i];
            auto ag = torch::autograd::grad({l}, {theta})[0].reshape({-1});
            for (int p = 0; p < P; ++p)
                QVERIFY2(std::fabs(g[size_t(i * P + p)] - ag[p].item<double>()) < 1e-5,
                         qPrintable(QString("sample %1 param %2").arg(i).arg(p)));
        }
    }

    void hessianMatchesAutograd() {
        InfluenceOptions o;
        o.damping = 0.25;
        o.solver = "exact";
        o.device = "cpu";
        LastLayerInfluence inf(data(), o);
        auto H = inf.hessian();
        QCOMPARE(int(H.size()), P * P);
        // Autograd Hessian of the mean loss, row by row via double backward.
        auto theta = m_theta.clone().requires_grad_(true);
        auto grad = torch::autograd::grad({losses(theta).mean()}, {theta}, {}, true, true)[0]
                        .reshape({-1});
        for (int r = 0; r < P; ++r) {
            auto row = torch::autograd::grad({grad[r]}, {theta}, {}, true)[0].reshape({-1});
            for (int c = 0; c < P; ++c) {
                double expect = row[c].item<double>() + (r == c ? o.damping : 0.0);
                QVERIFY2(std::fabs(H[size_t(r * P + c)] - expect) < 1e-5,
                         qPrintable(QString("H[%1,%2] = %3, autograd %4")
                                        .arg(r).arg(c).arg(H[size_t(r * P + c)]).arg(expect)));
            }
        }
    }

    void selfNormIsSolvedGradientNorm() {
        // s_i = ||H^-1 g_i|| against a dense solve of the autograd Hessian.
        InfluenceOptions o;
        o.damping = 0.1;
        o.device = "cpu";
        LastLayerInfluence inf(data(), o);
        std::vector<float> s(n);
        inf.score(data(), s.data(), nullptr, nullptr, 0, nullptr);
        auto theta = m_theta.clone().requires_grad_(true);
        auto grad = torch::autograd::grad({losses(theta).mean()}, {theta}, {}, true, true)[0]
                        .reshape({-1});
        auto H = torch::zeros({P, P}, torch::kFloat64);
        for (int r = 0; r < P; ++r)
            H[r] = torch::autograd::grad({grad[r]}, {theta}, {}, true)[0].reshape({-1});
        H += o.damping * torch::eye(P, torch::kFloat64);
        for (int i = 0; i < n; ++i) {
            auto t2 = m_theta.clone().requires_grad_(true);
            auto gi = torch::autograd::grad({losses(t2)[i]}, {t2})[0].reshape({P, 1});
            double expect = torch::linalg_solve(H, gi).norm().item<double>();
            QVERIFY2(std::fabs(s[size_t(i)] - expect) < 1e-4 * std::max(1.0, expect),
                     qPrintable(QString("s_%1 = %2, expected %3").arg(i).arg(s[size_t(i)]).arg(expect)));
        }
    }
};

QTEST_GUILESS_MAIN(TestInfluenceGradients)
#include "tst_influence_gradients.moc"
