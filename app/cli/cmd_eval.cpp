#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/detector_choice.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    bool json = false;
};

int run(const Options& a) {
    auto project = openForReading(a.project);
    core::Json j = core::evaluateProject(*project);
    const core::DetectorChoice choice = core::recommendedScoring(*project);
    core::Json rec;
    rec["scoring_id"] = choice.scoringId;
    rec["detector"] = choice.detector;
    rec["reason"] = choice.reason;
    j["recommended"] = rec;
    if (a.json) {
        printJsonLine(j.dump());
        return 0;
    }
    std::printf("%-8s %-4s %-20s %-13s %8s %9s %7s %7s %7s %7s\n", "scoring", "run", "detector",
                "probabilities", "flagged", "precision", "recall", "F1", "AUROC", "AP");
    for (const auto& d : j.at("detectors").items())
        std::printf("%-8lld %-4lld %-20s %-13s %8lld %9.3f %7.3f %7.3f %7.3f %7.3f\n",
                    (long long)d.at("scoring_id").asInt(), (long long)d.at("run_id").asInt(),
                    d.at("detector").asString().c_str(), d.at("probabilities").asString().c_str(),
                    (long long)d.at("flagged").asInt(), d.at("precision").asDouble(),
                    d.at("recall").asDouble(), d.at("f1").asDouble(), d.at("auroc").asDouble(),
                    d.at("average_precision").asDouble());
    for (const auto& r : j.at("rounds").items()) {
        std::printf("round %lld.%lld: %s, removed %lld, test accuracy %s -> %s",
                    (long long)r.at("session").asInt(), (long long)r.at("round").asInt(),
                    r.at("state").asString().c_str(), (long long)r.at("n_removed").asInt(),
                    r.at("before").at("acc_test").dump().c_str(),
                    r.at("after").at("acc_test").dump().c_str());
        const auto& so = r.at("removed_so_far");
        if (!so.isNull())
            std::printf("; removed so far %lld: precision %.3f recall %.3f F1 %.3f",
                        (long long)so.at("flagged").asInt(), so.at("precision").asDouble(),
                        so.at("recall").asDouble(), so.at("f1").asDouble());
        std::printf("\n");
    }
    if (choice.scoringId)
        std::printf("review queue default: scoring %lld (%s): %s\n", (long long)choice.scoringId,
                    choice.detector.c_str(), choice.reason.c_str());
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"eval", "metrics of every stored detector against the injected truth",
                            define});

}  // namespace
}  // namespace winnow::cli
