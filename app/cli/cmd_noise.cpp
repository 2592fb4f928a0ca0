#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

std::vector<int> parseMap(const std::string& s) {
    std::vector<int> m;
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t comma = s.find(',', pos);
        std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        try {
            m.push_back(std::stoi(part));
        } catch (...) {
            throw UsageError{"--map expects comma-separated class indices, got '" + s + "'"};
        }
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return m;
}

struct Options {
    std::string project;
    core::NoiseSpec spec;
    std::string map;
    int trustedPerClass = 10;
    bool json = false;
};

int run(const Options& a) {
    core::NoiseSpec spec = a.spec;
    if (!a.map.empty()) spec.pairMap = parseMap(a.map);
    const int m = a.trustedPerClass;
    auto project = core::Project::open(a.project);
    nlohmann::json j = core::injectProjectNoise(*project, spec, m);
    if (a.json) {
        printJsonLine(core::dumpJson(j));
    } else {
        std::cout << "flipped " << core::jsonInt(core::jsonField(j, "flipped")) << " of " << core::jsonInt(core::jsonField(j, "eligible"))
                  << " training labels (" << spec.kind << ", rate " << spec.rate << ", seed "
                  << spec.seed << "); trusted per class: " << core::dumpJson(core::jsonField(j, "trusted_per_class"))
                  << "\n";
        if (j.contains("warning")) std::cout << "warning: " << core::jsonString(core::jsonField(j, "warning")) << "\n";
    }
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addChoice(app, "--kind", o->spec.kind, {"symmetric", "asymmetric"},
              "symmetric: to any other class; asymmetric: to the next class (or --map)");
    addReal(app, "--rate", o->spec.rate, 0, End::Closed, 1, End::Closed,
            "share of the training labels to flip")
        ->required()
        ->default_str("");
    addWhole(app, "--seed", o->spec.seed, 0, kNoLimit, "random seed");
    addWhole(app, "--trusted-per-class", o->trustedPerClass, 0, 1000000,
             "samples per class kept clean and marked trusted");
    addText(app, "--map", o->map, "asymmetric: the class each class flips to, by index (1,2,...,0)",
            "LIST");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"noise", "inject label noise for a self-test (original labels kept)", define});

}  // namespace
}  // namespace winnow::cli
