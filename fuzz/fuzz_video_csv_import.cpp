// A video CSV manifest (path,label[,split][,start][,end]) through the real import driver, with
// one tiny video ("a.avi") beside it for rows to cut into clips.
#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const uint8_t mode = fuzz::takeByte(data, size);
    fuzz::copySmallVideo(dir / "a.avi");
    fuzz::writeFile(dir / "clips.csv", data, size);
    auto project = fuzz::freshProject(dir / "p.winnow");
    core::ImportOptions options;
    options.format = "video-csv";
    options.source = dir / "clips.csv";
    options.verify = (mode & 1) ? core::VerifyMode::Full : core::VerifyMode::Header;
    options.framesPerClip = 1 + mode / 32;
    try {
        core::importDataset(*project, options);
    } catch (const core::Error&) {
    }
    fuzz::checkImportedSamples(*project);
    return 0;
}
