#pragma once
#include <string>

namespace winnow::core {

// Compute device chosen at run time: "auto" picks CUDA when LibTorch sees a GPU.
struct DeviceInfo {
    std::string torchVersion;
    bool cudaAvailable = false;
    int cudaDevices = 0;
    int cpuThreads = 0;
};

DeviceInfo deviceInfo();
// Resolves "auto" | "cpu" | "cuda" to "cpu" or "cuda"; throws Error when CUDA is asked for
// but absent.
std::string resolveDevice(const std::string& requested);

}  // namespace winnow::core
