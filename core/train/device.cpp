#include "core/train/device.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace winnow::core {

DeviceInfo deviceInfo() {
    DeviceInfo d;
    d.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
                     "." + std::to_string(TORCH_VERSION_PATCH);
    d.cudaAvailable = torch::cuda::is_available();
    d.cudaDevices = d.cudaAvailable ? int(torch::cuda::device_count()) : 0;
    d.cpuThreads = at::get_num_threads();
    return d;
}

std::string resolveDevice(const std::string& requested) {
    if (requested == "cpu") return "cpu";
    bool cuda = torch::cuda::is_available();
    if (requested == "cuda") {
        if (!cuda) throw Error("--device cuda was requested but no CUDA device is available");
        return "cuda";
    }
    if (requested == "auto" || requested.empty()) return cuda ? "cuda" : "cpu";
    throw Error("unknown device '" + requested + "' (use auto, cpu or cuda)");
}

}  // namespace winnow::core
