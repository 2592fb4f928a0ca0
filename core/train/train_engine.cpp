#include "core/train/train_engine.h"

#include <time.h>

#include <chrono>
#include <cmath>
#include <future>

#include "core/train/amp.h"
#include "core/train/losses.h"
#include "core/train/sampling.h"
#include "core/util/error.h"

namespace winnow::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

// One prepared training batch (CPU tensors), built off the training thread.
struct Batch {
    torch::Tensor x, y, yFg;
    double lambda = 1.0;  // share of the background label in the loss
    bool mixed = false;
};

uint64_t epochSeed(uint64_t seed, uint64_t stream, int epoch) {
    // SplitMix-style mixing so neighbouring epochs/folds get unrelated engines.
    uint64_t z = seed * 0x9E3779B97F4A7C15ULL + stream * 0xBF58476D1CE4E5B9ULL + uint64_t(epoch) + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace

double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::unique_ptr<Net> buildNet(const EngineSetup& s) {
    const auto& d = *s.data;
    auto net = makeNet(s.cfg.model, s.cfg.torchscriptPath, d.channels, d.height, d.width,
                       s.cfg.bottleneck, d.classes);
    net->to(s.device);
    return net;
}

std::unique_ptr<torch::optim::SGD> buildOptimizer(const EngineSetup& s, Net& net) {
    torch::optim::SGDOptions o(s.cfg.lr);
    o.momentum(s.cfg.momentum).nesterov(s.cfg.nesterov).weight_decay(s.cfg.weightDecay);
    return std::make_unique<torch::optim::SGD>(net.parameters(), o);
}

double learningRate(const TrainConfig& cfg, int epoch) {
    if (epoch < cfg.warmupEpochs) return cfg.lr * double(epoch + 1) / double(cfg.warmupEpochs);
    if (cfg.schedule == "step") {
        double lr = cfg.lr;
        for (double m : cfg.stepMilestones)
            if (epoch >= int(std::lround(m * cfg.epochs))) lr *= cfg.stepGamma;
        return lr;
    }
    if (cfg.schedule == "constant") return cfg.lr;
    if (cfg.schedule != "cosine") throw Error("unknown schedule '" + cfg.schedule + "' (cosine, step, constant)");
    int span = std::max(1, cfg.epochs - cfg.warmupEpochs);
    return cfg.lr * 0.5 * (1.0 + std::cos(kPi * double(epoch - cfg.warmupEpochs) / double(span)));
}

void trainEpochs(const EngineSetup& s, Net& net, torch::optim::SGD& opt,
                 const std::vector<int64_t>& trainRows, int startEpoch, uint64_t stream,
                 const EpochHook& onEpoch) {
    const auto& d = *s.data;
    const auto& cfg = s.cfg;
    const int K = d.classes;
    std::vector<int32_t> labels(trainRows.size());
    for (size_t i = 0; i < trainRows.size(); ++i) labels[i] = d.label[size_t(trainRows[i])];
    const auto counts = classCounts(labels, K);
    const size_t B = size_t(std::max(2, cfg.batchSize));
    if (trainRows.size() < 2) throw Error("training needs at least 2 labelled training samples");

    LossSpec spec;
    spec.kind = cfg.loss;
    spec.focalGamma = cfg.focalGamma;
    spec.ibAlpha = cfg.ibAlpha;
    auto toTensor = [&](const std::vector<double>& w) {
        std::vector<float> f(w.begin(), w.end());
        return torch::tensor(f).to(s.device);
    };
    spec.ibWeight = toTensor(inverseClassWeights(counts));
    const int ibStart = cfg.ibStartEpoch >= 0 ? cfg.ibStartEpoch : cfg.epochs / 2;
    const int drwStart = cfg.drwStartEpoch >= 0 ? cfg.drwStartEpoch : int(cfg.epochs * 0.8);
    if (cfg.classWeights != "none" && cfg.classWeights != "inverse" && cfg.classWeights != "drw")
        throw Error("unknown class weights '" + cfg.classWeights + "' (none, inverse, drw)");
    const int64_t C = d.channels, H = d.height, W = d.width;

    for (int epoch = startEpoch; epoch < cfg.epochs; ++epoch) {
        auto t0 = std::chrono::steady_clock::now();
        const double cpu0 = processCpuSeconds();
        const double lr = learningRate(cfg, epoch);
        for (auto& g : opt.param_groups()) static_cast<torch::optim::SGDOptions&>(g.options()).lr(lr);
        spec.ibActive = epoch >= ibStart;
        spec.classWeight = torch::Tensor();
        if (cfg.classWeights == "inverse") spec.classWeight = toTensor(inverseClassWeights(counts));
        if (cfg.classWeights == "drw" && epoch >= drwStart)
            spec.classWeight = toTensor(effectiveNumberWeights(counts));
        const bool cmoOn = cfg.cmo && epoch >= cfg.cmoStartEpoch && epoch < cfg.epochs - cfg.cmoEndMargin;

        Rng rng(epochSeed(cfg.seed, stream, epoch));
        const auto order = epochOrder(labels, K, cfg.sampler, cfg.samplerR, rng);
        std::unique_ptr<WeightedClassSampler> fgSampler;
        if (cmoOn) fgSampler = std::make_unique<WeightedClassSampler>(labels, K, cfg.cmoR);
        size_t nBatches = order.size() / B + ((order.size() % B) >= 2 ? 1 : 0);

        // Builds batch b; runs on a helper thread one batch ahead. Uses `rng` strictly in
        // batch order, so results do not depend on timing.
        auto make = [&](size_t b) {
            Batch bt;
            size_t lo = b * B, n = std::min(B, order.size() - lo);
            std::vector<int64_t> rows(n);
            auto y = torch::empty({int64_t(n)}, torch::kLong);
            int64_t* yp = y.data_ptr<int64_t>();
            for (size_t i = 0; i < n; ++i) {
                rows[i] = trainRows[size_t(order[lo + i])];
                yp[i] = int64_t(d.label[size_t(rows[i])]);
            }
            bt.x = torch::empty({int64_t(n), C, H, W});
            fillBatch(d, rows.data(), n, s.mean, s.stdev, cfg.augment, cfg.cropPadding, cfg.hflip, &rng,
                      bt.x.data_ptr<float>());
            bt.y = y;
            if (cmoOn && std::uniform_real_distribution<double>(0, 1)(rng) < cfg.cmoProb) {
                std::vector<int64_t> fg(n);
                auto yf = torch::empty({int64_t(n)}, torch::kLong);
                int64_t* yfp = yf.data_ptr<int64_t>();
                for (size_t i = 0; i < n; ++i) {
                    fg[i] = trainRows[size_t(fgSampler->draw(rng))];
                    yfp[i] = int64_t(d.label[size_t(fg[i])]);
                }
                auto xf = torch::empty({int64_t(n), C, H, W});
                fillBatch(d, fg.data(), n, s.mean, s.stdev, cfg.augment, cfg.cropPadding, cfg.hflip, &rng,
                          xf.data_ptr<float>());
                CutBox box = drawCutBox(int(W), int(H), rng);
                if (box.x1 > box.x0 && box.y1 > box.y0) {
                    auto region = [&](const torch::Tensor& t) {
                        return t.narrow(2, box.y0, box.y1 - box.y0).narrow(3, box.x0, box.x1 - box.x0);
                    };
                    region(bt.x).copy_(region(xf));
                }
                bt.yFg = yf;
                bt.lambda = box.lambda;
                bt.mixed = true;
            }
            return bt;
        };

        net.train(true);
        double lossSum = 0;
        int64_t seen = 0, correct = 0, mixedBatches = 0;
        std::future<Batch> next = std::async(std::launch::async, make, size_t(0));
        for (size_t b = 0; b < nBatches; ++b) {
            if (s.cb && s.cb->cancel) s.cb->cancel->throwIfCancelled();
            Batch bt = next.get();
            if (b + 1 < nBatches) next = std::async(std::launch::async, make, b + 1);
            auto x = bt.x.to(s.device, /*non_blocking=*/true);
            auto y = bt.y.to(s.device);
            torch::Tensor loss, logits;
            {
                AutocastScope amp(s.device.is_cuda() && cfg.mixedPrecision);
                auto [h, out] = net.forwardBoth(x);
                logits = out;
                if (bt.mixed) {
                    auto yf = bt.yFg.to(s.device);
                    loss = bt.lambda * perSampleLoss(spec, out, h, y).mean() +
                           (1.0 - bt.lambda) * perSampleLoss(spec, out, h, yf).mean();
                } else {
                    loss = perSampleLoss(spec, out, h, y).mean();
                }
            }
            float lv = loss.item<float>();
            if (!std::isfinite(lv)) {
                if (b + 1 < nBatches) next.wait();
                throw Error("training diverged: the loss is " + std::string(std::isnan(lv) ? "NaN" : "infinite") +
                            " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1) +
                            " (lower --lr or check the inputs)");
            }
            opt.zero_grad();
            loss.backward();
            opt.step();
            int64_t n = x.size(0);
            lossSum += double(lv) * double(n);
            seen += n;
            correct += logits.detach().argmax(1).eq(y).sum().item<int64_t>();
            mixedBatches += bt.mixed ? 1 : 0;
            if (s.cb && s.cb->progress && (b % 20 == 0 || b + 1 == nBatches)) {
                double frac = (double(epoch - startEpoch) + double(b + 1) / double(nBatches)) /
                              double(std::max(1, cfg.epochs - startEpoch));
                s.cb->progress({frac, "epoch " + std::to_string(epoch + 1) + "/" + std::to_string(cfg.epochs)});
            }
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        Json m = Json::object();
        m["epoch"] = epoch;
        m["lr"] = lr;
        m["loss_train"] = seen ? lossSum / double(seen) : 0.0;
        m["acc_train"] = seen ? double(correct) / double(seen) : 0.0;
        m["train_seconds"] = secs;
        m["samples_per_s"] = secs > 0 ? double(seen) / secs : 0.0;
        m["train_cpu_seconds"] = processCpuSeconds() - cpu0;
        m["cmo_batches"] = mixedBatches;
        m["ib_active"] = (cfg.loss == "ib" || cfg.loss == "ib-focal") && spec.ibActive;
        if (onEpoch) onEpoch(epoch, m);
    }
}

}  // namespace winnow::core
