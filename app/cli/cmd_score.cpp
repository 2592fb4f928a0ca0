#include <charconv>
#include <iostream>
#include <system_error>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/combined_scoring.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
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

int run(const Options& a) {
    core::ScoreRequest req = a.req;
    const bool hasOf = a.ofGiven->count() > 0;
    if (hasOf && req.detector != "combined")
        throw UsageError{"--of names the scorings of --method combined"};
    if (a.rateGiven->count() > 0 && req.detector != "self-confidence")
        throw UsageError{"--rate applies to --method self-confidence only"};
    const std::vector<int64_t> ofIds = hasOf ? scoringIds(a.of) : std::vector<int64_t>{};
    auto project = core::Project::open(a.project);
    core::ScoringOutcome out;
    if (req.detector == "combined") {
        std::vector<int64_t> parts = ofIds;
        if (!hasOf) parts = core::defaultCombinationParts(*project, req.runId);
        out = core::combineScorings(*project, parts);
    } else {
        out = core::scoreProject(*project, req);
    }
    if (a.json) {
        printJsonLine(core::dumpJson(out.summary));
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

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto& req = o->req;
    auto& ir = req.influentialRank;
    addProject(app, o->project);
    addWhole(app, "--run", req.runId, 1, kNoLimit, "the run to score (default: the latest finished)");
    addChoice(app, "--method", req.detector,
              {"influential-rank", "small-loss", "confident-learning", "self-confidence", "aum", "early-loss",
               "cl-early", "combined"},
              "the detector (aum, early-loss, cl-early: from the run's training dynamics; combined: "
              "rank average of the run's Influential Rank and confident-learning scorings, or of --of)");
    o->ofGiven = addText(app, "--of", o->of, "combined: the scorings to combine (ids, comma-separated)",
                         "ID,ID");
    addWhole(app, "--gamma", ir.gamma, 0, kMaxGamma,
             "influential-rank: consensus threshold, the classes that must agree (0: the default)");
    addChoice(app, "--gamma-rule", ir.gammaRule, {"data", "methods"},
              "influential-rank with --gamma 0: data = the flagged count closest to confident learning's "
              "estimate on the early-epoch probabilities (needs training dynamics), methods = METHODS' rule");
    addReal(app, "--damping", ir.influence.damping, 0, End::Open, kInf, End::Open,
            "influential-rank: damping added to the Hessian");
    addChoice(app, "--solver", ir.influence.solver, {"auto", "exact", "kfac"},
              "influential-rank: inverse-Hessian solver");
    addChoice(app, "--device", ir.influence.device, {"auto", "cpu", "cuda"}, "compute device");
    // Self-confidence flags the share `rate` of the samples with the lowest given-label
    // probability: 0 would flag nothing and 1 everything.
    o->rateGiven = addReal(app, "--rate", req.selfConfidenceRate, 0, End::Open, 1, End::Open,
                           "self-confidence: share of the samples to flag (default: confident "
                           "learning's noise-rate estimate)");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"score", "score a run's samples with a mislabel detector", define});

}  // namespace
}  // namespace winnow::cli
