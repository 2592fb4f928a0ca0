// winnow-cli demo: the headless equivalent of the GUI's "Open demo project".
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/demo.h"

namespace winnow::cli {

int printImportReport(const core::ImportReport& r, const std::string& project, bool json);

namespace {

struct Options {
    std::string project;
    bool json = false;
};

int run(const Options& o) {
    const std::string& project = o.project;
    const bool json = o.json;
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    auto r = core::buildFashionMnistDemo(project, cliProgress(json), &cancel);
    return printImportReport(r, project, json);
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project, "the demo project to create (P.winnow)");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"demo", "build the Fashion-MNIST demo project", define});

}  // namespace
}  // namespace winnow::cli
