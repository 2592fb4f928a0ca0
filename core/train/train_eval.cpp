#include <cstring>

#include "core/train/train_engine.h"

#include <cmath>
#include <limits>

#include "core/train/amp.h"
#include "core/train/sampling.h"
#include "core/util/error.h"

namespace winnow::core {

void evaluateRows(const EngineSetup& s, Net& net, const std::vector<int64_t>& rows, float* logits,
                  float* features, float* loss) {
    const auto& d = *s.data;
    const size_t B = size_t(std::max(1, s.cfg.evalBatchSize));
    const int K = d.classes;
    const int L = net.featureDim();
    torch::NoGradGuard ng;
    net.train(false);
    auto x = torch::empty({int64_t(B), d.channels, d.height, d.width});
    for (size_t lo = 0; lo < rows.size(); lo += B) {
        if (s.cb && s.cb->cancel) s.cb->cancel->throwIfCancelled();
        size_t n = std::min(B, rows.size() - lo);
        auto xb = x.narrow(0, 0, int64_t(n));
        fillBatch(d, rows.data() + lo, n, s.mean, s.stdev, false, 0, false, nullptr, xb.data_ptr<float>());
        torch::Tensor h, out;
        {
            AutocastScope amp(s.device.is_cuda() && s.cfg.mixedPrecision);
            std::tie(h, out) = net.forwardBoth(xb.to(s.device));
        }
        out = out.to(torch::kCPU, torch::kFloat).contiguous();
        h = h.to(torch::kCPU, torch::kFloat).contiguous();
        if (logits) std::memcpy(logits + lo * size_t(K), out.data_ptr<float>(), n * size_t(K) * 4);
        if (features) std::memcpy(features + lo * size_t(L), h.data_ptr<float>(), n * size_t(L) * 4);
        if (loss) {
            auto logp = torch::log_softmax(out, 1);
            const float* lp = logp.data_ptr<float>();
            for (size_t i = 0; i < n; ++i) {
                int y = d.label[size_t(rows[lo + i])];
                loss[lo + i] = (y >= 0 && y < K) ? -lp[i * size_t(K) + size_t(y)]
                                                 : std::numeric_limits<float>::quiet_NaN();
            }
        }
    }
}

namespace {

Json orNull(double num, double den) { return den > 0 ? Json(num / den) : Json(); }

}  // namespace

void addEvalMetrics(const EngineSetup& s, Net& net, const std::vector<int64_t>& trainRows, Json& m) {
    const auto& d = *s.data;
    const int K = d.classes;
    std::vector<int64_t> val, test, trusted;
    for (size_t i = 0; i < d.rows(); ++i) {
        if (d.label[i] < 0) continue;
        if (d.split[i] == 1) val.push_back(int64_t(i));
        if (d.split[i] == 2) test.push_back(int64_t(i));
        if (d.trusted[i]) trusted.push_back(int64_t(i));
    }
    std::vector<int32_t> trainLabels;
    for (int64_t r : trainRows) trainLabels.push_back(d.label[size_t(r)]);
    const auto counts = classCounts(trainLabels, K);

    // Returns (loss sum, correct, per-class correct/total) over rows.
    auto score = [&](const std::vector<int64_t>& rows, std::vector<double>* pcCorrect,
                     std::vector<double>* pcTotal) {
        std::vector<float> logits(rows.size() * size_t(K)), loss(rows.size());
        evaluateRows(s, net, rows, logits.data(), nullptr, loss.data());
        double lsum = 0, correct = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            const float* l = &logits[i * size_t(K)];
            int best = int(std::max_element(l, l + K) - l);
            int y = d.label[size_t(rows[i])];
            bool ok = best == y;
            lsum += loss[i];
            correct += ok;
            if (pcCorrect) {
                (*pcCorrect)[size_t(y)] += ok;
                (*pcTotal)[size_t(y)] += 1;
            }
        }
        return std::make_pair(lsum, correct);
    };
    auto [lv, cv] = score(val, nullptr, nullptr);
    m["loss_val"] = orNull(lv, double(val.size()));
    m["acc_val"] = orNull(cv, double(val.size()));
    auto [lt, ct] = score(trusted, nullptr, nullptr);
    (void)lt;
    m["acc_trusted"] = orNull(ct, double(trusted.size()));
    // Per-class and many/medium/few accuracy on the test split (val when there is no test).
    const auto& ref = test.empty() ? val : test;
    std::vector<double> pc(size_t(K), 0.0), pt(size_t(K), 0.0);
    auto [ls, cs] = score(ref, &pc, &pt);
    if (!test.empty()) {
        m["loss_test"] = orNull(ls, double(test.size()));
        m["acc_test"] = orNull(cs, double(test.size()));
    } else {
        m["loss_test"] = Json();
        m["acc_test"] = Json();
    }
    m["per_class_split"] = test.empty() ? "val" : "test";
    Json perClass = Json::array(), trainCounts = Json::array();
    double gc[3] = {0, 0, 0}, gt[3] = {0, 0, 0};
    for (int k = 0; k < K; ++k) {
        perClass.push(orNull(pc[size_t(k)], pt[size_t(k)]));
        trainCounts.push(counts[size_t(k)]);
        int g = int(shotOf(counts[size_t(k)]));
        gc[g] += pc[size_t(k)];
        gt[g] += pt[size_t(k)];
    }
    m["per_class_acc"] = perClass;
    m["train_counts"] = trainCounts;
    m["acc_many"] = orNull(gc[0], gt[0]);
    m["acc_medium"] = orNull(gc[1], gt[1]);
    m["acc_few"] = orNull(gc[2], gt[2]);
}

void rethrowTorchError(const std::exception& e, const std::string& where) {
    std::string what = e.what();
    std::string first = what.substr(0, what.find('\n'));
    if (what.find("out of memory") != std::string::npos || what.find("CUDA out of memory") != std::string::npos ||
        dynamic_cast<const std::bad_alloc*>(&e))
        throw Error(where + ": out of memory (lower --batch, use a smaller model or --input-size): " + first);
    throw Error(where + ": " + first);
}

}  // namespace winnow::core
