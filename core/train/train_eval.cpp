#include "train_private/train_engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <tuple>

#include "core/train/amp.h"
#include "core/train/eval_forward.h"
#include "core/train/sampling.h"
#include "core/util/error.h"

namespace winnow::core {

namespace {

std::atomic<int64_t> g_peakForwardFrames{0};

void noteForward(int64_t frames) {
    int64_t peak = g_peakForwardFrames.load();
    while (frames > peak && !g_peakForwardFrames.compare_exchange_weak(peak, frames)) {
    }
}

}  // namespace

int64_t evalForwardRows(const TrainConfig& cfg) {
    return std::max<int64_t>(1, std::min<int64_t>(std::max(1, cfg.evalBatchSize), std::max(2, cfg.batchSize)));
}

int64_t evalForwardPeakFrames() { return g_peakForwardFrames.load(); }

void resetEvalForwardPeak() { g_peakForwardFrames.store(0); }

void evaluateRows(const EngineSetup& s, Net& net, const std::vector<int64_t>& rows, const EvalSink& sink) {
    const auto& d = *s.data;
    const size_t B = size_t(std::max(1, s.cfg.evalBatchSize));
    const int K = d.classes;
    const int64_t F = d.frames;
    const size_t nBatches = (rows.size() + B - 1) / B;
    const int64_t chunk = evalForwardRows(s.cfg);
    // No autograd bookkeeping at all (version counters, views): nothing here is trained.
    c10::InferenceMode inference;
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
        // The loader's batch is forwarded in pieces of at most the training batch (evalForwardRows):
        // a 512-row batch's activations outgrow glibc's mmap ceiling (cpu_tuning.h), so each
        // one was a fresh mapping, page-faulted and zeroed by the kernel on every batch, which
        // made this forward-only pass slower per sample than training. Eval mode has no
        // cross-sample statistics, so every row's outputs are those of the whole-batch pass.
        const torch::Tensor x = bt->x.to(s.device);
        std::vector<torch::Tensor> hs, outs;
        for (int64_t lo = 0; lo < n; lo += chunk) {
            const int64_t len = std::min(chunk, n - lo);
            noteForward(len * F);
            torch::Tensor hc, oc;
            {
                AutocastScope amp(s.device.is_cuda() && s.cfg.mixedPrecision);
                std::tie(hc, oc) = net.forwardBoth(x.narrow(0, lo * F, len * F));
            }
            hs.push_back(hc.to(torch::kCPU, torch::kFloat));
            outs.push_back(oc.to(torch::kCPU, torch::kFloat));
        }
        torch::Tensor h = (hs.size() == 1 ? hs[0] : torch::cat(hs)).contiguous();
        torch::Tensor out = outs.size() == 1 ? outs[0] : torch::cat(outs);
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

    // One pass over val, trusted and test together (each row forwarded once, even when it
    // is in two of them, e.g. val again as the per-class reference when there is no test
    // split); every sum runs over its own rows in row order, as separate passes would.
    // Rows that no longer decode are left out of every sum.
    struct Sums {
        double loss = 0, correct = 0, count = 0;
    };
    Sums sv, sr, ss;  // val, trusted, per-class reference (test, or val when there is none)
    const auto& ref = test.empty() ? val : test;
    std::vector<int8_t> in(d.rows(), 0);  // bit 0 val, 1 trusted, 2 reference
    for (int64_t r : val) in[size_t(r)] |= 1;
    for (int64_t r : trusted) in[size_t(r)] |= 2;
    for (int64_t r : ref) in[size_t(r)] |= 4;
    std::vector<int64_t> rows;
    for (size_t i = 0; i < d.rows(); ++i)
        if (in[i]) rows.push_back(int64_t(i));
    // Several processes: each evaluates its strided share and the sums are reduced.
    const bool ddp = s.distributed();
    if (ddp) {
        std::vector<int64_t> mine;
        for (size_t i = size_t(s.dist->rank()); i < rows.size(); i += size_t(s.dist->worldSize())) mine.push_back(rows[i]);
        rows = std::move(mine);
    }
    std::vector<double> pc(size_t(K), 0.0), pt(size_t(K), 0.0);
    evaluateRows(s, net, rows, [&](const EvalBatch& e) {
        for (size_t i = 0; i < e.n; ++i) {
            const float* l = e.logits + i * size_t(K);
            const int best = int(std::max_element(l, l + K) - l);
            const size_t r = size_t(e.rows[i]);
            const int y = d.label[r];
            const bool ok = best == y;
            auto add = [&](Sums& sum) {
                sum.loss += e.loss[i];
                sum.correct += ok;
                sum.count += 1;
            };
            if (in[r] & 1) add(sv);
            if (in[r] & 2) add(sr);
            if (in[r] & 4) {
                add(ss);
                pc[size_t(y)] += ok;
                pt[size_t(y)] += 1;
            }
        }
    });
    if (ddp) {
        std::vector<double> v{sv.loss, sv.correct, sv.count, sr.loss, sr.correct, sr.count, ss.loss, ss.correct, ss.count};
        v.insert(v.end(), pc.begin(), pc.end());
        v.insert(v.end(), pt.begin(), pt.end());
        s.dist->allReduceSum(v);
        sv = {v[0], v[1], v[2]};
        sr = {v[3], v[4], v[5]};
        ss = {v[6], v[7], v[8]};
        std::copy_n(v.begin() + 9, K, pc.begin());
        std::copy_n(v.begin() + 9 + K, K, pt.begin());
    }
    m["loss_val"] = orNull(sv.loss, sv.count);
    m["acc_val"] = orNull(sv.correct, sv.count);
    m["acc_trusted"] = orNull(sr.correct, sr.count);
    const double ls = ss.loss, cs = ss.correct, ns = ss.count;
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
