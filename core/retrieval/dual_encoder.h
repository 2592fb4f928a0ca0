#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/media/image.h"

namespace winnow::core {

// The contract every image–text dual encoder meets in Winnow: a user's TorchScript CLIP-family
// model (torchscript_encoder.h) or the built-in one trained inside Winnow (builtin_encoder.h).
// The attacks (EI word choice), the embedding cache and the evaluation only see this interface.

// How an image becomes the float32 [3, size, size] input of encode_image.
struct ImagePreprocessing {
    enum class Resize {
        ShortSideCenterCrop,  // scale the short side to `size` (bicubic), centre-crop (CLIP)
        Squash,               // scale both sides to `size` (aspect not kept)
    };
    int size = 224;
    Resize resize = Resize::ShortSideCenterCrop;
    std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f};  // applied to [0, 1] RGB
    std::array<float, 3> std{0.26862954f, 0.26130258f, 0.27577711f};
};

// How a caption becomes the int64 [contextLength] input of encode_text: normaliseCaption,
// CLIP BPE, start + ids + end, truncated to contextLength (end id kept last), padded.
struct TextPreprocessing {
    int contextLength = 77;
    int64_t startId = 49406;
    int64_t endId = 49407;
    int64_t padId = 0;
    std::filesystem::path merges;  // BPE merges file (.gz or plain) the tokenizer reads
    std::string mergesSha256;      // of that file, set by whoever loads it (part of canonical())
};

struct EncoderPreprocessing {
    ImagePreprocessing image;
    TextPreprocessing text;
    // Canonical, locale-independent text of every field above (not the merges path, but the
    // merges file's SHA-256 when one is set): part of every embedding cache key and every
    // stored result, so results name the preprocessing they used.
    std::string canonical() const;
};

// Row-major [rows x dim] float32 embeddings, each row L2-normalised by Winnow (a zero row
// stays zero and is reported by the encoder as an error).
struct Embeddings {
    int64_t rows = 0;
    int64_t dim = 0;
    std::vector<float> values;
    const float* row(int64_t i) const { return values.data() + i * dim; }
};

struct TextBatchReport {
    int64_t truncated = 0;  // captions longer than contextLength (cut, end id kept)
};

class DualEncoder {
public:
    virtual ~DualEncoder() = default;
    // Stable identity recorded with every result and used in cache keys:
    // "sha256:<64 hex>" of the model file for TorchScript, "builtin:<64 hex>" of the weights.
    virtual std::string identity() const = 0;
    // One line for people: file name, embedding size, device.
    virtual std::string description() const = 0;
    virtual int64_t dim() const = 0;
    virtual const EncoderPreprocessing& preprocessing() const = 0;
    // Encodes a batch of decoded images (grey or RGB, any size; preprocessing applied here).
    // Returns L2-normalised rows in input order. Throws Error naming the model and the reason
    // (NaN output, wrong shape).
    virtual Embeddings encodeImages(const std::vector<Image>& images) = 0;
    // Encodes captions as written (normaliseCaption and tokenising happen here).
    virtual Embeddings encodeTexts(const std::vector<std::string>& captions,
                                   TextBatchReport* report = nullptr) = 0;
};

}  // namespace winnow::core
