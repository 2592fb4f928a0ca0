#include "train_private/train_engine.h"

#include <time.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "core/media/frame_sampler.h"
#include "core/train/amp.h"
#include "train_private/dist_tensor.h"
#include "train_private/losses.h"
#include "core/train/sampling.h"
#include "core/dataset/sample.h"
#include "core/util/error.h"

namespace winnow::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

uint64_t epochSeed(uint64_t seed, uint64_t stream, int epoch) {
    // SplitMix-style mixing so neighbouring epochs/folds get unrelated engines.
    uint64_t z = seed * 0x9E3779B97F4A7C15ULL + stream * 0xBF58476D1CE4E5B9ULL + uint64_t(epoch) + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// This rank's strided share of a global batch plan: items i with i % world == rank (and
// their CMO foregrounds). The plan itself, and every random draw in it, is the global one.
void keepShard(BatchPlan& p, int rank, int world) {
    std::vector<ItemPlan> items, fg;
    for (size_t i = size_t(rank); i < p.items.size(); i += size_t(world)) {
        items.push_back(p.items[i]);
        if (!p.fg.empty()) fg.push_back(p.fg[i]);
    }
    p.items = std::move(items);
    p.fg = std::move(fg);
}

}  // namespace

void broadcastState(DistGroup& g, Net& net) {
    if (!g.active()) return;
    torch::NoGradGuard noGrad;
    for (auto& [name, t] : net.namedState()) broadcastTensor(g, t, 0, "parameter broadcast");
}

void sumGradients(DistGroup& g, Net& net) {
    if (!g.active()) return;
    torch::NoGradGuard noGrad;
    constexpr int64_t kBucket = int64_t(4) << 20;  // floats per all-reduce
    std::vector<torch::Tensor> grads;
    for (auto& p : net.parameters()) {
        if (!p.requires_grad()) continue;
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
        grads.push_back(p.grad());
    }
    size_t i = 0;
    while (i < grads.size()) {
        size_t j = i;
        int64_t len = 0;
        std::vector<torch::Tensor> flat;
        while (j < grads.size() && (j == i || len + grads[j].numel() <= kBucket)) {
            flat.push_back(grads[j].reshape({-1}));
            len += grads[j].numel();
            ++j;
        }
        auto bucket = torch::cat(flat);
        allReduceSum(g, bucket, "gradient all-reduce");
        int64_t off = 0;
        for (size_t k = i; k < j; ++k) {
            const int64_t n = grads[k].numel();
            grads[k].copy_(bucket.narrow(0, off, n).view_as(grads[k]));
            off += n;
        }
        i = j;
    }
}

void checkSameParameters(DistGroup& g, Net& net, int epoch) {
    if (!g.active()) return;
    torch::NoGradGuard noGrad;
    double sum = 0, sq = 0;
    for (auto& p : net.parameters()) {
        auto d = p.detach().to(torch::kCPU, torch::kDouble);
        sum += d.sum().item<double>();
        sq += (d * d).sum().item<double>();
    }
    const int W = g.worldSize();
    std::vector<double> all(size_t(2 * W), 0.0);
    all[size_t(2 * g.rank())] = sum;
    all[size_t(2 * g.rank() + 1)] = sq;
    g.allReduceSum(all);
    std::string differ;
    for (int r = 1; r < W; ++r)
        if (all[size_t(2 * r)] != all[0] || all[size_t(2 * r + 1)] != all[1])
            differ += (differ.empty() ? "" : ", ") + std::to_string(r);
    if (!differ.empty())
        throw Error("rank " + std::to_string(g.rank()) + ": after epoch " + std::to_string(epoch + 1) +
                    " the parameters of rank(s) " + differ + " differ from rank 0's");
}

double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

void configureLoader(EngineSetup& s) {
    const auto& d = *s.data;
    bool arraysOnly = !d.clips;
    for (size_t i = 0; i < d.rows() && arraysOnly; ++i) arraysOnly = d.kind[i] == int8_t(MediaKind::ArrayRecord);
    s.loaderThreads = arraysOnly ? 1 : std::max(1, s.cfg.loaderThreads);
    s.prefetch = s.cfg.prefetchBatches > 0 ? s.cfg.prefetchBatches : s.loaderThreads + 1;
}

