// winnow-cli repair: rebuilds missing or damaged array caches (IDX/CIFAR imports) from the
// source files the project recorded. The advice every "array cache is missing" message gives.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/repair.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {


namespace {

struct Options {
    std::string project;
    bool json = false;
};

int run(const Options& args) {
    const bool json = args.json;
    auto project = core::Project::open(args.project);
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    const core::RepairReport r = core::repairArrayCaches(*project, cliProgress(json), &cancel);
    if (json) {
        nlohmann::json j;
        j["event"] = "done";
        j["checked"] = r.checked;
        j["repaired"] = r.repaired;
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : r.failures) failures.push_back(f);
        j["failures"] = failures;
        printJsonLine(core::dumpJson(j));
    } else {
        for (const auto& m : r.messages) std::cout << m << "\n";
        for (const auto& f : r.failures) std::cerr << "error: " << f << "\n";
        std::cout << "checked " << r.checked << " array caches, rebuilt " << r.repaired << ", "
                  << r.failures.size() << " could not be rebuilt\n";
    }
    return r.failures.empty() ? 0 : 1;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"repair", "rebuild missing or damaged array caches from their recorded sources",
                            define});

}  // namespace
}  // namespace winnow::cli
