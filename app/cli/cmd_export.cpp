#include <iostream>

#include "app/cli/command.h"
#include "core/influence/exports.h"
#include "core/store/project.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "format", "out", "run", "detector"}, {"json"});
    const std::string format = a.require("format");
    if (format != "predictions" && format != "issues")
        throw UsageError{"--format must be predictions or issues, got '" + format + "'"};
    const std::string out = a.require("out");
    auto project = core::Project::openReadOnly(a.require("project"));
    core::Json j = format == "predictions"
                       ? core::exportPredictions(*project, a.getInt("run", 0), out)
                       : core::exportIssues(*project, a.get("detector"), out);
    if (a.flag("json")) printJsonLine(j.dump());
    else std::cout << "wrote " << j.at("rows").asInt() << " rows to " << out << "\n";
    return 0;
}

const CommandRegistrar reg({"export", "export predictions (.npy + .csv) or flagged issues (.csv)",
                            "--project P --format predictions|issues --out FILE [--run RUN] "
                            "[--detector NAME] [--json]",
                            run});

}  // namespace
}  // namespace winnow::cli