void reportSkips(const EngineSetup& s, const LoadedBatch& b) {
    if (!s.cb || !s.cb->onWarning) return;
    for (const auto& m : b.newSkips) s.cb->onWarning(m);
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
    const int64_t H = d.height, W = d.width, F = d.frames;
    // Clips: segment sampling draws from clipSeed(seed, epoch, sample id); folds differ.
    const uint64_t clipBase = stream == 0 ? cfg.seed : epochSeed(cfg.seed, stream, -1);

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
        // A last partial batch runs when it holds at least 2 samples (batch norm), and in a
        // multi-process run at least one per rank.
        const bool ddp = s.distributed();
        const int world = ddp ? s.dist->worldSize() : 1, rank = ddp ? s.dist->rank() : 0;
        const size_t lastMin = size_t(std::max(2, world));
        size_t nBatches = order.size() / B + ((order.size() % B) >= lastMin ? 1 : 0);

        // Plans batch b: called by the loader strictly in batch order, so `rng` is used in
        // the same sequence whatever the number of loader threads.
        const bool augment = cfg.augment;
        auto plan = [&, epoch, cmoOn](size_t b) {
            BatchPlan p;
            p.train = true;
            size_t lo = b * B, n = std::min(B, order.size() - lo);
            auto draw = [&](int64_t row) {
                ItemPlan it;
                it.row = row;
                if (augment) {
                    if (cfg.cropPadding > 0) {
                        std::uniform_int_distribution<int> off(-cfg.cropPadding, cfg.cropPadding);
                        it.oy = off(rng);
                        it.ox = off(rng);
                    }
                    if (cfg.hflip) it.flip = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
                }
                if (d.clips) it.clipSeed = clipSeed(clipBase, epoch, d.ids[size_t(row)]);
                return it;
            };
            for (size_t i = 0; i < n; ++i) p.items.push_back(draw(trainRows[size_t(order[lo + i])]));
            if (cmoOn && std::uniform_real_distribution<double>(0, 1)(rng) < cfg.cmoProb) {
                std::vector<int64_t> fg(n);
                for (size_t i = 0; i < n; ++i) fg[i] = trainRows[size_t(fgSampler->draw(rng))];
                for (size_t i = 0; i < n; ++i) p.fg.push_back(draw(fg[i]));
                p.box = drawCutBox(int(W), int(H), rng);
            }
            if (ddp) keepShard(p, rank, world);
            return p;
        };

        net.train(true);
        BatchNormGroupScope syncBatchNorm(ddp ? s.dist : nullptr);
        double lossSum = 0;
        int64_t seen = 0, correct = 0, mixedBatches = 0;
        BatchLoader loader(d, s.mean, s.stdev, nBatches, plan, s.loaderThreads, s.prefetch, s.skips,
                           s.cb ? s.cb->cancel : nullptr);
        for (size_t b = 0; b < nBatches; ++b) {
            if (s.cb && s.cb->cancel) s.cb->cancel->throwIfCancelled();
            LoadedBatch bt = *loader.next();
            reportSkips(s, bt);
            const int64_t n = int64_t(bt.rows.size());
            // The global batch's size (every rank's share; only skipped files make it smaller).
            int64_t nGlobal = n;
            if (ddp) {
                std::vector<double> c{double(n)};
                s.dist->allReduceSum(c);
                nGlobal = int64_t(c[0]);
            }
            if (nGlobal < 2) continue;  // batch norm needs two samples; only skipped files get here
            if (n == 0 || !bt.x.defined()) {  // this rank's share all failed to decode: an empty part
                bt.x = torch::zeros({0, d.channels, H, W});
                bt.y = torch::zeros({0}, torch::kLong);
                bt.mixed = false;
            }
            auto x = bt.x.to(s.device, /*non_blocking=*/true);
            auto y = bt.y.to(s.device);
            torch::Tensor loss, logits;
            {
                AutocastScope amp(s.device.is_cuda() && cfg.mixedPrecision);
                auto [h, out] = net.forwardBoth(x);
                if (F > 1) {  // clips: mean over each clip's frames (METHODS §7)
                    h = h.view({n, F, h.size(1)}).mean(1);
                    out = out.view({n, F, out.size(1)}).mean(1);
                }
                logits = out;
                // One process: the batch mean. Several: this rank's sum over the global
                // count, so that the gradients summed over the ranks are the global batch
                // mean's gradient.
                auto reduce = [&](const torch::Tensor& l) {
                    return ddp ? l.sum() / double(nGlobal) : l.mean();
                };
                if (bt.mixed) {
                    auto yf = bt.yFg.to(s.device);
                    loss = bt.lambda * reduce(perSampleLoss(spec, out, h, y)) +
                           (1.0 - bt.lambda) * reduce(perSampleLoss(spec, out, h, yf));
                } else {
                    loss = reduce(perSampleLoss(spec, out, h, y));
                }
            }
            if (s.dynamics && !bt.mixed) {  // mixed batches carry mixed labels: not recorded
                auto z = logits.detach().to(torch::kCPU, torch::kFloat).contiguous();
                auto yc = y.to(torch::kCPU, torch::kLong).contiguous();
                s.dynamics->record(epoch, bt.rows.data(), n, z.data_ptr<float>(), yc.data_ptr<int64_t>());
            }
            int64_t stepCorrect = n ? logits.detach().argmax(1).eq(y).sum().item<int64_t>() : 0;
            float lv = 0;
            if (ddp) {  // the global batch's mean loss and correct count, identical on every rank
                std::vector<double> st{loss.item<double>(), double(stepCorrect)};
                s.dist->allReduceSum(st);
                lv = float(st[0]);
                stepCorrect = int64_t(st[1]);
            } else {
                lv = loss.item<float>();
            }
            if (!std::isfinite(lv)) {
                throw Error("training diverged: the loss is " + std::string(std::isnan(lv) ? "NaN" : "infinite") +
                            " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1) +
                            " (lower --lr or check the inputs)");
            }
            opt.zero_grad();
            loss.backward();
            if (ddp) sumGradients(*s.dist, net);
            opt.step();
            lossSum += double(lv) * double(nGlobal);
            seen += nGlobal;
            correct += stepCorrect;
            mixedBatches += bt.mixed ? 1 : 0;
            if (s.cb && s.cb->progress && (b % 20 == 0 || b + 1 == nBatches)) {
                double frac = (double(epoch - startEpoch) + double(b + 1) / double(nBatches)) /
                              double(std::max(1, cfg.epochs - startEpoch));
                s.cb->progress({frac, "epoch " + std::to_string(epoch + 1) + "/" + std::to_string(cfg.epochs)});
            }
        }
        if (ddp) {
            // Batch-norm running statistics are rank 0's (they agree already when batch norm
            // is synchronised; a TorchScript backbone's own batch norm is per rank).
            broadcastState(*s.dist, net);
            checkSameParameters(*s.dist, net, epoch);
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        nlohmann::json m = nlohmann::json::object();
        m["epoch"] = epoch;
        m["lr"] = lr;
        m["loss_train"] = seen ? lossSum / double(seen) : 0.0;
        m["acc_train"] = seen ? double(correct) / double(seen) : 0.0;
        m["train_seconds"] = secs;
        m["samples_per_s"] = secs > 0 ? double(seen) / secs : 0.0;
        m["train_cpu_seconds"] = processCpuSeconds() - cpu0;
        m["cmo_batches"] = mixedBatches;
        m["ib_active"] = (cfg.loss == "ib" || cfg.loss == "ib-focal") && spec.ibActive;
        m["skipped_samples"] = int64_t(s.skips ? s.skips->size() : 0);
        if (onEpoch) onEpoch(epoch, m);
    }
}

}  // namespace winnow::core
