#include <iostream>

#include "app/cli/command.h"
#include "core/store/migrations.h"
#include "core/train/device.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

int run(const std::vector<std::string>& argv) {
    Args args(argv, {}, {"json"});
    auto d = core::deviceInfo();
    core::Json j;
    j["winnow"] = WINNOW_VERSION;
    j["torch"] = d.torchVersion;
    j["cuda_available"] = d.cudaAvailable;
    j["cuda_devices"] = d.cudaDevices;
    j["cpu_threads"] = d.cpuThreads;
    j["project_schema"] = core::latestSchemaVersion();
    if (args.flag("json")) {
        printJsonLine(j.dump());
    } else {
        std::cout << "winnow " << WINNOW_VERSION << " (LibTorch " << d.torchVersion
                  << ", CUDA " << (d.cudaAvailable ? "available" : "not available")
                  << ", project schema " << core::latestSchemaVersion() << ")\n";
    }
    return 0;
}

const CommandRegistrar reg({"version", "print versions and the compute device", "[--json]", run});

}  // namespace
}  // namespace winnow::cli
