// A CIFAR binary batch through the real import driver. Input: one byte choosing the file name
// (CIFAR-10 "data_batch_1.bin", CIFAR-100 "train.bin", or "batch.bin" told apart by its size),
// one byte n, n bytes of the class-names file, then the batch itself.
#include <algorithm>
#include <string_view>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    static const char* kNames[] = {"data_batch_1.bin", "train.bin", "batch.bin"};
    const char* name = kNames[fuzz::takeByte(data, size) % 3];
    const bool hundred = std::string_view(name) == "train.bin";
    const size_t names = std::min<size_t>(fuzz::takeByte(data, size), size);
    fuzz::writeFile(dir / (hundred ? "fine_label_names.txt" : "batches.meta.txt"), data, names);
    fuzz::writeFile(dir / name, data + names, size - names);
    auto project = fuzz::freshProject(dir / "p.winnow");
    core::ImportOptions options;
    options.format = "cifar";
    options.source = dir / name;
    try {
        core::importDataset(*project, options);
    } catch (const core::Error&) {
    }
    fuzz::checkImportedSamples(*project);
    return 0;
}
