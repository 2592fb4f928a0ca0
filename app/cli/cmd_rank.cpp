#include <cmath>
#include <csignal>
#include <iostream>

#include "app/cli/command.h"
#include "core/influence/influential_rank_rounds.h"
#include "core/store/project.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

core::CancelToken g_rankCancel;
void onRankSigint(int) { g_rankCancel.cancel(); }

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "run", "rounds", "epochs", "gamma", "damping", "relabel-threshold", "device",
                     "accept-margin"},
           {"json", "auto-apply", "control-longer"});
    core::RankOptions o;
    o.baseRun = a.getInt("run", 0);
    o.rounds = int(a.getInt("rounds", 2));
    if (o.rounds < 1 || o.rounds > 5) throw UsageError{"--rounds must be between 1 and 5"};
    o.epochs = int(a.getInt("epochs", 20));
    if (o.epochs < 1) throw UsageError{"--epochs must be at least 1"};
    o.scoring.gamma = int(a.getInt("gamma", 0));
    if (o.scoring.gamma < 0) throw UsageError{"--gamma must be >= 1 (or 0 for the default)"};
    o.scoring.influence.damping = a.getDouble("damping", 0.01);
    if (!(o.scoring.influence.damping > 0)) throw UsageError{"--damping must be > 0"};
    o.relabelThreshold = a.getDouble("relabel-threshold", 0.8);
    // In accuracy points (METHODS §5: 0.1); stored accuracies are fractions.
    double margin = a.getDouble("accept-margin", 0.1);
    // Negative: accept a round that loses at most that many points (for research runs where
    // the trusted samples are memorised training samples, so their accuracy cannot rise).
    if (!std::isfinite(margin) || margin < -100 || margin > 100)
        throw UsageError{"--accept-margin must be a number of accuracy points in [-100, 100]"};
    o.acceptMargin = margin / 100.0;
    o.autoApply = a.flag("auto-apply");
    o.controlLonger = a.flag("control-longer");
    o.device = a.get("device");
    const bool json = a.flag("json");
    auto project = core::Project::open(a.require("project"));
    std::signal(SIGINT, onRankSigint);
    auto onEvent = [&](const core::Json& e) {
        if (json) printJsonLine(e.dump());
        else std::cout << e.dump() << "\n";
    };
    core::Json s = core::runInfluentialRank(*project, o, onEvent, {}, &g_rankCancel);
    if (json) printJsonLine(s.dump());
    else std::cout << s.dump(2) << "\n";
    return 0;
}

const CommandRegistrar reg({"rank", "Influential Rank post-training rounds with rollback",
                            "--project P [--run RUN] [--rounds N] [--epochs E] [--gamma G] "
                            "[--damping D] [--relabel-threshold S] [--accept-margin POINTS] [--auto-apply] "
                            "[--control-longer] [--device auto|cpu|cuda] [--json]",
                            run});

}  // namespace
}  // namespace winnow::cli
