#include <algorithm>
#include <csignal>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/store/project.h"
#include "core/train/config_check.h"
#include "core/train/device.h"
#include "core/train/dist_env.h"
#include "core/train/dist_group.h"
#include "core/train/subsets.h"
#include "core/train/train_config.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

namespace winnow::cli {
namespace {

core::CancelToken g_cancel;

void onTrainSigint(int) { g_cancel.cancel(); }  // lock-free atomic store: signal-safe

struct Options {
    std::string project;
    core::TrainConfig cfg;
    bool noAugment = false, noHflip = false, noAmp = false, noOutputs = false;
    std::string excludeFile;
    CLI::Option* model = nullptr;
    bool json = false;
    core::DistOptions dist;
};

// --resume continues a run with its stored settings: only these may be given beside it.
const char* const kResumeOptions[] = {"--project", "--resume", "--device", "--threads", "--json", "--dist-backend",
                                      "--dist-timeout"};

core::TrainConfig configFrom(const Options& a, const CLI::App& app) {
    core::TrainConfig c = a.cfg;
    if (c.resumeRunId > 0) {
        for (const CLI::Option* opt : app.get_options()) {
            if (opt->count() == 0 || opt->get_lnames().empty()) continue;
            const std::string name = "--" + opt->get_lnames().front();
            if (std::find(std::begin(kResumeOptions), std::end(kResumeOptions), name) == std::end(kResumeOptions))
                throw UsageError{name + " cannot be combined with --resume: a resumed run keeps its stored "
                                 "settings (only --device and --threads may change)"};
        }
    }
    if (!c.torchscriptPath.empty() && a.model->count() == 0) c.model = "torchscript";
    c.augment = !a.noAugment;
    c.hflip = !a.noHflip;
    c.mixedPrecision = !a.noAmp;
    c.writeOutputs = !a.noOutputs;
    if (!a.excludeFile.empty()) c.excludeIds = core::readIdList(a.excludeFile);
    return c;
}

int runTrain(const Options& a, const CLI::App& app) {
    const std::string file = a.project;
    core::TrainConfig cfg = configFrom(a, app);
    // Started by torchrun or srun: one rank of a process group (dist_env.h); else one process.
    const core::DistEnv env = core::distEnvFromProcess();
    auto group = core::DistGroup::create(env, a.dist, core::resolveDevice(cfg.device));
    // Only rank 0 writes the project (and prints); the others read it and print only errors.
    const bool writer = group->writer();
    const bool json = a.json && writer;
    std::unique_ptr<core::Project> project;
    if (writer) project = core::Project::open(file);
    group->barrier();  // rank 0 has opened (and, if needed, migrated) the project
    if (!writer) project = core::Project::openReadOnly(file);
    core::checkTrainConfig(*project, cfg);  // before the run row: a bad setting leaves no trace
    std::signal(SIGINT, onTrainSigint);

    core::TrainCallbacks cb;
    cb.cancel = &g_cancel;
    if (!writer) {
        core::trainRun(*project, cfg, cb, *group);
        return 0;
    }
    double lastReported = -1;
    cb.progress = [&](const core::Progress& p) {
        if (!json || p.fraction - lastReported < 0.01) return;
        lastReported = p.fraction;
        nlohmann::json j;
        j["event"] = "progress";
        j["fraction"] = p.fraction;
        j["message"] = p.message;
        printJsonLine(core::dumpJson(j));
    };
    cb.onWarning = [&](const std::string& message) {
        if (json) {
            nlohmann::json j;
            j["event"] = "warning";
            j["message"] = message;
            printJsonLine(core::dumpJson(j));
        } else {
            std::cerr << "warning: " << message << std::endl;
        }
    };
    cb.onEpoch = [&](const nlohmann::json& m) {
        if (json) {
            nlohmann::json j = m;
            j["event"] = "epoch";
            printJsonLine(core::dumpJson(j));
        } else {
            auto pct = [](const nlohmann::json& v) {
                return v.is_null() ? std::string("-") : core::formatNumber(core::jsonDouble(v) * 100, 1) + "%";
            };
            std::cout << (m.contains("fold") ? "fold " + std::to_string(core::jsonInt(core::jsonField(m, "fold")) + 1) + " " : "")
                      << "epoch " << core::jsonInt(core::jsonField(m, "epoch")) + 1 << ": loss " << core::jsonDouble(core::jsonField(m, "loss_train"))
                      << ", train " << pct(core::jsonField(m, "acc_train")) << ", val " << pct(core::jsonField(m, "acc_val"))
                      << ", test " << pct(core::jsonField(m, "acc_test")) << ", " << int(core::jsonDouble(core::jsonField(m, "samples_per_s")))
                      << " samples/s" << std::endl;
        }
    };
    core::TrainResult r = core::trainRun(*project, cfg, cb, *group);
    nlohmann::json j = r.finalMetrics;
    j["event"] = "done";
    j["run_id"] = r.runId;
    j["outputs_dir"] = r.outputsDir;
    if (json) printJsonLine(core::dumpJson(j));
    else {
        const int64_t skipped = core::jsonInt(core::jsonField(r.finalMetrics, "skipped_samples"), 0);
        if (skipped > 0) std::cout << skipped << " samples skipped (their files no longer decode)\n";
        std::cout << "run " << r.runId << " done; outputs in " << r.outputsDir << "\n";
    }
    return 0;
}

struct LongtailOptions {
    std::string project;
    std::string out;
    double rho = 100;
    uint64_t seed = 1;
    bool json = false;
};

int runLongtail(const LongtailOptions& a) {
    const std::string file = a.project;
    const std::string out = a.out;
    const double rho = a.rho;
    auto project = core::Project::openReadOnly(file);
    auto ids = core::longTailExcludeIds(project->db(), rho, a.seed);
    project->refuseProtectedPath(out);  // never over the project, its cache or media
    core::writeIdList(out, ids);
    nlohmann::json j;
    j["excluded"] = int64_t(ids.size());
    j["out"] = out;
    j["rho"] = rho;
    if (a.json) printJsonLine(core::dumpJson(j));
    else std::cout << ids.size() << " training samples to exclude written to " << out
                   << " (use: winnow-cli train --exclude-file " << out << ")\n";
    return 0;
}

Runner defineTrain(CLI::App& app) {
    auto o = std::make_shared<Options>();
    core::TrainConfig& c = o->cfg;
    addProject(app, o->project);
    // Model
    o->model = addChoice(app, "--model", c.model, {"cnn-small", "resnet32", "resnet18", "torchscript"},
                         "the network");
    addText(app, "--torchscript", c.torchscriptPath, "model torchscript: the backbone file (implies it)",
            "FILE")->check(existingFile());
    addWhole(app, "--bottleneck", c.bottleneck, 0, 65536, "extra linear layer of N features before the classifier (0: none)");
    addWhole(app, "--input-size", c.inputSize, 4, 4096, "resize samples to S x S pixels (default: the dataset's own size; clips 64)");
    addWhole(app, "--frames", c.framesPerClip, 1, kMaxFrames, "video: frames per clip");
    // Optimisation
    addWhole(app, "--epochs", c.epochs, 1, kMaxEpochs, "training epochs");
    addWhole(app, "--batch", c.batchSize, 2, 65536, "training batch size");
    addWhole(app, "--eval-batch", c.evalBatchSize, 1, 65536, "batch size of the evaluation passes");
    addReal(app, "--lr", c.lr, 0, End::Open, 10, End::Closed, "learning rate");
    addReal(app, "--momentum", c.momentum, 0, End::Closed, 1, End::Open, "SGD momentum");
    addFlag(app, "--nesterov", c.nesterov, "Nesterov momentum");
    addReal(app, "--weight-decay", c.weightDecay, 0, End::Closed, 1, End::Closed, "L2 weight decay");
    addChoice(app, "--schedule", c.schedule, {"cosine", "step", "constant"}, "learning-rate schedule");
    addWhole(app, "--warmup", c.warmupEpochs, 0, kMaxEpochs, "epochs of linear learning-rate warm-up");
    // Loss and sampling
    addChoice(app, "--loss", c.loss, {"ce", "focal", "ib", "ib-focal"}, "training loss");
    addReal(app, "--focal-gamma", c.focalGamma, 0, End::Closed, 100, End::Closed, "focal loss gamma");
    addReal(app, "--ib-alpha", c.ibAlpha, 0, End::Open, kInf, End::Open, "influence-balanced loss alpha");
    addWhole(app, "--ib-start", c.ibStartEpoch, 0, kMaxEpochs, "epoch the IB loss starts (default: half the schedule)");
    addChoice(app, "--class-weights", c.classWeights, {"none", "inverse", "drw"}, "class weighting of the loss");
    addWhole(app, "--drw-start", c.drwStartEpoch, 0, kMaxEpochs, "epoch deferred re-weighting starts (default: 80% of the schedule)");
    addChoice(app, "--sampler", c.sampler, {"instance", "class-balanced", "qr"}, "how batches are drawn");
    addReal(app, "--sampler-r", c.samplerR, 0, End::Closed, 1, End::Closed,
            "qr sampler: 0 draws like instance, 1 like class-balanced");
    addFlag(app, "--cmo", c.cmo, "CutMix minority oversampling");
    addReal(app, "--cmo-prob", c.cmoProb, 0, End::Closed, 1, End::Closed, "probability a batch is mixed by CMO");
    addWhole(app, "--cmo-start", c.cmoStartEpoch, 0, kMaxEpochs, "first CMO epoch");
    addWhole(app, "--cmo-end-margin", c.cmoEndMargin, 0, kMaxEpochs, "last epochs without CMO");
    // Augmentation
    addFlag(app, "--no-augment", o->noAugment, "no random crop or flip");
    addWhole(app, "--crop-padding", c.cropPadding, 0, 256, "random-crop padding in pixels");
    addFlag(app, "--no-hflip", o->noHflip, "no random horizontal flip");
    // Runtime
    addChoice(app, "--device", c.device, {"auto", "cpu", "cuda"}, "compute device");
    addWhole(app, "--threads", c.threads, 1, 1024, "compute threads (default: LibTorch's)");
    addWhole(app, "--loader-threads", c.loaderThreads, 1, 256, "threads decoding samples");
    addWhole(app, "--prefetch", c.prefetchBatches, 1, 4096, "batches decoded ahead (default: loader threads + 1)");
    addFlag(app, "--no-amp", o->noAmp, "no mixed precision on CUDA");
    addWhole(app, "--seed", c.seed, 0, kNoLimit, "random seed");
    addFlag(app, "--deterministic", c.deterministic, "deterministic algorithms only (slower)");
    // Data selection
    addWhole(app, "--cross-val", c.crossValFolds, 2, 100000,
             "K-fold out-of-sample probabilities; K at most the labelled training samples");
    addWhole(app, "--subset", c.subset, 1, kNoLimit, "train on a seeded random subset of N labelled training samples");
    addText(app, "--exclude-file", o->excludeFile, "sample ids to leave out, one per line", "IDS.txt")
        ->check(existingFile());
    addText(app, "--init", c.initCheckpoint, "start from this checkpoint's weights", "CHECKPOINT")
        ->check(existingFile());
    addWhole(app, "--resume", c.resumeRunId, 1, kNoLimit, "continue this interrupted run from its last checkpoint");
    // Multi-process runs (torchrun / srun set the environment; docs in core/train/README.md)
    addChoice(app, "--dist-backend", o->dist.backend, {"auto", "gloo", "nccl"},
              "process-group backend of a multi-process run (auto: nccl on CUDA when built with it, else gloo)");
    addWhole(app, "--dist-timeout", o->dist.timeoutSeconds, 1, 86400,
             "seconds a multi-process run waits for a rank before it stops with an error");
    addFlag(app, "--no-outputs", o->noOutputs, "no per-sample outputs (benchmarks only: nothing to score)");
    addJson(app, o->json);
    return [o, &app] { return runTrain(*o, app); };
}

Runner defineLongtail(CLI::App& app) {
    auto o = std::make_shared<LongtailOptions>();
    addProject(app, o->project);
    addText(app, "--out", o->out, "the exclusion list to write", "IDS.txt")->required();
    addReal(app, "--rho", o->rho, 1, End::Closed, 1e6, End::Closed, "imbalance ratio, largest / smallest class");
    addWhole(app, "--seed", o->seed, 0, kNoLimit, "random seed");
    addJson(app, o->json);
    return [o] { return runLongtail(*o); };
}

const CommandRegistrar regTrain(
    {"train", "train a model; records the run, its epochs and per-sample outputs", defineTrain});

const CommandRegistrar regLongtail(
    {"longtail", "write the exclusion list of a long-tailed training subset (METHODS 11)", defineLongtail});

}  // namespace
}  // namespace winnow::cli
