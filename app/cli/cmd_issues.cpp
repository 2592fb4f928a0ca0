// winnow-cli issues: duplicates, train/test leakage, label conflicts, outliers and image quality
// (core/curation), stored in the project, printed as JSON or text, exported as CSV.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/features_option.h"
#include "app/cli/options.h"
#include "core/curation/curation.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    std::string features = "thumbnail";
    double nearThreshold = -1;  // automatic
    long long k = 10;
    long long groups = 50;
    long long exactUpTo = core::NeighbourOptions{}.exactUpTo;
    std::string exportCsv;
    bool noStore = false;
    bool json = false;
};

nlohmann::json groupJson(const core::CurationResult& r, const core::DuplicateGroup& g) {
    nlohmann::json ids = nlohmann::json::array();
    for (int64_t row : g.rows) ids.push_back(r.featureIds[size_t(row)]);
    return {{"group", g.id}, {"kind", g.exact ? "exact" : "near"}, {"samples", ids}, {"leakage", g.leakage},
            {"label_conflict", g.labelConflict}, {"max_distance", g.maxDistance}};
}

int run(const Options& a) {
    checkFeatures(a.features);
    auto project = a.noStore ? openForReading(a.project) : core::Project::open(a.project);
    core::CurationOptions o;
    o.features = a.features;
    o.k = int(a.k);
    o.nearThreshold = a.nearThreshold;
    o.neighbours.exactUpTo = a.exactUpTo;
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    core::CurationResult r = core::runCuration(*project, o, a.json ? core::ProgressFn{} : cliProgress(false), &cancel);
    if (!a.noStore) core::storeCuration(*project, r);
    int64_t exported = -1;
    if (!a.exportCsv.empty()) exported = core::exportCurationIssues(*project, r, a.exportCsv);

    nlohmann::json j = r.summary;
    j["project"] = project->file().string();
    j["params"] = r.params;
    if (r.storedId > 0) j["result_id"] = r.storedId;
    if (exported >= 0) j["export"] = {{"csv", a.exportCsv}, {"rows", exported}};
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : r.groups) {
        if (int64_t(groups.size()) >= a.groups) break;
        groups.push_back(groupJson(r, g));
    }
    j["duplicate_groups"] = groups;
    j["duplicate_groups_total"] = int64_t(r.groups.size());
    if (a.json) {
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::cout << "\n" << project->file().string() << ": " << core::jsonInt(j["samples"]) << " samples, features "
              << r.features << " (" << r.featuresDescription << ")\n"
              << "neighbours: k=" << o.k << ", " << r.graph.method << ", recall@" << o.k << " " << r.graph.recall
              << " on " << r.graph.recallQueries << " queries\n";
    if (const int64_t failed = core::jsonInt(core::jsonField(j, "scan_failed")); failed > 0 && !j["scan_problems"].empty())
        std::cout << "scan: " << failed << " samples could not be read now and were left out (first: "
                  << core::jsonString(j["scan_problems"].front()) << ")\n";
    if (const int64_t changed = core::jsonInt(core::jsonField(j, "scan_changed_since_import")); changed > 0 && !j["scan_changed"].empty())
        std::cout << "scan: " << changed << " samples changed since their import (first: "
                  << core::jsonString(j["scan_changed"].front()) << ")\n";
    for (const char* key : {"scan_cache_warning", "features_cache_warning"})
        if (const std::string w = core::jsonString(core::jsonField(j, key)); !w.empty()) std::cout << "warning: " << w << "\n";
    for (const auto& w : core::jsonArray(core::jsonField(j, "warnings"))) std::cout << "warning: " << core::jsonString(w) << "\n";
    if (const int64_t clips = core::jsonInt(core::jsonField(j, "clips_scanned")); clips > 0)
        std::cout << "video clips: " << clips << " scanned, " << core::jsonInt(core::jsonField(j, "clip_frames_scanned"))
                  << " frames; a clip raises a quality flag when at least half of its frames do\n";
    for (const auto& [type, count] : j["counts"].items()) std::cout << "  " << type << ": " << count.get<int64_t>() << "\n";
    for (const auto& g : r.groups) {
        if (g.id > a.groups) {
            std::cout << "  ... " << (int64_t(r.groups.size()) - a.groups) << " more groups (--groups)\n";
            break;
        }
        std::cout << "  group " << g.id << " (" << (g.exact ? "exact" : "near") << (g.leakage ? ", leakage" : "")
                  << (g.labelConflict ? ", label conflict" : "") << "):";
        for (int64_t row : g.rows) std::cout << " " << r.featureIds[size_t(row)];
        std::cout << "\n";
    }
    if (r.storedId > 0) std::cout << "stored as curation result " << r.storedId << "\n";
    if (exported >= 0) std::cout << "exported " << exported << " rows to " << a.exportCsv << "\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addFeaturesOption(app, o->features);
    addReal(app, "--near-threshold", o->nearThreshold, 0, End::Closed, 4, End::Closed,
            "near duplicates: squared L2 distance between unit feature vectors at or below which two samples "
            "are copies (default: 0.13 x the median nearest-neighbour distance, within [0.002, 0.05])");
    addWhole(app, "--k", o->k, 1, 1000, "neighbours per sample");
    addWhole(app, "--groups", o->groups, 0, kNoLimit, "duplicate groups to list");
    addWhole(app, "--exact-up-to", o->exactUpTo, 0, kNoLimit, "exact neighbour search up to this many samples, "
             "an IVF index beyond");
    addText(app, "--export", o->exportCsv, "write the issues as CSV (issue, sample_id, group, score, path, frames)", "FILE");
    addFlag(app, "--no-store", o->noStore, "do not store the result in the project (opens it read-only)");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"issues", "find duplicates, train/test leakage, label conflicts, outliers and "
                                      "image-quality problems", define});

}  // namespace
}  // namespace winnow::cli
