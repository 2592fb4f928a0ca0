#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/detector_choice.h"
#include "core/influence/noise_structure.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    bool json = false;
};

int run(const Options& a) {
    auto project = openForReading(a.project);
    nlohmann::json j = core::evaluateProject(*project);
    const core::DetectorChoice choice = core::recommendedScoring(*project);
    nlohmann::json rec;
    rec["scoring_id"] = choice.scoringId;
    rec["detector"] = choice.detector;
    rec["reason"] = choice.reason;
    j["recommended"] = rec;
    // What the same project would open without its injected noise: the figure benchmarks call
    // "the default" (evaluateProject has thrown already when there is no injected noise).
    const core::DetectorChoice plain = core::recommendedScoring(*project, core::kMemorisedTrainingAccuracy, false);
    if (plain.runId) {
        const core::NoiseStructure& ns = plain.noise;
        nlohmann::json nj;
        nj["run_id"] = plain.runId;
        nj["kind"] = core::noiseStructureName(ns.kind);
        nj["pair_concentration"] = ns.pairConcentration;
        nj["threshold"] = ns.threshold;
        nj["off_diagonal"] = ns.offDiagonal;
        nj["source"] = ns.source;
        nj["scoring_id"] = ns.scoringId;
        nj["reason"] = ns.reason;
        j["noise_structure"] = nj;
    }
    if (plain.scoringId) {
        nlohmann::json d;
        d["scoring_id"] = plain.scoringId;
        d["detector"] = plain.detector;
        d["reason"] = plain.reason;
        j["default_without_self_test"] = d;
    }
    if (a.json) {
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::printf("%-8s %-4s %-20s %-13s %8s %9s %7s %7s %7s %7s\n", "scoring", "run", "detector",
                "probabilities", "flagged", "precision", "recall", "F1", "AUROC", "AP");
    for (const auto& d : core::jsonArray(core::jsonField(j, "detectors")))
        std::printf("%-8lld %-4lld %-20s %-13s %8lld %9.3f %7.3f %7.3f %7.3f %7.3f\n",
                    (long long)core::jsonInt(core::jsonField(d, "scoring_id")), (long long)core::jsonInt(core::jsonField(d, "run_id")),
                    core::jsonString(core::jsonField(d, "detector")).c_str(), core::jsonString(core::jsonField(d, "probabilities")).c_str(),
                    (long long)core::jsonInt(core::jsonField(d, "flagged")), core::jsonDouble(core::jsonField(d, "precision")),
                    core::jsonDouble(core::jsonField(d, "recall")), core::jsonDouble(core::jsonField(d, "f1")), core::jsonDouble(core::jsonField(d, "auroc")),
                    core::jsonDouble(core::jsonField(d, "average_precision")));
    std::string notScored;
    for (const auto& id : core::jsonArray(core::jsonField(j, "not_scored")))
        notScored += (notScored.empty() ? "" : ", ") + core::jsonString(id);
    if (!notScored.empty()) std::printf("not scored yet: %s\n", notScored.c_str());
    for (const auto& r : core::jsonArray(core::jsonField(j, "rounds"))) {
        std::printf("round %lld.%lld: %s, removed %lld, test accuracy %s -> %s",
                    (long long)core::jsonInt(core::jsonField(r, "session")), (long long)core::jsonInt(core::jsonField(r, "round")),
                    core::jsonString(core::jsonField(r, "state")).c_str(), (long long)core::jsonInt(core::jsonField(r, "n_removed")),
                    core::dumpJson(core::jsonField(core::jsonField(r, "before"), "acc_test")).c_str(),
                    core::dumpJson(core::jsonField(core::jsonField(r, "after"), "acc_test")).c_str());
        const auto& so = core::jsonField(r, "removed_so_far");
        if (!so.is_null())
            std::printf("; removed so far %lld: precision %.3f recall %.3f F1 %.3f",
                        (long long)core::jsonInt(core::jsonField(so, "flagged")), core::jsonDouble(core::jsonField(so, "precision")),
                        core::jsonDouble(core::jsonField(so, "recall")), core::jsonDouble(core::jsonField(so, "f1")));
        std::printf("\n");
    }
    if (plain.runId)
        std::printf("noise structure of run %lld: %s: %s\n", (long long)plain.runId,
                    core::noiseStructureName(plain.noise.kind), plain.noise.reason.c_str());
    if (choice.scoringId)
        std::printf("review queue default: scoring %lld (%s): %s\n", (long long)choice.scoringId,
                    choice.detector.c_str(), choice.reason.c_str());
    if (plain.scoringId)
        std::printf("without the self-test: scoring %lld (%s): %s\n", (long long)plain.scoringId,
                    plain.detector.c_str(), plain.reason.c_str());
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
