// winnow-cli retrieval eval: RoCOCO's stress test of a dual encoder on a stored caption set
// (caption attacks from RoCOCO files, image attacks per seed), stored in the project.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "app/cli/retrieval_json.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_request.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::cli {


namespace {

struct Options {
    std::string project;
    long long setId = 0;
    std::string model;
    std::string preprocessing;
    bool noCache = false;
    std::vector<std::string> attacks;
    std::string imageAttacks;
    std::string seeds = "1,10,100";
    double lambda = 0.9;
    std::string pairing = "default";
    long long batchSize = 64;
    bool json = false;
};

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        if (j > i) out.push_back(text.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

int run(const Options& a) {
    std::vector<std::string> kinds = splitList(a.imageAttacks);
    for (const auto& k : kinds)
        if (k != "mix" && k != "patch") throw UsageError{"--image-attacks takes mix and/or patch, got '" + k + "'"};
    std::vector<int64_t> seeds;
    for (const auto& s : splitList(a.seeds)) {
        int64_t v = 0;
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0)
            throw UsageError{"--seeds takes whole numbers >= 0 separated by commas, got '" + s + "'"};
        seeds.push_back(v);
    }
    if (!kinds.empty() && seeds.empty()) throw UsageError{"--seeds is empty"};

    auto project = core::Project::open(a.project);
    core::Database& db = project->db();
    if (!core::findCaptionSet(db, a.setId))
        throw core::Error("No caption set " + std::to_string(a.setId) + " in " + a.project +
                          " ('winnow-cli retrieval results' lists them)");

    core::RetrievalRequest request;
    request.setId = a.setId;
    request.model = a.model;
    request.preprocessing = a.preprocessing;
    request.imageAttacks = kinds;
    request.seeds = seeds;
    request.lambda = a.lambda;
    request.pairing = a.pairing;
    request.useCache = !a.noCache;
    request.batchSize = a.batchSize;
    // Caption attacks: each RoCOCO file once in the project (imported on first use).
    for (const std::string& file : a.attacks) {
        if (auto known = core::findCaptionSetByFile(db, file); known && known->rococo && known->adversarialCaptions > 0) {
            request.captionAttackSets.push_back(known->id);
            continue;
        }
        core::CaptionSetOptions o;
        o.attacks = core::AttackLayout::Rococo;
        core::CaptionSet s = core::loadCaptionSet(file, o);
        if (!s.rococoAttack || s.adversarialCaptions() == 0)
            throw core::Error("The attack file " + file +
                              " is not a RoCOCO attack file (entries of 10 or 11 captions, the last 5 adversarial)");
        request.captionAttackSets.push_back(core::saveCaptionSet(db, s, {}));
    }
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    const core::RetrievalEvalResult r = core::runRetrievalRequest(*project, request, cliProgress(a.json), &cancel);
    const auto run = core::findRun(db, r.runId);
    const auto encoder = run ? core::findEncoder(db, run->encoderId) : std::nullopt;
    const std::string identity = encoder ? encoder->identity : std::string("unknown");
    const std::string description = encoder ? encoder->description : a.model;

    if (a.json) {
        nlohmann::json j;
        j["event"] = "done";
        j["run_id"] = r.runId;
        j["model"] = identity;
        j["images_used"] = r.imagesUsed;
        j["images_excluded"] = r.imagesExcluded;
        j["issue_count"] = r.issues.size();
        j["normalisation"] = core::kCaptionNormalisationNote;
        j["ties"] = core::kTiesNote;
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : r.results) rows.push_back(resultJson(row));
        j["results"] = rows;
        printJsonLine(core::dumpJson(j));
    } else {
        std::printf("evaluation %lld of caption set %lld with %s (%s)\n", (long long)r.runId, (long long)a.setId,
                    description.c_str(), identity.c_str());
        std::printf("%lld images used, %lld left out (missing or undecodable)\n", (long long)r.imagesUsed,
                    (long long)r.imagesExcluded);
        std::printf("%-4s %-16s %-5s %7s %7s %7s %7s %7s %9s\n", "dir", "attack", "seed", "R@1", "R@5", "R@10",
                    "FR@1", "drop", "drop rate");
        for (const auto& row : r.results)
            std::printf("%-4s %-16s %-5s %7.2f %7.2f %7.2f %7.2f %7.2f %8.2f%%\n", row.direction.c_str(),
                        row.attack.c_str(),
                        row.seed ? std::to_string(*row.seed).c_str() : (row.attackKind == "mix" || row.attackKind == "patch" ? "mean" : ""),
                        100 * row.scores.r1, 100 * row.scores.r5, 100 * row.scores.r10, 100 * row.scores.fr1,
                        100 * row.drop.absolute, 100 * row.drop.rate);
        std::printf("percentages; %s; %s\n", core::kTiesNote, core::kCaptionNormalisationNote);
    }
    for (size_t i = 0; i < r.issues.size() && i < 20; ++i) std::cerr << "issue: " << r.issues[i].message << "\n";
    if (r.issues.size() > 20) std::cerr << "... and " << r.issues.size() - 20 << " more issues\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addWhole(app, "--set", o->setId, 1, kNoLimit, "the caption set to evaluate on (its id from 'retrieval import')")
        ->required();
    addText(app, "--model", o->model,
            "the dual encoder: a TorchScript .pt, a built-in encoder file ('retrieval train'), or hash-demo "
            "(a test baseline)",
            "MODEL")
        ->required();
    addText(app, "--preprocessing", o->preprocessing,
            "preprocessing JSON of a TorchScript model (default: inside the archive, else CLIP's)", "FILE");
    addFlag(app, "--no-cache", o->noCache, "encode everything again instead of reusing cached embeddings");
    app.add_option("--attacks", o->attacks, "RoCOCO attack files whose adversarial captions are caption attacks")
        ->check(existingFile())
        ->type_name("FILE ...");
    addText(app, "--image-attacks", o->imageAttacks, "image attacks for text->image: mix, patch or mix,patch",
            "KINDS");
    addText(app, "--seeds", o->seeds, "seeds of the image attacks, comma-separated (default 1,10,100)", "LIST");
    addReal(app, "--lambda", o->lambda, 0.0, End::Open, 1.0, End::Open, "share of the original image kept (λ)");
    addChoice(app, "--pairing", o->pairing, {"default", "paper"},
              "default: aspect kept, never paired with itself; paper: as RoCOCO's code");
    addWhole(app, "--batch-size", o->batchSize, 1, 4096, "images or captions per encoder call");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"retrieval eval", "stress-test a dual encoder on a caption set (RoCOCO)", define});

}  // namespace
}  // namespace winnow::cli
