// winnow-cli search: similarity search over a project's samples (core/curation/similarity_search):
// by text with a dual encoder's features (encoder:<model>), or by sample with any features.
// Prints the ranked sample ids, scores (cosine similarity) and paths, as JSON or text.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/features_option.h"
#include "app/cli/options.h"
#include "core/curation/similarity_search.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    std::string features = "thumbnail";
    std::string text;
    long long sample = -1;
    long long k = 20;
    bool json = false;
};

int run(const Options& a) {
    checkFeatures(a.features);
    if (a.text.empty() == (a.sample < 0)) throw UsageError{"give exactly one of --text and --sample"};
    if (!a.text.empty() && !core::isEncoderSpec(a.features))
        throw UsageError{core::textSearchNeedsEncoderMessage(a.features)};
    // Only the cache beside the project is written: the project itself is opened for reading.
    auto project = openForReading(a.project);
    core::SimilarityQuery q;
    q.features = a.features;
    q.text = a.text;
    q.sampleId = a.sample;
    q.k = int(a.k);
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    const core::SimilarityResult r =
        core::projectSimilaritySearch(*project, q, a.json ? core::ProgressFn{} : cliProgress(false), &cancel);

    if (a.json) {
        nlohmann::json hits = nlohmann::json::array();
        for (size_t i = 0; i < r.hits.size(); ++i)
            hits.push_back({{"rank", int64_t(i) + 1}, {"sample_id", r.hits[i].id}, {"score", r.hits[i].score},
                            {"path", r.hits[i].path}});
        nlohmann::json j = {{"project", project->file().string()},
                            {"features", r.features},
                            {"features_description", r.description},
                            {"samples", r.rows},
                            {"k", a.k},
                            {"hits", hits}};
        if (!a.text.empty()) j["text"] = a.text;
        else j["sample"] = a.sample;
        if (core::isEncoderSpec(a.features)) {
            j["from_cache"] = r.encoder.fromCache;
            j["failed"] = r.encoder.failed;
            j["problems"] = r.encoder.problems;
        }
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::cout << "\n" << project->file().string() << ": " << r.rows << " samples, features " << r.features << " ("
              << r.description << ")\n";
    if (!a.text.empty()) std::cout << "nearest to the text \"" << a.text << "\":\n";
    else std::cout << "nearest to sample " << a.sample << ":\n";
    for (size_t i = 0; i < r.hits.size(); ++i)
        std::cout << "  " << (i + 1) << ". sample " << r.hits[i].id << "  " << core::formatSignificant(r.hits[i].score, 4)
                  << "  " << r.hits[i].path << "\n";
    if (r.encoder.failed > 0)
        std::cerr << r.encoder.failed << " samples could not be decoded and were left out"
                  << (r.encoder.problems.empty() ? "" : " (first: " + r.encoder.problems.front() + ")") << "\n";
    if (!r.encoder.cacheWarning.empty()) std::cerr << r.encoder.cacheWarning << "\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addFeaturesOption(app, o->features);
    auto* text = addText(app, "--text", o->text, "search by this text (needs --features encoder:<model>, a dual "
                         "encoder)", "TEXT");
    auto* sample = addWhole(app, "--sample", o->sample, 1, kNoLimit, "search by this sample's features (its id)");
    text->excludes(sample);
    addWhole(app, "--k", o->k, 1, 100000, "how many samples to list");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"search", "similarity search by text (dual encoder) or by sample", define});

}  // namespace
}  // namespace winnow::cli
