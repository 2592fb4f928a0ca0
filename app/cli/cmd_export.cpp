#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "app/cli/export_review.h"
#include "core/influence/exports.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

int run(const ExportOptions& a) {
    const std::string format = a.format;
    if (isReviewExportFormat(format)) return runReviewExport(a, format);
    const std::string out = a.out;
    auto project = openForReading(a.project);
    nlohmann::json j = format == "predictions"
                       ? core::exportPredictions(*project, a.run, out)
                       : core::exportIssues(*project, a.detector, out);
    if (a.json) printJsonLine(core::dumpJson(j));
    else std::cout << "wrote " << core::jsonInt(core::jsonField(j, "rows")) << " rows to " << out << "\n";
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<ExportOptions>();
    addProject(app, o->project);
    addChoice(app, "--format", o->format,
              {"predictions", "issues", "labels", "labels-json", "imagefolder", "report", "review-steps"},
              "what to write: probabilities for cleanlab, the issues CSV, corrected labels (CSV "
              "or JSON), a cleaned ImageFolder tree, the HTML report, or the review steps (duplicate "
              "group decisions: group, keeper, reviewer, undo) as CSV")
        ->required();
    addText(app, "--out", o->out, "the file (the folder for imagefolder) to write", "FILE")->required();
    addWhole(app, "--run", o->run, 1, kNoLimit, "predictions: the run to export (default: the latest)");
    addText(app, "--detector", o->detector, "issues: the detector whose scoring to export", "NAME");
    addFlag(app, "--copy", o->copy, "imagefolder: copy the files instead of linking them");
    addFlag(app, "--force", o->force, "imagefolder: write into a folder that is not empty");
    addFlag(app, "--include-excluded", o->includeExcluded, "imagefolder: keep the excluded samples");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"export",
                            "export predictions, issues, corrected labels, a cleaned ImageFolder tree or a report",
                            define});

}  // namespace
}  // namespace winnow::cli
