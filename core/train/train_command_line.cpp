#include "core/train/train_command_line.h"

#include "core/util/invalid_setting.h"
#include "core/util/number_text.h"

namespace winnow::core {

namespace {

// Appends "--name value" when the value differs from the default's.
class Args {
public:
    explicit Args(std::vector<std::string>& out) : m_out(out) {}
    void text(const char* name, const std::string& v, const std::string& def) {
        if (v != def) add(name, v);
    }
    void whole(const char* name, long long v, long long def) {
        if (v != def) add(name, std::to_string(v));
    }
    void real(const char* name, double v, double def) {
        if (v != def) add(name, formatNumber(v));
    }
    void flag(const char* name, bool on) {
        if (on) m_out.emplace_back(name);
    }
    void add(const char* name, const std::string& value) {
        m_out.emplace_back(name);
        m_out.push_back(value);
    }

private:
    std::vector<std::string>& m_out;
};

void refuse(const std::string& what) {
    throw InvalidSetting("this run cannot be started as separate processes: " + what +
                         " cannot be given to winnow-cli train");
}

}  // namespace

std::vector<std::string> trainCliArguments(const std::string& projectFile, const TrainConfig& cfg) {
    const TrainConfig d;
    std::vector<std::string> out;
    Args a(out);
    a.add("--project", projectFile);
    if (cfg.resumeRunId > 0) {
        a.add("--resume", std::to_string(cfg.resumeRunId));
        a.text("--device", cfg.device, d.device);
        if (cfg.threads > 0) a.add("--threads", std::to_string(cfg.threads));
        out.emplace_back("--json");
        return out;
    }
    if (!cfg.excludeIds.empty()) refuse("an exclusion list");
    if (cfg.parentRun != d.parentRun || (cfg.kind != "train" && cfg.kind != "cross-val"))
        refuse("a post-training round (kind " + cfg.kind + ")");
    if (cfg.stepMilestones != d.stepMilestones) refuse("step milestones other than the defaults");
    if (cfg.stepGamma != d.stepGamma) refuse("a step gamma other than " + formatNumber(d.stepGamma));
    if (cfg.cmoR != d.cmoR) refuse("a CMO r other than " + formatNumber(d.cmoR));
    // Model
    a.text("--model", cfg.model, d.model);
    a.text("--torchscript", cfg.model == "torchscript" ? cfg.torchscriptPath : std::string(), d.torchscriptPath);
    a.whole("--bottleneck", cfg.bottleneck, d.bottleneck);
    if (cfg.inputSize > 0) a.whole("--input-size", cfg.inputSize, d.inputSize);
    a.whole("--frames", cfg.framesPerClip, d.framesPerClip);
    // Optimisation
    a.whole("--epochs", cfg.epochs, d.epochs);
    a.whole("--batch", cfg.batchSize, d.batchSize);
    a.whole("--eval-batch", cfg.evalBatchSize, d.evalBatchSize);
    a.real("--lr", cfg.lr, d.lr);
    a.real("--momentum", cfg.momentum, d.momentum);
    a.flag("--nesterov", cfg.nesterov);
    a.real("--weight-decay", cfg.weightDecay, d.weightDecay);
    a.text("--schedule", cfg.schedule, d.schedule);
    a.whole("--warmup", cfg.warmupEpochs, d.warmupEpochs);
    // Loss and sampling
    a.text("--loss", cfg.loss, d.loss);
    a.real("--focal-gamma", cfg.focalGamma, d.focalGamma);
    a.real("--ib-alpha", cfg.ibAlpha, d.ibAlpha);
    if (cfg.ibStartEpoch >= 0) a.whole("--ib-start", cfg.ibStartEpoch, d.ibStartEpoch);
    a.text("--class-weights", cfg.classWeights, d.classWeights);
    if (cfg.drwStartEpoch >= 0) a.whole("--drw-start", cfg.drwStartEpoch, d.drwStartEpoch);
    a.text("--sampler", cfg.sampler, d.sampler);
    a.real("--sampler-r", cfg.samplerR, d.samplerR);
    a.flag("--cmo", cfg.cmo);
    a.real("--cmo-prob", cfg.cmoProb, d.cmoProb);
    a.whole("--cmo-start", cfg.cmoStartEpoch, d.cmoStartEpoch);
    a.whole("--cmo-end-margin", cfg.cmoEndMargin, d.cmoEndMargin);
    // Augmentation
    a.flag("--no-augment", !cfg.augment);
    a.whole("--crop-padding", cfg.cropPadding, d.cropPadding);
    a.flag("--no-hflip", !cfg.hflip);
    // Runtime
    a.text("--device", cfg.device, d.device);
    if (cfg.threads > 0) a.whole("--threads", cfg.threads, d.threads);
    a.whole("--loader-threads", cfg.loaderThreads, d.loaderThreads);
    if (cfg.prefetchBatches > 0) a.whole("--prefetch", cfg.prefetchBatches, d.prefetchBatches);
    a.flag("--no-amp", !cfg.mixedPrecision);
    if (cfg.seed != d.seed) a.add("--seed", std::to_string(cfg.seed));
    a.flag("--deterministic", cfg.deterministic);
    // Data selection
    if (cfg.crossValFolds > 1) a.whole("--cross-val", cfg.crossValFolds, d.crossValFolds);
    if (cfg.subset > 0) a.whole("--subset", cfg.subset, d.subset);
    a.text("--init", cfg.initCheckpoint, d.initCheckpoint);
    a.flag("--no-outputs", !cfg.writeOutputs);
    out.emplace_back("--json");
    return out;
}

LaunchCommand torchrunTrainCommand(const std::string& launcher, int processes, const std::string& cliPath,
                                   const std::string& projectFile, const TrainConfig& cfg, int masterPort) {
    if (processes < 1) throw InvalidSetting("the number of processes must be at least 1, not " + std::to_string(processes));
    if (masterPort < 0 || masterPort > 65535)
        throw InvalidSetting("the master port must be between 1 and 65535, not " + std::to_string(masterPort));
    LaunchCommand c;
    c.program = launcher;
    c.arguments = {"--nproc_per_node=" + std::to_string(processes)};
    if (masterPort > 0) {
        c.arguments.emplace_back("--master_addr=127.0.0.1");
        c.arguments.push_back("--master_port=" + std::to_string(masterPort));
    }
    for (const char* a : {"-r", "1", "-t", "1", "--no_python"}) c.arguments.emplace_back(a);
    c.arguments.push_back(cliPath);
    c.arguments.emplace_back("train");
    for (auto& a : trainCliArguments(projectFile, cfg)) c.arguments.push_back(std::move(a));
    return c;
}

}  // namespace winnow::core
