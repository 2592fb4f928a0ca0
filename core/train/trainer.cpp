#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <unordered_set>

#include "core/dataset/sample.h"
#include "core/store/project.h"
#include "core/train/cpu_tuning.h"
#include "core/train/clip_outputs.h"
#include "core/train/config_check.h"
#include "core/train/cross_val_state.h"
#include "core/train/device.h"
#include "core/train/dist_group.h"
#include "core/train/run_outputs.h"
#include "core/train/run_record.h"
#include "core/train/subsets.h"
#include "core/train/training_dynamics.h"
#include "train_private/dist_tensor.h"
#include "train_private/train_engine.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace winnow::core {

namespace {

struct RunContext {
    RunContext(Project& p, TrainConfig c, const TrainCallbacks& callbacks, DistGroup& g)
        : project(p), cfg(std::move(c)), cb(callbacks), group(g), writer(g.writer()) {}
    Project& project;
    TrainConfig cfg;
    const TrainCallbacks& cb;
    DistGroup& group;
    bool writer = true;  // rank 0: the one process that writes the project and checkpoints
    int64_t runId = 0;
    fs::path dir;
    TrainData data;
    SkipLog skips;
    std::vector<int64_t> trainRows;
    nlohmann::json last;
    double trainSeconds = 0;  // sum of the epochs' training loops (no evaluation)
    int64_t samplePasses = 0;
    double outputsSeconds = 0;  // the final inference pass that writes the run outputs
    int64_t outputsRows = 0;
    std::unique_ptr<TrainingDynamicsRecorder> dynamics;  // single trainings (not cross-validation)
    double cpu0 = 0;            // process CPU-seconds when this process started the run
    double carriedCpuSeconds = 0;  // of completed cross-validation folds in earlier processes
    int resumedFromFold = -1;
};

std::vector<int64_t> selectTrainRows(const TrainData& d, const TrainConfig& cfg) {
    // The subset is drawn before any exclusion so that post-training rounds, which only add
    // exclusions, keep the same subset minus the removed samples.
    std::vector<int64_t> pool;
    for (size_t i = 0; i < d.rows(); ++i)
        if (d.split[i] == 0 && d.label[i] >= 0) pool.push_back(int64_t(i));
    if (cfg.subset > 0 && size_t(cfg.subset) < pool.size()) {
        Rng rng(cfg.seed ^ 0x5b5b5b5bULL);
        std::shuffle(pool.begin(), pool.end(), rng);
        pool.resize(size_t(cfg.subset));
        std::sort(pool.begin(), pool.end());
    }
    std::unordered_set<int64_t> excluded(cfg.excludeIds.begin(), cfg.excludeIds.end());
    std::vector<int64_t> rows;
    for (int64_t r : pool)
        if (!d.excluded[size_t(r)] && !excluded.count(d.ids[size_t(r)])) rows.push_back(r);
    if (rows.size() < 2) throw Error("the project has fewer than 2 labelled, readable training samples");
    return rows;
}

// Evaluates every readable sample (all splits) and streams the arrays to runs/<id>/; only
// one loader batch of outputs is in memory at a time.
fs::path shardDir(const RunContext& rc, int rank) { return rc.dir / ("shard-" + std::to_string(rank)); }

// Rank 0 of a multi-process run: the ranks' shards (rank r holds rows r, r + world, ...) in
// row order, into the files one process writes; the shard folders are removed afterwards.
void mergeOutputShards(RunContext& rc, int featureDim) {
    const auto& d = rc.data;
    const int W = rc.group.worldSize();
    std::vector<std::unique_ptr<RunOutputs>> shards;
    std::vector<std::unique_ptr<ClipFrameOutputs>> clipShards;
    for (int r = 0; r < W; ++r) {
        shards.push_back(RunOutputs::open(shardDir(rc, r)));
        if (d.clips) clipShards.push_back(ClipFrameOutputs::open(shardDir(rc, r)));
    }
    RunOutputsWriter w(rc.dir, {0, d.classes, featureDim, rc.cfg.model});
    std::unique_ptr<ClipFrameOutputsWriter> cw;
    if (d.clips) cw = std::make_unique<ClipFrameOutputsWriter>(rc.dir, d.frames, featureDim);
    const size_t K = size_t(d.classes), L = size_t(featureDim);
    std::vector<int64_t> next(size_t(W), 0);
    for (size_t i = 0; i < d.rows(); ++i) {
        const size_t r = i % size_t(W);
        const RunOutputs& o = *shards[r];
        const int64_t k = next[r];
        if (k >= o.meta().n || o.sampleIds()[k] != d.ids[i]) continue;  // did not decode
        ++next[r];
        w.append(&o.sampleIds()[k], o.logits() + size_t(k) * K, o.features() + size_t(k) * L, o.loss() + k, 1);
        if (cw) cw->append(clipShards[r]->frameIndex(k), clipShards[r]->frameFeatures(k), 1);
    }
    rc.outputsRows = 0;
    for (int64_t c : next) rc.outputsRows += c;
    if (cw) cw->finish();
    w.finish();
    shards.clear();
    clipShards.clear();
    for (int r = 0; r < W; ++r) fs::remove_all(shardDir(rc, r));
}

void writeOutputs(RunContext& rc, const EngineSetup& s, Net& net) {
    const auto& d = rc.data;
    const bool ddp = rc.group.active();
    // Several processes: each writes its strided share of the rows into runs/<id>/shard-<rank>/.
    const fs::path dir = ddp ? shardDir(rc, rc.group.rank()) : rc.dir;
    // n = 0: rows whose file stopped decoding during the run are left out (as unreadable
    // samples are), so the final count is only known at the end.
    RunOutputsWriter w(dir, {0, d.classes, net.featureDim(), rc.cfg.model});
    // Clips: the eval-mode frames and their h, row for row with the run outputs (METHODS §7).
    std::unique_ptr<ClipFrameOutputsWriter> cw;
    if (d.clips) cw = std::make_unique<ClipFrameOutputsWriter>(dir, d.frames, net.featureDim());
    std::vector<int64_t> rows, ids;
    const size_t step = size_t(rc.group.worldSize());
    for (size_t i = size_t(rc.group.rank()); i < d.rows(); i += step) rows.push_back(int64_t(i));
    size_t done = 0;
    const auto t0 = std::chrono::steady_clock::now();
    // The phase starts now, not at its first batch: the GUI times it on its own (issue 16).
    if (rc.cb.progress) rc.cb.progress({0.0, "writing run outputs"});
    evaluateRows(s, net, rows, [&](const EvalBatch& e) {
        rc.outputsRows += int64_t(e.n);
        ids.resize(e.n);
        for (size_t i = 0; i < e.n; ++i) ids[i] = d.ids[size_t(e.rows[i])];
        w.append(ids.data(), e.logits, e.features, e.loss, int64_t(e.n));
        if (cw) cw->append(e.frameIndex, e.frameFeatures, int64_t(e.n));
        done = size_t(e.rows[e.n - 1]) + 1;
        if (rc.cb.progress) rc.cb.progress({double(done) / double(d.rows()), "writing run outputs"});
    });
    if (cw) cw->finish();
    w.finish();  // meta.json last: the directory reads as finished only now
    if (ddp) {
        rc.group.barrier();  // every shard finished
        if (rc.writer) mergeOutputShards(rc, net.featureDim());
        rc.group.barrier();  // nobody leaves before the merged files exist
    }
    rc.outputsSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The rows the normalisation is measured on: every training row of an array source (cheap,
// exact), an evenly spaced selection of at most 2048 image files or 256 clips otherwise, so
// a large folder is not decoded twice per run.
std::vector<int64_t> statsRows(const EngineSetup& s, const std::vector<int64_t>& trainRows) {
    bool files = s.data->clips;
    for (size_t i = 0; i < trainRows.size() && !files; ++i)
        files = s.data->kind[size_t(trainRows[i])] != int8_t(MediaKind::ArrayRecord);
    const size_t cap = s.data->clips ? 256 : files ? 2048 : trainRows.size();
    if (trainRows.size() <= cap) return trainRows;
    std::vector<int64_t> out;
    for (size_t i = 0; i < cap; ++i) out.push_back(trainRows[i * trainRows.size() / cap]);
    return out;
}

EpochHook makeHook(RunContext& rc, const EngineSetup& s, Net& net, const std::vector<int64_t>& rows,
                   torch::optim::SGD* opt, int fold, int recordOffset) {
    return [&rc, &s, &net, &rows, opt, fold, recordOffset](int epoch, nlohmann::json& m) {
        addEvalMetrics(s, net, rows, m);
        if (rc.dynamics) {
            const auto& val = jsonField(m, "acc_val");
            const auto& trusted = jsonField(m, "acc_trusted");
            const bool hasVal = val.is_number(), hasTrusted = trusted.is_number();
            rc.dynamics->endEpoch(epoch, jsonDouble(jsonField(m, "acc_train"), NAN),
                                  hasVal ? jsonDouble(val) : hasTrusted ? jsonDouble(trusted) : NAN,
                                  hasVal ? "val" : hasTrusted ? "trusted" : "none");
        }
        m["run_id"] = rc.runId;
        if (fold >= 0) m["fold"] = fold;
        rc.trainSeconds += jsonDouble(jsonField(m, "train_seconds"));
        rc.samplePasses += int64_t(rows.size());
        if (rc.writer) {
            recordRunEpoch(rc.project.db(), rc.runId, recordOffset + epoch, m);
            if (opt) saveCheckpoint(rc.dir / "checkpoint.pt", net, opt, rc.cfg, epoch + 1, s.mean, s.stdev);
        }
        rc.last = m;
        if (rc.cb.onEpoch) rc.cb.onEpoch(m);
    };
}

void trainSingle(RunContext& rc, EngineSetup& s, bool resuming) {
    torch::manual_seed(rc.cfg.seed);
    auto net = buildNet(s);
    auto opt = buildOptimizer(s, *net);
    int start = 0;
    if (resuming) start = loadCheckpoint(rc.dir, *net, opt.get(), &s.mean, &s.stdev);
    else if (!rc.cfg.initCheckpoint.empty())
        loadCheckpoint(rc.cfg.initCheckpoint, *net, nullptr, &s.mean, &s.stdev);
    if (s.distributed()) broadcastState(*s.dist, *net);  // every rank starts from rank 0's weights
    if (!resuming && rc.writer) saveCheckpoint(rc.dir / "checkpoint.pt", *net, opt.get(), rc.cfg, 0, s.mean, s.stdev);
    // Training dynamics of this training (no extra forward pass; training_dynamics.h). Several
    // processes: each rank records the draws of its shard of every batch and the epoch's sums
    // are added up across the ranks at its end; rank 0 writes the files.
    {
        std::vector<int64_t> rowToColumn(rc.data.rows(), -1), ids;
        for (size_t c = 0; c < rc.trainRows.size(); ++c) {
            rowToColumn[size_t(rc.trainRows[c])] = int64_t(c);
            ids.push_back(rc.data.ids[size_t(rc.trainRows[c])]);
        }
        rc.dynamics = std::make_unique<TrainingDynamicsRecorder>(std::move(rowToColumn), std::move(ids),
                                                                 rc.cfg.epochs, rc.data.classes, rc.cfg.augment, start);
        if (s.distributed()) {
            DistGroup* g = s.dist;
            rc.dynamics->setEpochReduce([g](std::vector<double>& v) { g->allReduceSum(v); });
        }
        s.dynamics = rc.dynamics.get();
    }
    trainEpochs(s, *net, *opt, rc.trainRows, start, 0, makeHook(rc, s, *net, rc.trainRows, opt.get(), -1, 0));
    s.dynamics = nullptr;
    if (rc.cfg.writeOutputs) {
        if (rc.dynamics && rc.writer) rc.dynamics->write(rc.dir);  // before meta.json: a finished run has both
        writeOutputs(rc, s, *net);
    }
}

// K-fold: each training sample's outputs come from the one model that never saw it. After
// each fold its held-out outputs are kept in the run folder (cross_val_state.h), so a resumed
// run trains only the folds not yet completed.
void trainCrossVal(RunContext& rc, EngineSetup& s, bool resuming) {
    const auto& d = rc.data;
    const int F = rc.cfg.crossValFolds;
    std::vector<int32_t> labels;
    std::vector<int64_t> trainIds;
    for (int64_t r : rc.trainRows) {
        labels.push_back(d.label[size_t(r)]);
        trainIds.push_back(d.ids[size_t(r)]);
    }
    auto fold = kFoldAssignment(labels, d.classes, F, rc.cfg.seed);
    CrossValState st;
    st.folds = F;
    st.rows = int64_t(d.rows());
    st.classes = d.classes;
    st.frames = d.clips ? d.frames : 0;
    st.trainRowsKey = idListKey(trainIds);
    if (resuming) {
        if (auto saved = loadCrossValState(rc.dir)) {
            if (saved->folds != F || saved->rows != st.rows || saved->classes != st.classes ||
                saved->frames != st.frames || saved->trainRowsKey != st.trainRowsKey)
                throw Error("cross-validation run " + std::to_string(rc.runId) +
                            " cannot resume: its samples, classes or folds changed since it started (" +
                            (rc.dir / "cv-state.json").string() + "); start it again");
            st = std::move(*saved);
            rc.carriedCpuSeconds = st.cpuSeconds;
            rc.trainSeconds = st.trainSeconds;
            rc.samplePasses = st.samplePasses;
            rc.resumedFromFold = st.foldsDone;
        }
    }
    const size_t FR = size_t(d.frames);
    for (int f = st.foldsDone; f < F; ++f) {
        std::vector<int64_t> fit, held;
        for (size_t i = 0; i < rc.trainRows.size(); ++i)
            (fold[i] == f ? held : fit).push_back(rc.trainRows[i]);
        torch::manual_seed(rc.cfg.seed + uint64_t(f));
        auto net = buildNet(s);
        auto opt = buildOptimizer(s, *net);
        if (s.distributed()) broadcastState(*s.dist, *net);
        if (st.featureDim == 0 || st.logits.empty()) {
            st.featureDim = net->featureDim();
            st.logits.assign(d.rows() * size_t(d.classes), 0.f);
            st.features.assign(d.rows() * size_t(st.featureDim), 0.f);
            st.loss.assign(d.rows(), 0.f);
            st.have.assign(d.rows(), 0);
            if (d.clips) {
                st.frameIndex.assign(d.rows() * FR, -1);
                st.frameFeatures.assign(d.rows() * FR * size_t(st.featureDim), 0.f);
            }
        }
        const size_t L = size_t(st.featureDim);
        trainEpochs(s, *net, *opt, fit, 0, uint64_t(f + 1),
                    makeHook(rc, s, *net, fit, nullptr, f, f * rc.cfg.epochs));
        // Held-out rows of this fold; after the last fold, every row no fold held out
        // (val, test, unlabelled, excluded) takes that last model's outputs.
        std::vector<int64_t> rows = held;
        if (f == F - 1) {
            std::vector<char> isTrain(d.rows(), 0);
            for (int64_t r : rc.trainRows) isTrain[size_t(r)] = 1;
            for (size_t i = 0; i < d.rows(); ++i)
                if (!isTrain[i]) rows.push_back(int64_t(i));
        }
        std::vector<char> isHeld(d.rows(), 0);
        for (int64_t r : held) isHeld[size_t(r)] = 1;
        evaluateRows(s, *net, rows, [&](const EvalBatch& e) {
            for (size_t i = 0; i < e.n; ++i) {
                const size_t r = size_t(e.rows[i]);
                std::copy_n(e.logits + i * size_t(d.classes), d.classes, &st.logits[r * size_t(d.classes)]);
                std::copy_n(e.features + i * L, L, &st.features[r * L]);
                st.loss[r] = e.loss[i];
                st.have[r] = 1;
                if (d.clips) {
                    std::copy_n(e.frameIndex + i * FR, FR, &st.frameIndex[r * FR]);
                    std::copy_n(e.frameFeatures + i * FR * L, FR * L, &st.frameFeatures[r * FR * L]);
                }
                if (isHeld[r]) {
                    const float* l = e.logits + i * size_t(d.classes);
                    st.oosCorrect += int(std::max_element(l, l + d.classes) - l) == d.label[r];
                }
            }
        });
        st.foldsDone = f + 1;
        if (rc.writer && f < F - 1) {  // the last fold's outputs are written as the run's below
            st.cpuSeconds = rc.carriedCpuSeconds + processCpuSeconds() - rc.cpu0;
            st.trainSeconds = rc.trainSeconds;
            st.samplePasses = rc.samplePasses;
            saveCrossValState(rc.dir, st);
        }
        if (f == F - 1 && rc.writer) saveCheckpoint(rc.dir / "checkpoint.pt", *net, nullptr, rc.cfg, rc.cfg.epochs, s.mean, s.stdev);
    }
    rc.last["oos_acc_train"] = st.oosCorrect / double(rc.trainRows.size());
    // Every rank evaluated every row (the same models): rank 0 alone writes them.
    if (!rc.writer) return;
    const int L = st.featureDim;
    RunOutputsWriter w(rc.dir, {0, d.classes, L, rc.cfg.model});
    std::unique_ptr<ClipFrameOutputsWriter> cw;
    if (d.clips) cw = std::make_unique<ClipFrameOutputsWriter>(rc.dir, d.frames, L);
    for (size_t r = 0; r < d.rows(); ++r) {
        if (!st.have[r]) continue;
        w.append(&d.ids[r], &st.logits[r * size_t(d.classes)], &st.features[r * size_t(L)], &st.loss[r], 1);
        if (cw) cw->append(&st.frameIndex[r * FR], &st.frameFeatures[r * FR * size_t(L)], 1);
    }
    if (cw) cw->finish();
    w.finish();
    removeCrossValState(rc.dir);
}

}  // namespace

TrainResult trainRun(Project& project, const TrainConfig& cfgIn, const TrainCallbacks& cb) {
    auto one = DistGroup::single();
    return trainRun(project, cfgIn, cb, *one);
}

TrainResult trainRun(Project& project, const TrainConfig& cfgIn, const TrainCallbacks& cb, DistGroup& group) {
    auto& db = project.db();
    const bool writer = group.writer();
    const bool resuming = cfgIn.resumeRunId > 0;
    TrainConfig cfg = cfgIn;
    if (resuming) {
        // The stored config defines the run; only runtime settings may change on resume.
        cfg = loadRunConfig(db, cfgIn.resumeRunId);
        cfg.device = cfgIn.device;
        cfg.threads = cfgIn.threads;
        cfg.resumeRunId = cfgIn.resumeRunId;
    }
    if (cfg.crossValFolds > 1) cfg.kind = "cross-val";
    checkTrainConfig(project, cfg);  // before the run row: a bad setting leaves no trace
    const std::string device = resolveDevice(cfg.device);
    if (cfg.threads > 0) at::set_num_threads(cfg.threads);
    // One BLAS thread beside torch's OpenMP pool on the CPU; batch buffers stay mapped
    // (cpu_tuning.h).
    keepTrainingBuffersMapped();
    std::optional<SingleThreadedBlas> oneBlasThread;
    if (device == "cpu") oneBlasThread.emplace();

    RunContext rc(project, cfg, cb, group);
    // Rank 0 creates (or reopens) the run row and tells the others its id, or that it failed.
    std::vector<int64_t> started{0, 0};
    std::string startError;
    if (writer) {
        try {
            rc.runId = resuming ? cfg.resumeRunId : insertRunRow(db, cfg, device);
            if (resuming) markRunRunning(db, rc.runId);
            started = {1, rc.runId};
        } catch (const Error& e) {
            if (!group.active()) throw;
            startError = e.what();
        }
    }
    group.broadcast(started);
    if (!startError.empty()) throw Error(startError);
    if (started[0] == 0)
        throw Error("rank " + std::to_string(group.rank()) + ": rank 0 could not start the run (its message says why)");
    rc.runId = started[1];
    const std::string rel = "runs/" + std::to_string(rc.runId);
    rc.dir = project.cacheDir() / "runs" / std::to_string(rc.runId);
    fs::create_directories(rc.dir);
    if (writer) setRunOutputsDir(db, rc.runId, rel);

    const double cpu0 = processCpuSeconds();
    rc.cpu0 = cpu0;
    const auto wall0 = std::chrono::steady_clock::now();
    try {
        try {
            if (cfg.deterministic) {
                at::globalContext().setDeterministicAlgorithms(true, false);
                at::globalContext().setDeterministicCuDNN(true);
                at::globalContext().setBenchmarkCuDNN(false);
            }
            rc.data = loadTrainData(db, cfg.inputSize, cfg.framesPerClip);
            if (rc.data.capped && cb.onWarning) cb.onWarning(rc.data.geometryNote);
            rc.trainRows = selectTrainRows(rc.data, cfg);
            if (cfg.subset > 0) {  // the detectors need the drawn ids (subsets.h)
                std::vector<int64_t> ids;
                ids.reserve(rc.trainRows.size());
                for (int64_t r : rc.trainRows) ids.push_back(rc.data.ids[size_t(r)]);
                if (writer) writeIdList(rc.dir / kTrainIdsFile, ids);
            }
            EngineSetup s{&rc.data, cfg, torch::Device(device == "cuda" ? torch::kCUDA : torch::kCPU), {}, {}, &cb};
            s.skips = &rc.skips;
            s.dist = &group;
            configureLoader(s);
            if (cb.progress) cb.progress({0.0, "measuring the input statistics"});
            channelStats(rc.data, statsRows(s, rc.trainRows), s.loaderThreads, s.skips, cb.cancel, s.mean, s.stdev);
            if (cb.onWarning)  // failures met while measuring; later ones come with their batch
                for (const auto& m : rc.skips.messages()) cb.onWarning(m);
            if (cfg.crossValFolds > 1) trainCrossVal(rc, s, resuming);
            else trainSingle(rc, s, resuming);
        } catch (const Error&) {
            throw;
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            rethrowTorchError(e, "training run " + std::to_string(rc.runId));
        }
    } catch (const Cancelled&) {
        if (writer) finishRunRow(db, rc.runId, "cancelled", "cancelled by the user", nlohmann::json());
        throw;
    } catch (const Error& e) {
        if (writer) finishRunRow(db, rc.runId, "failed", e.what(), nlohmann::json());
        throw;
    }
    nlohmann::json summary = rc.last;
    summary["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    // A resumed cross-validation run adds the CPU-seconds of the folds completed before.
    summary["cpu_seconds"] = processCpuSeconds() - cpu0 + rc.carriedCpuSeconds;
    if (rc.resumedFromFold >= 0) summary["resumed_from_fold"] = rc.resumedFromFold;
    summary["train_seconds"] = rc.trainSeconds;
    summary["sample_passes"] = rc.samplePasses;
    summary["outputs_seconds"] = rc.outputsSeconds;  // one inference pass over every sample
    summary["outputs_rows"] = rc.outputsRows;
    summary["n_train"] = int64_t(rc.trainRows.size());
    summary["device"] = device;
    summary["kind"] = cfg.kind;
    summary["samples"] = rc.data.clips ? "clips" : "images";
    summary["input_width"] = rc.data.width;
    summary["input_height"] = rc.data.height;
    if (!rc.data.geometryNote.empty()) summary["input_size"] = rc.data.geometryNote;
    if (rc.data.clips) summary["frames_per_clip"] = rc.data.frames;
    summary["skipped_samples"] = int64_t(rc.skips.size());
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& m : rc.skips.messages()) {
        if (skipped.size() >= 20) break;  // the count says how many more
        skipped.push_back(m);
    }
    summary["skipped"] = skipped;
    if (group.active()) {
        summary["world_size"] = group.worldSize();
        summary["dist_backend"] = group.backend();
    }
    if (writer) finishRunRow(db, rc.runId, "done", "", summary);
    return {rc.runId, rc.dir.string(), summary};
}

}  // namespace winnow::core
