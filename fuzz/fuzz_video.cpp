// Video probe and decode (FFmpeg, core/media + core/dataset/video_import) on arbitrary bytes:
// the importer's check (probe, packet scan, first and last frame), then the decoder reading a
// few frames in and out of order as the clip loader does.
#include <algorithm>
#include <vector>

#include "core/dataset/video_import.h"
#include "core/media/video_decoder.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const auto file = dir / "clip.avi";
    fuzz::writeFile(file, data, size);
    const core::VideoCheck check = core::checkVideo(file, core::VerifyMode::Full);  // never throws
    if (!check.ok) return 0;
    try {
        core::DecoderOptions options;
        options.maxSide = 32;
        core::VideoDecoder decoder(file, options);
        const int64_t n = std::max<int64_t>(1, std::min<int64_t>(check.info.frameCount, 1 << 20));
        decoder.frames({n - 1, 0, n / 2, n + 5});
        decoder.frame(n / 3);
    } catch (const core::Error&) {
    }
    return 0;
}
