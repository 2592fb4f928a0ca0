// Caption sets (core/retrieval/caption_set: Karpathy/RoCOCO JSON lists, COCO captions JSON,
// CSV) on arbitrary bytes, with an image folder holding one small PNG ("a.png").
#include "core/retrieval/caption_set.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const uint8_t mode = fuzz::takeByte(data, size);
    fuzz::writeSmallPng(dir / "a.png");
    const auto file = dir / "captions.txt";
    fuzz::writeFile(file, data, size);
    core::CaptionSetOptions options;
    options.imageFolder = dir.path();
    options.attacks = mode % 3 == 0 ? core::AttackLayout::Auto
                    : mode % 3 == 1 ? core::AttackLayout::None
                                    : core::AttackLayout::Rococo;
    try {
        const core::CaptionSet set = core::loadCaptionSet(file, options);
        (void)set.groundTruthCaptions();
        (void)set.adversarialCaptions();
        (void)set.missingImages();
    } catch (const core::Error&) {
    }
    return 0;
}
