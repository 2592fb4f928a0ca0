#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/media/image.h"

namespace winnow::core {

// Pixel statistics of one image (OpenCV), all from its grey version unless said otherwise.
// A plain struct of floats so the scan cache can store it as raw rows.
struct ImageQuality {
    float brightness = 0;     // mean grey / 255, in [0,1]
    float contrast = 0;       // standard deviation of grey / 255
    float blur = 0;           // variance of the 3x3 Laplacian of grey (0..255 scale); low = blurry
    float entropy = 0;        // Shannon entropy of the 256-bin grey histogram, bits (0..8)
    float aspect = 1;         // max(w/h, h/w)
    float colourfulness = 0;  // mean of (|R-G|+|G-B|+|B-R|)/3 / 255; 0 for grey pixels
    float width = 0;
    float height = 0;
    float channels = 0;
    float reserved = 0;
};
static_assert(sizeof(ImageQuality) == 10 * sizeof(float));

ImageQuality measureImageQuality(const Image& image);

// The cheap model-free descriptor: the grey image resized (area average) to side x side,
// mean-centred and L2-normalised (all zeros for a flat image). side*side floats.
inline constexpr int kThumbnailSide = 16;
std::vector<float> greyThumbnailDescriptor(const Image& image, int side = kThumbnailSide);

// SHA-256 of the decoded pixels with their geometry (array records have no file of their own).
std::array<uint8_t, 32> pixelHash(const Image& image);

// Which quality flags an image raises, given dataset-wide context (see QualityOptions).
struct QualityOptions {
    float darkBelow = 0.12f;          // brightness
    float overexposedAbove = 0.92f;   // brightness
    float lowContrastBelow = 0.04f;   // contrast
    float lowEntropyBelow = 1.0f;     // entropy, bits
    float blurFractionOfMedian = 0.1f;// blur < this x the dataset's median blur
    float extremeAspectAbove = 4.0f;  // aspect
    int tinySideBelow = 16;           // min(width, height)
    float greyColourfulnessBelow = 0.01f; // at or below: a grey image (also when stored as RGB)
    // A grey image in a colour set (or the reverse) is a mismatch only when at least this
    // fraction of the set is of the other kind: a set mixing both is not a mistake (half of
    // opencv-doc's sample images are grey, and each colour one was flagged at a plain majority).
    float mismatchMajority = 0.9f;
};

enum class QualityFlag : uint8_t {
    Dark = 1, Overexposed = 2, LowContrast = 4, Blurry = 8, LowEntropy = 16,
    ExtremeAspect = 32, Tiny = 64, GreyColourMismatch = 128
};
// Name of one flag as written in results and exports ("dark", "blurry", ...).
const char* qualityFlagName(QualityFlag f);
std::vector<QualityFlag> allQualityFlags();

// Flags per image. `medianBlur` and `mostlyGrey` describe the whole set (a grey image in a
// colour set, or a colour one in a grey set, is a mismatch); `mixedSet`: neither kind reaches
// QualityOptions::mismatchMajority, so there is no mismatch to flag.
uint8_t qualityFlags(const ImageQuality& q, const QualityOptions& o, float medianBlur, bool mostlyGrey,
                     bool mixedSet = false);

}  // namespace winnow::core
