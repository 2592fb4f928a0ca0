#include <cmath>
#include <csignal>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/influential_rank_rounds.h"
#include "core/store/project.h"
#include "core/train/device.h"
#include "core/train/dist_env.h"
#include "core/train/dist_group.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

core::CancelToken g_rankCancel;
void onRankSigint(int) { g_rankCancel.cancel(); }

struct Options {
    std::string project;
    core::RankOptions rank;
    double acceptMargin = 0.1;  // accuracy points (METHODS §5: 0.1); stored accuracies are fractions
    bool json = false;
    core::DistOptions dist;
};

int run(const Options& a) {
    core::RankOptions o = a.rank;
    o.acceptMargin = a.acceptMargin / 100.0;
    const bool json = a.json;
    // Started by torchrun or srun (issue 12): the ranks form a process group; each round's
    // scoring is split across them and each post-training runs data-parallel
    // (influential_rank_rounds.h). Rank 0 alone opens the project for writing and prints.
    const core::DistEnv env = core::distEnvFromProcess();
    auto group = core::DistGroup::create(env, a.dist, core::resolveDevice(o.device.empty() ? "auto" : o.device));
    std::unique_ptr<core::Project> project;
    if (group->writer()) project = core::Project::open(a.project);
    group->barrier();  // rank 0 has opened (and, if needed, migrated) the project
    if (!group->writer()) project = core::Project::openReadOnly(a.project);
    o.group = group.get();
    std::signal(SIGINT, onRankSigint);
    auto onEvent = [&](const nlohmann::json& e) {
        if (json) printJsonLine(core::dumpJson(e));
        else std::cout << core::dumpJson(e) << "\n";
    };
    nlohmann::json s = core::runInfluentialRank(*project, o, onEvent, {}, &g_rankCancel);
    if (!group->writer()) return 0;
    if (group->active()) s["world_size"] = group->worldSize();
    if (json) printJsonLine(core::dumpJson(s));
    else std::cout << core::dumpJson(s, 2) << "\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    o->rank.rounds = 5;
    o->rank.budget = 0.5;
    o->rank.epochs = 20;
    o->rank.scoring.influence.damping = 0.01;
    o->rank.relabelThreshold = 0.8;
    addProject(app, o->project);
    addWhole(app, "--run", o->rank.baseRun, 1, kNoLimit, "the trained run to start from (default: the latest)");
    addWhole(app, "--rounds", o->rank.rounds, 1, 5, "post-training rounds at most");
    addReal(app, "--budget", o->rank.budget, -1, End::Closed, 100, End::Closed,
            "rounds continue while accepted and something is flagged, while the next round fits this "
            "fraction of the base training's CPU-seconds (-1: exactly --rounds rounds)");
    addChoice(app, "--gamma-rule", o->rank.scoring.gammaRule, {"data", "methods"},
              "with --gamma 0: data = flagged count closest to cl-early's noise estimate, methods = METHODS' rule");
    addWhole(app, "--epochs", o->rank.epochs, 1, kMaxEpochs, "epochs of each post-training");
    addWhole(app, "--gamma", o->rank.scoring.gamma, 0, kMaxGamma,
             "consensus threshold: flag a sample when this many classes agree (0: the default)");
    addReal(app, "--damping", o->rank.scoring.influence.damping, 0, End::Open, kInf, End::Open,
            "damping added to the Hessian");
    addReal(app, "--relabel-threshold", o->rank.relabelThreshold, 0, End::Closed, 1, End::Closed,
            "suggest a relabel when the final model's probability is above this (else exclude)");
    // Negative: accept a round that loses at most that many points (for research runs where
    // the trusted samples are memorised training samples, so their accuracy cannot rise).
    addReal(app, "--accept-margin", o->acceptMargin, -100, End::Closed, 100, End::Closed,
            "accuracy points a round must gain on the trusted/validation samples to be accepted");
    addFlag(app, "--auto-apply", o->rank.autoApply,
            "apply the suggestions as a new label version and fine-tune");
    addFlag(app, "--control-longer", o->rank.controlLonger,
            "also train the base model for the same extra epochs (the +Longer control)");
    addChoice(app, "--device", o->rank.device, {"auto", "cpu", "cuda"}, "compute device (default: the run's)");
    // Several processes (torchrun / srun set the environment; docs/distributed.md)
    addChoice(app, "--dist-backend", o->dist.backend, {"auto", "gloo", "nccl"},
              "process-group backend when started by torchrun or srun (auto: nccl on CUDA when built with it, else gloo)");
    addWhole(app, "--dist-timeout", o->dist.timeoutSeconds, 1, 86400,
             "seconds the processes of a multi-process run wait for a rank before they stop with an error");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"rank", "Influential Rank post-training rounds with rollback", define});

}  // namespace
}  // namespace winnow::cli
