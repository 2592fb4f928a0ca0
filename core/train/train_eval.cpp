#include "train_private/train_engine.h"

#include <cmath>
#include <limits>
#include <tuple>

#include "core/train/amp.h"
#include "core/train/sampling.h"
#include "core/util/error.h"

namespace winnow::core {

void evaluateRows(const EngineSetup& s, Net& net, const std::vector<int64_t>& rows, const EvalSink& sink) {
    const auto& d = *s.data;
    const size_t B = size_t(std::max(1, s.cfg.evalBatchSize));
    const int K = d.classes;
    const int64_t F = d.frames;
    const size_t nBatches = (rows.size() + B - 1) / B;
    torch::NoGradGuard ng;
    net.train(false);
    auto plan = [&](size_t b) {
        BatchPlan p;
        for (size_t i = b * B; i < std::min(rows.size(), (b + 1) * B); ++i) p.items.push_back({rows[i]});
        return p;
    };
    BatchLoader loader(d, s.mean, s.stdev, nBatches, plan, s.loaderThreads, s.prefetch, s.skips,
                       s.cb ? s.cb->cancel : nullptr);
    std::vector<float> loss;
    while (auto bt = loader.next()) {
        reportSkips(s, *bt);
        const int64_t n = int64_t(bt->rows.size());
        if (n == 0) continue;
        torch::Tensor h, out;
        {
            AutocastScope amp(s.device.is_cuda() && s.cfg.mixedPrecision);
            std::tie(h, out) = net.forwardBoth(bt->x.to(s.device));
        }
        h = h.to(torch::kCPU, torch::kFloat).contiguous();
        out = out.to(torch::kCPU, torch::kFloat);
        torch::Tensor frameH;
        if (d.clips) {  // clip logits = mean of frame logits; clip h = mean of the frames' h
            frameH = h;
            h = frameH.view({n, F, frameH.size(1)}).mean(1).contiguous();
            out = out.view({n, F, K}).mean(1);
        }
        out = out.contiguous();
        auto logp = torch::log_softmax(out, 1);
        const float* lp = logp.data_ptr<float>();
        loss.resize(size_t(n));
        for (int64_t i = 0; i < n; ++i) {
            int y = d.label[size_t(bt->rows[size_t(i)])];
            loss[size_t(i)] = (y >= 0 && y < K) ? -lp[i * K + y] : std::numeric_limits<float>::quiet_NaN();
        }
        EvalBatch e;
        e.n = size_t(n);
        e.rows = bt->rows.data();
        e.logits = out.data_ptr<float>();
        e.features = h.data_ptr<float>();
        e.loss = loss.data();
        if (d.clips) {
            e.frameIndex = bt->frameIndex.data();
            e.frameFeatures = frameH.data_ptr<float>();
        }
        sink(e);
    }
}

namespace {

nlohmann::json orNull(double num, double den) { return den > 0 ? nlohmann::json(num / den) : nlohmann::json(); }

}  // namespace

void addEvalMetrics(const EngineSetup& s, Net& net, const std::vector<int64_t>& trainRows, nlohmann::json& m) {
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

    // Returns (loss sum, correct, rows scored) and per-class correct/total over rows; rows
    // that no longer decode are left out of both sums.
    auto score = [&](const std::vector<int64_t>& rows, std::vector<double>* pcCorrect,
                     std::vector<double>* pcTotal) {
        double lsum = 0, correct = 0, count = 0;
        evaluateRows(s, net, rows, [&](const EvalBatch& e) {
            for (size_t i = 0; i < e.n; ++i) {
                const float* l = e.logits + i * size_t(K);
                int best = int(std::max_element(l, l + K) - l);
                int y = d.label[size_t(e.rows[i])];
                bool ok = best == y;
                lsum += e.loss[i];
                correct += ok;
                count += 1;
                if (pcCorrect) {
                    (*pcCorrect)[size_t(y)] += ok;
                    (*pcTotal)[size_t(y)] += 1;
                }
            }
        });
        return std::make_tuple(lsum, correct, count);
    };
    auto [lv, cv, nv] = score(val, nullptr, nullptr);
    m["loss_val"] = orNull(lv, nv);
    m["acc_val"] = orNull(cv, nv);
    auto [lt, ct, nt] = score(trusted, nullptr, nullptr);
    (void)lt;
    m["acc_trusted"] = orNull(ct, nt);
    // Per-class and many/medium/few accuracy on the test split (val when there is no test).
    const auto& ref = test.empty() ? val : test;
    std::vector<double> pc(size_t(K), 0.0), pt(size_t(K), 0.0);
    auto [ls, cs, ns] = score(ref, &pc, &pt);
    if (!test.empty()) {
        m["loss_test"] = orNull(ls, ns);
        m["acc_test"] = orNull(cs, ns);
    } else {
        m["loss_test"] = nlohmann::json();
        m["acc_test"] = nlohmann::json();
    }
    m["per_class_split"] = test.empty() ? "val" : "test";
    nlohmann::json perClass = nlohmann::json::array(), trainCounts = nlohmann::json::array();
    double gc[3] = {0, 0, 0}, gt[3] = {0, 0, 0};
    for (int k = 0; k < K; ++k) {
        perClass.push_back(orNull(pc[size_t(k)], pt[size_t(k)]));
        trainCounts.push_back(counts[size_t(k)]);
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
