#pragma once
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/util/progress.h"

namespace winnow::core {

// A captioned image set built from Debian's Fashion-MNIST test split (core/dataset/demo.h),
// so the retrieval module (built-in encoder, attacks, metrics) runs on a fresh machine.
//
// Layout written into outFolder (which must be missing or empty; nothing is written outside):
//   images/00001.png ...      the chosen 28 x 28 grey test images, PNG
//   captions.json             Karpathy list: [{"image": "images/00001.png", "caption": [5],
//                             "class": "Sneaker", "source_index": 4321, "attributes": [..]}]
//
// Captions name the class (one of its words, captionDemoClassWords) plus attributes measured
// from the pixels (measureDemoAttributes), so two images of a class usually get different
// captions. The rules, on the 8-bit grey image p(x, y) (background black):
//   foreground F   = pixels with p > 40; an image without any has no attributes.
//   brightness     = mean p over F:           < 140 dark,        > 190 bright
//   size           = |F| / (width * height):  < 0.33 small,      > 0.55 large
//   shape          = bbox width / height of F: < 0.70 narrow,    > 1.30 wide
//   symmetry       = sum over the bbox of |p(x, y) - p(x0 + x1 - x, y)| / (2 sum p):
//                                             < 0.07 symmetric,  > 0.28 asymmetric
//   texture        = mean |dx| + |dy| (forward differences) over pixels whose right and lower
//                    neighbours are in F too (the item's inside, not its outline):
//                                             < 40 plain,        > 60 patterned
//   balance        = share of the bbox's pixel mass in its upper half (rows with
//                    2y + 1 < y0 + y1 + 1; the middle row of an odd bbox counts for neither):
//                                             < 0.40 bottom-heavy, > 0.52 top-heavy
// The thresholds are about the 30th and 70th percentiles of the test split, so each word is
// used for roughly a third of the images. Each caption takes the class word (a seeded choice
// among its synonyms), 0-3 of the image's attribute words (each as a seeded synonym) and one
// of several sentence templates. Everything is decided by one 64-bit Mersenne Twister seeded
// with options.seed (no std:: distributions, whose output differs between libraries), so a
// seed gives the same files on every platform.

enum class DemoAttribute { Brightness, Size, Shape, Symmetry, Texture, Balance };
inline constexpr int kDemoAttributeCount = 6;

struct DemoAttributes {
    // The measurements (NaN-free; 0 when the image has no foreground).
    int foreground = 0;          // |F|
    double brightness = 0;       // mean p over F
    double fill = 0;             // |F| / (w * h)
    double aspect = 0;           // bbox width / height
    double asymmetry = 0;        // 0 = mirror-symmetric
    double texture = 0;          // mean gradient inside the item
    double topShare = 0.5;       // upper half's share of the mass
    // The canonical word per attribute ("" when the value is in the middle band):
    // dark/bright, small/large, narrow/wide, symmetric/asymmetric, plain/patterned,
    // bottom-heavy/top-heavy.
    std::string words[kDemoAttributeCount];
    std::vector<std::string> present() const;  // the non-empty words, in attribute order
};

DemoAttributes measureDemoAttributes(const uint8_t* grey, int width, int height);

// The words a caption may use for a canonical attribute word ("dark" -> dark, dim, ...),
// and for a Fashion-MNIST class (0..9: "T-shirt/top" -> t-shirt, top, tee). The first is
// the canonical one.
const std::vector<std::string>& demoAttributeSynonyms(const std::string& canonicalWord);
const std::vector<std::string>& captionDemoClassWords(int classIndex);
const std::vector<std::string>& fashionMnistClassNames();

// Five captions for an image of class `classIndex` with attributes `a`, drawn with `rng`
// (advanced).
std::vector<std::string> demoCaptions(int classIndex, const DemoAttributes& a, std::mt19937_64& rng);

struct CaptionDemoOptions {
    int count = 1000;    // test images, 1..10000, a seeded random choice kept in source order
    uint64_t seed = 1;
};

struct CaptionDemoReport {
    std::filesystem::path captionsFile;
    int images = 0;
    int captions = 0;
};

// Builds the demo set in outFolder (created when missing; refused with Error when it exists
// and is not an empty folder). Throws Error with an install hint when Fashion-MNIST is absent,
// naming the file when one is unreadable. Cancelled (via cancel) or failed: everything it
// created is removed and the exception propagates.
CaptionDemoReport buildCaptionDemo(const std::filesystem::path& outFolder, const CaptionDemoOptions& options = {},
                                   const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
