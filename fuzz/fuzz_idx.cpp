// An MNIST-style IDX pair through the real import driver. Input: one byte n, then n bytes of
// the labels file (train-labels-idx1-ubyte), then the images file (train-images-idx3-ubyte).
#include <algorithm>
#include <string_view>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const size_t labels = std::min<size_t>(fuzz::takeByte(data, size), size);
    fuzz::writeFile(dir / "train-labels-idx1-ubyte", data, labels);
    fuzz::writeFile(dir / "train-images-idx3-ubyte", data + labels, size - labels);
    auto project = fuzz::freshProject(dir / "p.winnow");
    core::ImportOptions options;
    options.format = "idx";
    options.source = dir / "train-images-idx3-ubyte";
    try {
        core::importDataset(*project, options);
    } catch (const core::Error&) {
    }
    fuzz::checkImportedSamples(*project);
    return 0;
}
