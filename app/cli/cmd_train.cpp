#include <csignal>
#include <iostream>

#include "app/cli/command.h"
#include "core/store/project.h"
#include "core/train/subsets.h"
#include "core/train/train_config.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

core::CancelToken g_cancel;

void onTrainSigint(int) { g_cancel.cancel(); }  // lock-free atomic store: signal-safe

void checkChoice(const std::string& opt, const std::string& v, std::initializer_list<const char*> ok) {
    for (const char* o : ok)
        if (v == o) return;
    std::string list;
    for (const char* o : ok) list += std::string(list.empty() ? "" : ", ") + o;
    throw UsageError{"--" + opt + " must be one of " + list + ", got '" + v + "'"};
}

core::TrainConfig configFrom(const Args& a) {
    core::TrainConfig c;
    c.model = a.get("model", c.model);
    checkChoice("model", c.model, {"cnn-small", "resnet32", "resnet18", "torchscript"});
    c.torchscriptPath = a.get("torchscript");
    if (!c.torchscriptPath.empty() && !a.has("model")) c.model = "torchscript";
    c.bottleneck = int(a.getInt("bottleneck", 0));
    c.inputSize = int(a.getInt("input-size", 0));
    if (c.inputSize < 0) throw UsageError{"--input-size must be positive"};
    c.framesPerClip = int(a.getInt("frames", c.framesPerClip));
    if (c.framesPerClip < 1) throw UsageError{"--frames must be at least 1"};
    c.loaderThreads = int(a.getInt("loader-threads", c.loaderThreads));
    if (c.loaderThreads < 1) throw UsageError{"--loader-threads must be at least 1"};
    c.evalBatchSize = int(a.getInt("eval-batch", c.evalBatchSize));
    if (c.evalBatchSize < 1) throw UsageError{"--eval-batch must be at least 1"};
    c.prefetchBatches = int(a.getInt("prefetch", 0));
    if (c.prefetchBatches < 0) throw UsageError{"--prefetch must be at least 1"};
    c.epochs = int(a.getInt("epochs", c.epochs));
    if (c.epochs < 1) throw UsageError{"--epochs must be at least 1"};
    c.batchSize = int(a.getInt("batch", c.batchSize));
    if (c.batchSize < 2) throw UsageError{"--batch must be at least 2"};
    c.lr = a.getDouble("lr", c.lr);
    c.momentum = a.getDouble("momentum", c.momentum);
    c.nesterov = a.flag("nesterov");
    c.weightDecay = a.getDouble("weight-decay", c.weightDecay);
    c.schedule = a.get("schedule", c.schedule);
    checkChoice("schedule", c.schedule, {"cosine", "step", "constant"});
    c.warmupEpochs = int(a.getInt("warmup", c.warmupEpochs));
    c.loss = a.get("loss", c.loss);
    checkChoice("loss", c.loss, {"ce", "focal", "ib", "ib-focal"});
    c.focalGamma = a.getDouble("focal-gamma", c.focalGamma);
    c.ibAlpha = a.getDouble("ib-alpha", c.ibAlpha);
    c.ibStartEpoch = int(a.getInt("ib-start", c.ibStartEpoch));
    c.classWeights = a.get("class-weights", c.classWeights);
    checkChoice("class-weights", c.classWeights, {"none", "inverse", "drw"});
    c.sampler = a.get("sampler", c.sampler);
    checkChoice("sampler", c.sampler, {"instance", "class-balanced", "qr"});
    c.samplerR = a.getDouble("sampler-r", c.samplerR);
    c.cmo = a.flag("cmo");
    c.cmoStartEpoch = int(a.getInt("cmo-start", c.cmoStartEpoch));
    c.cmoEndMargin = int(a.getInt("cmo-end-margin", c.cmoEndMargin));
    c.augment = !a.flag("no-augment");
    c.cropPadding = int(a.getInt("crop-padding", c.cropPadding));
    c.hflip = !a.flag("no-hflip");
    c.device = a.get("device", c.device);
    checkChoice("device", c.device, {"auto", "cpu", "cuda"});
    c.threads = int(a.getInt("threads", 0));
    c.mixedPrecision = !a.flag("no-amp");
    c.writeOutputs = !a.flag("no-outputs");
    c.seed = uint64_t(a.getInt("seed", 1));
    c.deterministic = a.flag("deterministic");
    c.crossValFolds = int(a.getInt("cross-val", 0));
    if (c.crossValFolds == 1 || c.crossValFolds < 0) throw UsageError{"--cross-val needs K >= 2"};
    c.subset = a.getInt("subset", 0);
    c.initCheckpoint = a.get("init");
    c.resumeRunId = a.getInt("resume", 0);
    if (a.has("exclude-file")) c.excludeIds = core::readIdList(a.get("exclude-file"));
    return c;
}

