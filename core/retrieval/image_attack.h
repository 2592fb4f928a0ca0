#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/media/image.h"
#include "core/util/progress.h"

namespace winnow::core {

// Gallery attacks for text→image retrieval (METHODS.md §12): every original image x gets one
// altered copy built with a partner image y of the same gallery:
//   Mix    x̃ = λ·x + (1 − λ)·y                 (every pixel)
//   Patch  x̃ = M ⊙ x + (1 − M) ⊙ y             (1 − M: a box of area (1 − λ) of the image,
//                                               at a random place, fully inside; y at the
//                                               same place)
// λ default 0.9; seeds 1, 10, 100 (one plan per seed; results averaged and shown per seed).
// Pairing modes:
//   PaperCompatible  both images resized (squashed) to a square of the model's input size;
//                    the gallery is shuffled by the seed and cut into batches of 64 in that
//                    order; within a batch the partners are a random permutation of the batch,
//                    so an image may be its own partner (as the paper's code did).
//   Default          sizes and aspect kept: the partner is resized to the image's size;
//                    the partner is drawn uniformly among all OTHER images (never itself).
// The plan (pairs, boxes) depends only on the gallery size and the options; rendering one
// altered image needs only its base and partner, so evaluation can stream them in batches.
// Pixels are 8-bit: each mixed value is rounded to the nearest integer (at most 0.5/255 from
// the float mix the paper computes on normalised tensors).

enum class ImageAttackKind { Mix, Patch };
enum class ImagePairing { PaperCompatible, Default };
const char* imageAttackKindName(ImageAttackKind k);  // "mix", "patch"
const char* imagePairingName(ImagePairing p);        // "paper", "default"
std::optional<ImageAttackKind> parseImageAttackKind(std::string_view name);
std::optional<ImagePairing> parseImagePairing(std::string_view name);

inline constexpr double kDefaultAttackLambda = 0.9;
inline constexpr uint64_t kDefaultAttackSeeds[3] = {1, 10, 100};
inline constexpr size_t kPaperBatchSize = 64;

struct ImageAttackOptions {
    ImageAttackKind kind = ImageAttackKind::Mix;
    ImagePairing pairing = ImagePairing::Default;
    double lambda = kDefaultAttackLambda;  // share of the original, in (0, 1)
    uint64_t seed = 1;
    int squareSize = 224;                  // PaperCompatible: the model's input size
    size_t batchSize = kPaperBatchSize;    // PaperCompatible: shuffled batch size
};

// The box of a Patch, as fractions of the image's width and height (the same place on any
// size): x, y of the top-left corner and the side fractions; width = height = sqrt(1 − λ).
struct RelativeBox {
    double x = 0, y = 0, width = 0, height = 0;
};

// The box in pixels for a w × h image: sides round(width·w), round(height·h) (at least 1 when
// λ < 1), corner round(x·w), round(y·h) kept inside the image.
struct PixelBox {
    int x = 0, y = 0, width = 0, height = 0;
};
PixelBox pixelBox(const RelativeBox& box, int width, int height);

struct AlteredImage {
    size_t base = 0;     // index of the original in the gallery
    size_t partner = 0;  // index of the image mixed or pasted in
    ImageAttackKind kind = ImageAttackKind::Mix;
    ImagePairing pairing = ImagePairing::Default;
    double lambda = kDefaultAttackLambda;
    uint64_t seed = 1;
    size_t batch = 0;          // PaperCompatible: index of the shuffled batch (else 0)
    RelativeBox box;           // Patch only
    int squareSize = 0;        // PaperCompatible: the square side; 0 = the base's own size
};

// One altered image per gallery image, in gallery order (entry i has base i). Throws
// InvalidSetting-like Error for λ outside (0, 1), a square size outside 1..4096, a batch size of
// 0, or Default pairing with fewer than two images.
std::vector<AlteredImage> planImageAttack(size_t galleryImages, const ImageAttackOptions& options);

// Renders one altered image from its decoded base and partner (grey or RGB, any sizes; grey is
// replicated to RGB when the other is RGB). PaperCompatible: both squashed to squareSize²
// first; Default: the partner resized to the base's size. Resizing: area filter when
// shrinking, bicubic when enlarging. Throws Error for an empty or malformed image.
Image renderAlteredImage(const Image& base, const Image& partner, const AlteredImage& plan);

// The plan as JSON (one object per altered image: base, partner, kind, pairing, lambda, seed,
// batch, box) for results and inspection.
std::string imageAttackPlanJson(const std::vector<AlteredImage>& plan);

// Writes altered images as PNG files into `folder` (created if missing), named
// "<base index>_<kind>_s<seed>.png", for inspection. `load(i)` decodes gallery image i;
// an image that fails is reported through `issues` (file and reason) and the rest go on.
// Returns the number written.
size_t writeAlteredImagesPng(const std::vector<AlteredImage>& plan, const std::function<Image(size_t)>& load,
                             const std::filesystem::path& folder, std::vector<std::string>* issues = nullptr,
                             const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
