#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/store/migrations.h"
#include "core/train/device.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

int run(bool json) {
    auto d = core::deviceInfo();
    nlohmann::json j;
    j["winnow"] = WINNOW_VERSION;
    j["torch"] = d.torchVersion;
    j["cuda_available"] = d.cudaAvailable;
    j["cuda_devices"] = d.cudaDevices;
    j["cpu_threads"] = d.cpuThreads;
    j["project_schema"] = core::latestSchemaVersion();
    if (json) {
        printJsonLine(core::dumpJson(j));
    } else {
        std::cout << "winnow " << WINNOW_VERSION << " (LibTorch " << d.torchVersion
                  << ", CUDA " << (d.cudaAvailable ? "available" : "not available")
                  << ", project schema " << core::latestSchemaVersion() << ")\n";
    }
    return 0;
}

Runner define(CLI::App& app) {
    auto json = std::make_shared<bool>(false);
    addJson(app, *json);
    return [json] { return run(*json); };
}

const CommandRegistrar reg({"version", "print versions and the compute device", define});

}  // namespace
}  // namespace winnow::cli