int runTrain(const std::vector<std::string>& argv) {
    Args a(argv,
           {"project", "model", "torchscript", "bottleneck", "input-size", "epochs", "batch", "lr",
            "momentum", "weight-decay", "schedule", "warmup", "loss", "focal-gamma", "ib-alpha",
            "ib-start", "class-weights", "sampler", "sampler-r", "cmo-start", "cmo-end-margin",
            "device", "threads", "seed", "cross-val", "subset", "init", "resume", "exclude-file", "crop-padding",
            "frames", "loader-threads", "prefetch", "eval-batch"},
           {"json", "cmo", "no-augment", "nesterov", "deterministic", "no-amp", "no-outputs", "no-hflip"});
    const std::string file = a.require("project");
    core::TrainConfig cfg = configFrom(a);
    const bool json = a.flag("json");
    auto project = core::Project::open(file);
    std::signal(SIGINT, onTrainSigint);

    core::TrainCallbacks cb;
    cb.cancel = &g_cancel;
    double lastReported = -1;
    cb.progress = [&](const core::Progress& p) {
        if (!json || p.fraction - lastReported < 0.01) return;
        lastReported = p.fraction;
        core::Json j;
        j["event"] = "progress";
        j["fraction"] = p.fraction;
        j["message"] = p.message;
        printJsonLine(j.dump());
    };
    cb.onWarning = [&](const std::string& message) {
        if (json) {
            core::Json j;
            j["event"] = "warning";
            j["message"] = message;
            printJsonLine(j.dump());
        } else {
            std::cerr << "warning: " << message << std::endl;
        }
    };
    cb.onEpoch = [&](const core::Json& m) {
        if (json) {
            core::Json j = m;
            j["event"] = "epoch";
            printJsonLine(j.dump());
        } else {
            auto pct = [](const core::Json& v) {
                return v.isNull() ? std::string("-") : std::to_string(v.asDouble() * 100).substr(0, 5) + "%";
            };
            std::cout << (m.contains("fold") ? "fold " + std::to_string(m.at("fold").asInt() + 1) + " " : "")
                      << "epoch " << m.at("epoch").asInt() + 1 << ": loss " << m.at("loss_train").asDouble()
                      << ", train " << pct(m.at("acc_train")) << ", val " << pct(m.at("acc_val"))
                      << ", test " << pct(m.at("acc_test")) << ", " << int(m.at("samples_per_s").asDouble())
                      << " samples/s" << std::endl;
        }
    };
    core::TrainResult r = core::trainRun(*project, cfg, cb);
    core::Json j = r.finalMetrics;
    j["event"] = "done";
    j["run_id"] = r.runId;
    j["outputs_dir"] = r.outputsDir;
    if (json) printJsonLine(j.dump());
    else {
        const int64_t skipped = r.finalMetrics.at("skipped_samples").asInt(0);
        if (skipped > 0) std::cout << skipped << " samples skipped (their files no longer decode)\n";
        std::cout << "run " << r.runId << " done; outputs in " << r.outputsDir << "\n";
    }
    return 0;
}

int runLongtail(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "rho", "seed", "out"}, {"json"});
    const std::string file = a.require("project");
    const std::string out = a.require("out");
    const double rho = a.getDouble("rho", 100);
    if (rho < 1) throw UsageError{"--rho must be at least 1"};
    auto project = core::Project::openReadOnly(file);
    auto ids = core::longTailExcludeIds(project->db(), rho, uint64_t(a.getInt("seed", 1)));
    project->refuseProtectedPath(out);  // never over the project, its cache or media
    core::writeIdList(out, ids);
    core::Json j;
    j["excluded"] = int64_t(ids.size());
    j["out"] = out;
    j["rho"] = rho;
    if (a.flag("json")) printJsonLine(j.dump());
    else std::cout << ids.size() << " training samples to exclude written to " << out
                   << " (use: winnow-cli train --exclude-file " << out << ")\n";
    return 0;
}

const CommandRegistrar regTrain(
    {"train", "train a model; records the run, its epochs and per-sample outputs",
     "--project P [--model cnn-small|resnet32|resnet18|torchscript] [--torchscript F.pt] "
     "[--bottleneck N] [--input-size S] [--frames F] [--epochs E] [--batch B] [--eval-batch B] [--lr LR] [--momentum M] [--nesterov] "
     "[--weight-decay W] [--schedule cosine|step|constant] [--warmup E] [--loss ce|focal|ib|ib-focal] "
     "[--focal-gamma G] [--ib-alpha A] [--ib-start E] [--class-weights none|inverse|drw] "
     "[--sampler instance|class-balanced|qr] [--sampler-r R] [--cmo] [--cmo-start E] [--cmo-end-margin E] "
     "[--no-augment] [--crop-padding P] [--no-hflip] [--device auto|cpu|cuda] [--threads N] [--loader-threads N] [--prefetch B] [--no-amp] [--seed S] [--deterministic] "
     "[--cross-val K] [--subset N] [--exclude-file IDS.txt] [--init CHECKPOINT] [--resume RUN] [--no-outputs] [--json]",
     runTrain});

const CommandRegistrar regLongtail(
    {"longtail", "write the exclusion list of a long-tailed training subset (METHODS 11)",
     "--project P --out IDS.txt [--rho 100] [--seed 1] [--json]", runLongtail});

}  // namespace
}  // namespace winnow::cli
