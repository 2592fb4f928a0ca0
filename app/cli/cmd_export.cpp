#include <iostream>

#include "app/cli/command.h"
#include "app/cli/export_review.h"
#include "core/influence/exports.h"
#include "core/store/project.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "format", "out", "run", "detector"},
           {"json", "copy", "force", "include-excluded"});
    const std::string format = a.require("format");
    if (isReviewExportFormat(format)) return runReviewExport(a, format);
    if (format != "predictions" && format != "issues")
        throw UsageError{"--format must be predictions, issues, labels, labels-json, imagefolder "
                         "or report, got '" + format + "'"};
    const std::string out = a.require("out");
    auto project = core::Project::openReadOnly(a.require("project"));
    core::Json j = format == "predictions"
                       ? core::exportPredictions(*project, a.getInt("run", 0), out)
                       : core::exportIssues(*project, a.get("detector"), out);
    if (a.flag("json")) printJsonLine(j.dump());
    else std::cout << "wrote " << j.at("rows").asInt() << " rows to " << out << "\n";
    return 0;
}

const CommandRegistrar reg({"export", "export predictions, issues, corrected labels, a cleaned ImageFolder tree or a report",
                            "--project P --format predictions|issues|labels|labels-json|imagefolder|"
                            "report --out FILE [--run RUN] [--detector NAME] [--copy] [--force] "
                            "[--include-excluded] [--json]",
                            run});

}  // namespace
}  // namespace winnow::cli
