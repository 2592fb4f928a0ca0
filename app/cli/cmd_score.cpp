#include <charconv>
#include <iostream>
#include <system_error>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/detector_registry.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
#include "core/train/device.h"
#include "core/train/dist_env.h"
#include "core/train/dist_group.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

struct Options {
    std::string project;
    core::ScoreRequest req;
    std::string of;
    CLI::Option* ofGiven = nullptr;
    CLI::Option* rateGiven = nullptr;
    bool json = false;
    core::DistOptions dist;
};

// --of A,B,...: at least two scoring ids (>= 1), checked before the project is opened.
std::vector<int64_t> scoringIds(const std::string& text) {
    std::vector<int64_t> parts;
    for (const auto& s : splitList(text)) {
        long long id = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), id);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size() || id < 1)
            throw UsageError{"--of expects scoring ids (whole numbers >= 1) separated by commas, got '" + s + "'"};
        parts.push_back(id);
    }
    if (parts.size() < 2) throw UsageError{"--of needs at least two scoring ids"};
    return parts;
}

// "--rate applies to --method self-confidence only": an option only some detectors read.
void requireReader(const CLI::Option* given, const std::string& setting, const core::DetectorInfo& method) {
    if (given->count() == 0 || method.reads(setting)) return;
    throw UsageError{"--" + setting + " applies to --method " + core::detectorIdList(core::detectorsReading(setting)) +
                     " only"};
}

int run(const Options& a) {
    core::ScoreRequest req = a.req;
    // --method was checked against the registry when it was parsed.
    const core::DetectorInfo method = core::findDetector(req.detector).value();
    requireReader(a.ofGiven, "of", method);
    requireReader(a.rateGiven, "rate", method);
    if (a.ofGiven->count() > 0) req.combineParts = scoringIds(a.of);
    // Started by torchrun or srun (issue 12): for Influential Rank the ranks form a process
    // group and score together (its Hessian, trusted solves and per-sample influence split
    // across them; project_scoring.h); rank 0 alone opens the project for writing, stores the
    // scoring and prints. Every other detector (O(n·K), or combining stored scorings) is rank
    // 0's alone: the other ranks say so in one line and leave at once, touching nothing.
    const core::DistEnv env = core::distEnvFromProcess();
    if (!method.splitsAcrossProcesses && env.rank != 0) {
        std::cerr << "rank " << env.rank << " of " << env.worldSize << ": " << method.id
                  << " is computed by rank 0 alone; nothing to do here\n";
        return 0;
    }
    std::unique_ptr<core::DistGroup> group =
        method.splitsAcrossProcesses
            ? core::DistGroup::create(env, a.dist, core::resolveDevice(req.influentialRank.influence.device))
            : core::DistGroup::single();
    std::unique_ptr<core::Project> project;
    if (group->writer()) project = core::Project::open(a.project);
    group->barrier();  // rank 0 has opened (and, if needed, migrated) the project
    if (!group->writer()) project = core::Project::openReadOnly(a.project);
    if (group->active()) {
        core::DistGroup* g = group.get();
        req.influentialRank.influence.shard = {g->rank(), g->worldSize(), [g](std::vector<double>& v) { g->allReduceSum(v); }};
    }
    const core::ScoringOutcome out = core::scoreProject(*project, req);
    if (!group->writer()) return 0;
    if (a.json) {
        nlohmann::json printed = out.summary;  // stored as one process stores it; printed with the ranks
        if (group->active()) printed["world_size"] = group->worldSize();
        printJsonLine(core::dumpJson(printed));
    } else {
        for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
        std::cout << req.detector << " on run " << out.runId << ": flagged "
                  << core::jsonInt(core::jsonField(out.summary, "flagged")) << " of " << core::jsonInt(core::jsonField(out.summary, "n"))
                  << " training samples (scoring " << out.scoringId << ", "
                  << core::jsonString(core::jsonField(out.summary, "probabilities")) << " probabilities)\n"
                  << "result: " << out.resultDir << "\n";
        if (req.detector == "influential-rank")
            std::cout << "gamma " << core::jsonInt(core::jsonField(out.summary, "gamma")) << " ("
                      << core::jsonString(core::jsonField(out.summary, "gamma_rule"), "methods") << " rule"
                      << (core::jsonString(core::jsonField(out.summary, "gamma_rule")) == "data"
                              ? ", target " + std::to_string(core::jsonInt(core::jsonField(out.summary, "gamma_target"))) +
                                    " noisy samples from cl-early"
                              : std::string())
                      << "; METHODS' rule: " << core::jsonInt(core::jsonField(out.summary, "gamma_default")) << ")\n";
    }
    return 0;
}

// "the detector. combined: rank average of ...; influential-rank: ...": from the registry.
std::string methodHelp() {
    std::string help = "the detector.";
    const auto all = core::detectors();
    for (size_t i = 0; i < all.size(); ++i)
        help += std::string(i ? ";" : "") + " " + all[i].id + ": " + all[i].description;
    return help;
}

// "self-confidence: TEXT": an option's help names the detectors that read it.
std::string readBy(const std::string& setting, const std::string& text) {
    return core::detectorIdList(core::detectorsReading(setting)) + ": " + text;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto& req = o->req;
    auto& ir = req.influentialRank;
    addProject(app, o->project);
    addWhole(app, "--run", req.runId, 1, kNoLimit, "the run to score (default: the latest finished)");
    addChoice(app, "--method", req.detector, core::detectorIds(), methodHelp());
    o->ofGiven = addText(app, "--of", o->of, readBy("of", "the scorings to combine (ids, comma-separated)"),
                         "ID,ID");
    addWhole(app, "--gamma", ir.gamma, 0, kMaxGamma,
             readBy("gamma", "consensus threshold, the classes that must agree (0: the default)"));
    addChoice(app, "--gamma-rule", ir.gammaRule, {"data", "methods"},
              readBy("gamma-rule", "with --gamma 0: data = the flagged count closest to confident learning's "
                                   "estimate on the early-epoch probabilities (needs training dynamics), "
                                   "methods = METHODS' rule"));
    addReal(app, "--damping", ir.influence.damping, 0, End::Open, kInf, End::Open,
            readBy("damping", "damping added to the Hessian"));
    addChoice(app, "--solver", ir.influence.solver, {"auto", "exact", "kfac"},
              readBy("solver", "inverse-Hessian solver"));
    addChoice(app, "--device", ir.influence.device, {"auto", "cpu", "cuda"}, "compute device");
    // Self-confidence flags the share `rate` of the samples with the lowest given-label
    // probability: 0 would flag nothing and 1 everything.
    o->rateGiven = addReal(app, "--rate", req.selfConfidenceRate, 0, End::Open, 1, End::Open,
                           readBy("rate", "share of the samples to flag (default: confident "
                                          "learning's noise-rate estimate)"));
    // Several processes (torchrun / srun set the environment; docs/distributed.md)
    addChoice(app, "--dist-backend", o->dist.backend, {"auto", "gloo", "nccl"},
              "process-group backend when started by torchrun or srun (auto: nccl on CUDA when built with it, else gloo)");
    addWhole(app, "--dist-timeout", o->dist.timeoutSeconds, 1, 86400,
             "seconds the processes of a multi-process scoring wait for a rank before they stop with an error");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"score", "score a run's samples with a mislabel detector", define});

}  // namespace
}  // namespace winnow::cli
