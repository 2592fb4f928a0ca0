// An image CSV manifest (path,label[,split]) through the real import driver: importDataset on a
// fresh project, with one small PNG ("a.png") beside the manifest for rows to point at.
// Bad rows must become issues; only an unreadable source may throw core::Error.
#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const uint8_t mode = fuzz::takeByte(data, size);
    fuzz::writeSmallPng(dir / "a.png");
    fuzz::writeFile(dir / "manifest.csv", data, size);
    auto project = fuzz::freshProject(dir / "p.winnow");
    core::ImportOptions options;
    options.format = "csv";
    options.source = dir / "manifest.csv";
    options.verify = (mode & 1) ? core::VerifyMode::Full : core::VerifyMode::Header;
    if (mode & 2) options.split = core::Split::Val;
    try {
        core::importDataset(*project, options);
    } catch (const core::Error&) {
    }
    fuzz::checkImportedSamples(*project);
    return 0;
}
