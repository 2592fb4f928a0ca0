#include <iostream>

#include "app/cli/command.h"
#include "core/influence/combined_scoring.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
#include "core/util/json.h"

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

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "run", "method", "gamma", "damping", "solver", "device", "rate", "of"},
           {"json"});
    core::ScoreRequest req;
    req.detector = a.get("method", "influential-rank");
    if (req.detector != "influential-rank" && req.detector != "small-loss" &&
        req.detector != "confident-learning" && req.detector != "self-confidence" &&
        req.detector != "combined")
        throw UsageError{"--method must be influential-rank, small-loss, confident-learning, "
                         "self-confidence or combined, got '" + req.detector + "'"};
    if (a.has("of") && req.detector != "combined")
        throw UsageError{"--of names the scorings of --method combined"};
    req.runId = a.getInt("run", 0);
    if (a.has("run") && req.runId < 1) throw UsageError{"--run expects a run id (>= 1)"};
    auto& ir = req.influentialRank;
    ir.gamma = int(a.getInt("gamma", 0));
    if (ir.gamma < 0) throw UsageError{"--gamma must be >= 1 (or 0 for the default)"};
    ir.influence.damping = a.getDouble("damping", 0.01);
    if (!(ir.influence.damping > 0)) throw UsageError{"--damping must be > 0"};
    ir.influence.solver = a.get("solver", "auto");
    if (ir.influence.solver != "auto" && ir.influence.solver != "exact" && ir.influence.solver != "kfac")
        throw UsageError{"--solver must be auto, exact or kfac"};
    ir.influence.device = a.get("device", "auto");
    req.selfConfidenceRate = a.getDouble("rate", -1);
    auto project = core::Project::open(a.require("project"));
    core::ScoringOutcome out;
    if (req.detector == "combined") {
        std::vector<int64_t> parts;
        if (a.has("of")) {
            for (const auto& s : splitList(a.get("of", ""))) {
                try {
                    parts.push_back(std::stoll(s));
                } catch (const std::exception&) {
                    throw UsageError{"--of expects scoring ids separated by commas, got '" + s + "'"};
                }
            }
            if (parts.size() < 2) throw UsageError{"--of needs at least two scoring ids"};
        } else {
            parts = core::defaultCombinationParts(*project, req.runId);
        }
        out = core::combineScorings(*project, parts);
    } else {
        out = core::scoreProject(*project, req);
    }
    if (a.flag("json")) {
        printJsonLine(out.summary.dump());
    } else {
        for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
        std::cout << req.detector << " on run " << out.runId << ": flagged "
                  << out.summary.at("flagged").asInt() << " of " << out.summary.at("n").asInt()
                  << " training samples (scoring " << out.scoringId << ", "
                  << out.summary.at("probabilities").asString() << " probabilities)\n"
                  << "result: " << out.resultDir << "\n";
    }
    return 0;
}

const CommandRegistrar reg(
    {"score", "score a run's samples with a mislabel detector",
     "--project P [--run RUN] --method influential-rank|small-loss|confident-learning|"
     "self-confidence|combined [--of SCORING,SCORING] [--gamma G] [--damping D] [--solver auto|exact|kfac] [--device auto|cpu|cuda] "
     "[--rate Q (self-confidence)] [--json]",
     run});

}  // namespace
}  // namespace winnow::cli
