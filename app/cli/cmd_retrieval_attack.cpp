// winnow-cli retrieval attack: adversarial captions by embedding influence (METHODS.md §12),
// written as a RoCOCO-format Karpathy JSON file plus a sidecar with every word's EI.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/retrieval/attack_words.h"
#include "core/retrieval/caption_attack.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/open_encoder.h"
#include "core/util/error.h"

namespace winnow::cli {


namespace {
namespace fs = std::filesystem;

struct Options {
    std::string captions, policy, model, out, wordsDir;
    long long seed = 1;
    long long maxPerImage = 0;
    long long images = 0;
    bool json = false;
};

bool sameFile(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// The text encoder --model names: any model core::openDualEncoder opens (TorchScript, built-in
// encoder file, or the hash-demo stand-in, also called builtin-hash).
std::unique_ptr<core::DualEncoder> openModel(const std::string& model) { return core::openDualEncoder(model); }

int run(const Options& args) {
    const fs::path captions = args.captions, out = args.out;
    const fs::path details = core::captionAttackDetailsPath(out);
    if (sameFile(out, captions) || sameFile(details, captions))
        throw UsageError{"--out " + out.string() + " would overwrite the caption file (its details go to " +
                         details.string() + ")"};
    std::error_code ec;
    const fs::path outDir = out.has_parent_path() ? out.parent_path() : fs::path(".");
    if (!fs::is_directory(outDir, ec)) throw core::Error(outDir.string() + ": the output folder does not exist");
    const auto policy = core::parseCaptionAttackPolicy(args.policy);
    if (!policy) throw UsageError{"--policy " + args.policy + " is not a caption attack policy"};

    const core::AttackWords words = core::loadAttackWords(core::findAttackWordsFolder(args.wordsDir));
    core::CaptionSet set = core::loadCaptionSet(captions);
    if (args.images > 0 && set.images.size() > size_t(args.images)) set.images.resize(size_t(args.images));
    for (const core::CaptionSetIssue& i : set.issues)
        if (!args.json) std::cerr << "warning: " << i.message << "\n";
    std::unique_ptr<core::DualEncoder> encoder = openModel(args.model);

    core::CaptionAttackOptions o;
    o.policy = *policy;
    o.seed = uint64_t(args.seed);
    o.maxCaptionsPerImage = size_t(args.maxPerImage);
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    const core::CaptionAttackResult r =
        core::attackCaptions(set, {encoder.get()}, words, o, cliProgress(args.json), &cancel);
    core::writeCaptionAttack(r, out, details);

    const core::CaptionAttackCounts& n = r.counts;
    if (args.json) {
        nlohmann::json j = {{"event", "done"},
                            {"out", out.string()},
                            {"details", details.string()},
                            {"policy", core::captionAttackPolicyName(r.policy)},
                            {"seed", r.seed},
                            {"model", encoder->identity()},
                            {"words_folder", words.folder.string()},
                            {"images", set.images.size()},
                            {"ground_truth", n.groundTruth},
                            {"attacked", n.attacked},
                            {"skipped",
                             {{"no_words", n.noWords}, {"no_source_word", n.noSourceWord}, {"no_target", n.noTarget}}},
                            {"truncated_texts", n.truncatedTexts},
                            {"issues", set.issues.size()}};
        printJsonLine(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
        std::cout << core::captionAttackPolicyName(r.policy) << " attack (seed " << r.seed << ", " << encoder->identity()
                  << "): " << n.attacked << " of " << n.groundTruth << " ground-truth captions of " << set.images.size()
                  << " images attacked";
        if (n.skipped())
            std::cout << "; skipped " << n.skipped() << " (" << n.noWords << " without words, " << n.noSourceWord
                      << " without a source word, " << n.noTarget << " without a target left)";
        if (n.truncatedTexts)
            std::cout << "\nwarning: the encoder cut " << n.truncatedTexts
                      << " texts at its context length; words past the cut have EI 0 and may be chosen";
        std::cout << "\nwrote " << out.string() << " and " << details.string() << "\n";
    }
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    app.add_option("--captions", o->captions,
                   "the caption set: Karpathy/RoCOCO JSON list, COCO captions JSON or CSV image,caption")
        ->required()
        ->check(existingFile())
        ->type_name("FILE");
    addChoice(app, "--policy", o->policy, {"same-concept", "diff-concept", "rand-voca", "danger"},
              "how the replacement word is chosen")
        ->required();
    addText(app, "--model", o->model,
            "the text encoder that scores each word's embedding influence: a TorchScript .pt, a built-in "
            "encoder file, or hash-demo (also called builtin-hash: a deterministic hashed bag-of-words "
            "stand-in for tests and demos, not a trained model)",
            "MODEL")
        ->required();
    addWhole(app, "--seed", o->seed, 0, 9007199254740991LL, "seed of the tie breaks and target draws");
    addText(app, "--out", o->out,
            "the adversarial caption set (RoCOCO-format JSON); the EI details go beside it as NAME.attack.json",
            "FILE")
        ->required();
    addText(app, "--words-dir", o->wordsDir,
            "folder with stop_words.txt, concept_groups.txt, danger_words.txt, vocabulary.txt (default: the "
            "installed share/winnow/retrieval, else the source tree's resources/retrieval)",
            "DIR");
    addWhole(app, "--max-per-image", o->maxPerImage, 0, 1000,
             "ground-truth captions attacked per image, the first ones (0: all; RoCOCO's files: 5)");
    addWhole(app, "--max-images", o->images, 0, kNoLimit, "attack only the first N images of the set (0: all)");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"retrieval attack",
                            "adversarial captions: swap the lowest-influence word by a policy (RoCOCO)", define});

}  // namespace
}  // namespace winnow::cli
