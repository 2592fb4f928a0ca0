// The image probe on arbitrary bytes (from memory and from a file), and the full decode that
// `import --verify full` and the loader run when the probe accepts the header.
// probe*/verify* promise never to throw.
#include <cstdio>
#include <cstdlib>

#include "core/media/image_probe.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const core::ImageProbe mem = core::probeImageBuffer(data, size);
    fuzz::InputDir dir;
    const auto file = dir / "image.bin";
    fuzz::writeFile(file, data, size);
    const core::ImageProbe disk = core::probeImageFile(file);
    // The file probe also refuses formats this build cannot decode; otherwise both agree.
    if (mem.format != disk.format || (disk.ok && !mem.ok)) {
        std::fprintf(stderr, "probe of the same bytes differs: memory %d '%s', file %d '%s'\n", int(mem.ok),
                     mem.error.c_str(), int(disk.ok), disk.error.c_str());
        std::abort();
    }
    // A size the header does not give is 0; an accepted image never has a negative one (it
    // would be stored as the sample's size).
    if (disk.ok && (disk.width < 0 || disk.height < 0 || disk.channels < 0)) {
        std::fprintf(stderr, "probe accepted a negative size %dx%dx%d\n", disk.width, disk.height, disk.channels);
        std::abort();
    }
    if (disk.ok && core::pixelLimitError(disk).empty()) {
        const core::ImageProbe full = core::verifyImageFile(file);
        if (full.ok && (full.width <= 0 || full.height <= 0)) {
            std::fprintf(stderr, "decoded image without a size\n");
            std::abort();
        }
    }
    return 0;
}
