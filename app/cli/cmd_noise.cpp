#include <iostream>

#include "app/cli/command.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json.h"

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

int run(const std::vector<std::string>& argv) {
    Args a(argv, {"project", "kind", "rate", "seed", "trusted-per-class", "map"}, {"json"});
    core::NoiseSpec spec;
    spec.kind = a.get("kind", "symmetric");
    if (spec.kind != "symmetric" && spec.kind != "asymmetric")
        throw UsageError{"--kind must be symmetric or asymmetric, got '" + spec.kind + "'"};
    spec.rate = a.getDouble("rate", -1);
    if (!a.has("rate")) throw UsageError{"--rate is required"};
    if (!(spec.rate >= 0 && spec.rate <= 1)) throw UsageError{"--rate must be between 0 and 1"};
    long long seed = a.getInt("seed", 1);
    if (seed < 0) throw UsageError{"--seed must be >= 0"};
    spec.seed = uint64_t(seed);
    if (a.has("map")) spec.pairMap = parseMap(a.get("map"));
    long long m = a.getInt("trusted-per-class", 10);
    if (m < 0) throw UsageError{"--trusted-per-class must be >= 0"};
    auto project = core::Project::open(a.require("project"));
    core::Json j = core::injectProjectNoise(*project, spec, int(m));
    if (a.flag("json")) {
        printJsonLine(j.dump());
    } else {
        std::cout << "flipped " << j.at("flipped").asInt() << " of " << j.at("eligible").asInt()
                  << " training labels (" << spec.kind << ", rate " << spec.rate << ", seed "
                  << spec.seed << "); trusted per class: " << j.at("trusted_per_class").dump()
                  << "\n";
        if (j.contains("warning")) std::cout << "warning: " << j.at("warning").asString() << "\n";
    }
    return 0;
}

const CommandRegistrar reg({"noise",
                            "inject label noise for a self-test (original labels kept)",
                            "--project P --kind symmetric|asymmetric --rate R [--seed S] "
                            "[--trusted-per-class M] [--map 1,2,...,0] [--json]",
                            run});

}  // namespace
}  // namespace winnow::cli
