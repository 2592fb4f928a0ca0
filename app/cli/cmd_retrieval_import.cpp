// winnow-cli retrieval import: a caption set (Karpathy/RoCOCO list, COCO captions, CSV) into a
// project, with its images checked against a folder; per-file issues listed, the rest imports.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/project_creation.h"
#include "core/retrieval/retrieval_import.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    std::string captions;
    std::string images;
    std::string format = "auto";
    bool json = false;
};

int run(const Options& a) {
    const bool created = !std::filesystem::exists(a.project);
    std::optional<core::ProjectCreation> creation;
    if (created) creation.emplace(a.project);
    std::unique_ptr<core::Project> project = created ? core::Project::create(a.project) : core::Project::open(a.project);
    core::CaptionImportResult r;
    try {
        core::CaptionImportOptions o;
        o.imageFolder = a.images;
        o.format = a.format;
        r = core::importCaptionSet(*project, a.captions, o);
    } catch (...) {
        if (created) {
            project.reset();
            creation->undo();
        }
        throw;
    }
    const core::CaptionSet& s = r.set;
    if (a.json) {
        nlohmann::json j;
        j["event"] = "done";
        j["project"] = a.project;
        j["set_id"] = r.setId;
        j["format"] = core::captionFormatName(s.format);
        j["rococo"] = s.rococoAttack;
        j["images"] = s.images.size();
        j["ground_truth_captions"] = s.groundTruthCaptions();
        j["adversarial_captions"] = s.adversarialCaptions();
        j["missing_images"] = s.missingImages();
        j["issue_count"] = s.issues.size();
        nlohmann::json issues = nlohmann::json::array();
        for (size_t i = 0; i < s.issues.size() && i < 100; ++i) {
            nlohmann::json is;
            is["item"] = s.issues[i].item;
            is["reason"] = s.issues[i].message;
            issues.push_back(is);
        }
        j["issues"] = issues;
        printJsonLine(core::dumpJson(j));
    } else {
        std::printf("caption set %lld: %s (%s%s): %zu images, %zu ground-truth and %zu adversarial captions\n",
                    (long long)r.setId, s.file.string().c_str(), core::captionFormatName(s.format),
                    s.rococoAttack ? ", RoCOCO attack file" : "", s.images.size(), s.groundTruthCaptions(),
                    s.adversarialCaptions());
        if (s.missingImages() > 0)
            std::printf("%zu images missing or unusable: they are left out of evaluations\n", s.missingImages());
    }
    const size_t shown = 20;
    for (size_t i = 0; i < s.issues.size() && i < shown; ++i) std::cerr << "issue: " << s.issues[i].message << "\n";
    if (s.issues.size() > shown) std::cerr << "... and " << s.issues.size() - shown << " more issues\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project, "the project to import into (P.winnow; created if missing)");
    app.add_option("--captions", o->captions, "the caption file (JSON list, COCO captions JSON or CSV)")
        ->required()
        ->check(existingFile())
        ->type_name("FILE");
    addText(app, "--images", o->images, "the folder the caption file's image paths are relative to", "DIR");
    addChoice(app, "--format", o->format, {"auto", "karpathy", "coco", "csv"},
              "the caption file's format (auto: recognised from the content)");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"retrieval import", "import a captioned image set (Karpathy, RoCOCO, COCO, CSV)", define});

}  // namespace
}  // namespace winnow::cli
