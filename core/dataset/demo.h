#pragma once
#include <filesystem>

#include "core/dataset/importer.h"

namespace winnow::core {

// Debian's dataset-fashion-mnist package location (IDX files, gzip).
std::filesystem::path fashionMnistDir();
bool fashionMnistAvailable();

// Creates `projectFile` and imports Fashion-MNIST train (60,000) and test (10,000) with the
// real class names. Throws Error with an install hint when the package is absent.
ImportReport buildFashionMnistDemo(const std::filesystem::path& projectFile,
                                   const ProgressFn& progress = {},
                                   const CancelToken* cancel = nullptr);

}  // namespace winnow::core
