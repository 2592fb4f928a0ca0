// winnow-cli demo: the headless equivalent of the GUI's "Open demo project".
#include <iostream>

#include "app/cli/command.h"
#include "core/dataset/demo.h"

namespace winnow::cli {

// Shared with cmd_import.cpp.
struct SigintCancels {
    explicit SigintCancels(core::CancelToken& token);
    ~SigintCancels();
};
core::ProgressFn cliProgress(bool json);
int printImportReport(const core::ImportReport& r, const std::string& project, bool json);

namespace {

int run(const std::vector<std::string>& argv) {
    Args args(argv, {"project"}, {"json"});
    const std::string project = args.require("project");
    bool json = args.flag("json");
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    auto r = core::buildFashionMnistDemo(project, cliProgress(json), &cancel);
    return printImportReport(r, project, json);
}

const CommandRegistrar reg({"demo", "build the Fashion-MNIST demo project",
                            "--project P.winnow [--json]", run});

}  // namespace
}  // namespace winnow::cli
