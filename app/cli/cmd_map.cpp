// winnow-cli map: the 2-D embedding map of a project's samples (core/curation/embedding_map):
// PCA or the neighbour-preserving layout, cached beside the project, printed as JSON or text,
// exported as CSV (sample_id, x, y).
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/features_option.h"
#include "app/cli/options.h"
#include "core/curation/embedding_map.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    std::string features = "thumbnail";
    std::string method = "layout";
    long long k = 10;
    long long epochs = 0;
    long long seed = 1;
    long long threads = 0;
    std::string out;
    bool json = false;
};

int run(const Options& a) {
    checkFeatures(a.features);
    // Only the cache beside the project is written: the project itself is opened for reading.
    auto project = openForReading(a.project);
    core::EmbeddingMapOptions o;
    o.method = a.method;
    o.k = int(a.k);
    o.epochs = int(a.epochs);
    o.seed = uint64_t(a.seed);
    o.threads = int(a.threads);
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    const core::EmbeddingMap m =
        core::projectEmbeddingMap(*project, a.features, o, a.json ? core::ProgressFn{} : cliProgress(false), &cancel);
    int64_t exported = -1;
    if (!a.out.empty()) exported = core::exportEmbeddingMap(*project, m, a.out);

    nlohmann::json j = {{"project", project->file().string()},
                        {"features", m.features},
                        {"method", m.method},
                        {"samples", m.n()},
                        {"params", m.params},
                        {"epochs", m.epochs},
                        {"graph_method", m.graphMethod},
                        {"seconds", m.seconds},
                        {"graph_seconds", m.graphSeconds},
                        {"from_cache", m.fromCache},
                        {"key", m.key}};
    if (exported >= 0) j["export"] = {{"csv", a.out}, {"rows", exported}};
    if (a.json) {
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::cout << "\n" << project->file().string() << ": map of " << m.n() << " samples, features " << m.features
              << ", method " << m.method;
    if (m.method == "layout") std::cout << " (" << m.epochs << " epochs, graph " << m.graphMethod << ")";
    std::cout << (m.fromCache ? ", read from the cache (computed in " : ", computed in ")
              << core::formatSignificant(m.seconds, 3) << " s)\n";
    if (exported >= 0) std::cout << "exported " << exported << " rows to " << a.out << "\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addFeaturesOption(app, o->features);
    addChoice(app, "--method", o->method, {"pca", "layout"},
              "pca (the two principal axes) or layout (neighbour-preserving, on the k-NN graph); default layout");
    addWhole(app, "--k", o->k, 1, 1000, "neighbours per sample in the layout's graph");
    addWhole(app, "--epochs", o->epochs, 0, kMaxEpochs, "layout epochs (0: automatic by size, 500 for small sets "
             "down to 100 at a million samples)");
    addWhole(app, "--seed", o->seed, 0, kNoLimit, "random seed (the result repeats exactly with --threads 1)");
    addWhole(app, "--threads", o->threads, 0, 1024, "threads (0: the machine's cores)");
    addText(app, "--out", o->out, "write the map as CSV (sample_id, x, y)", "FILE");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"map", "2-D embedding map of the samples (PCA or a neighbour-preserving layout)", define});

}  // namespace
}  // namespace winnow::cli
