#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/retrieval/caption_set.h"
#include "core/retrieval/dual_encoder.h"
#include "core/retrieval/retrieval_metrics.h"
#include "core/util/progress.h"

namespace winnow::core {

// The built-in image–text dual encoder, trained inside Winnow (for demos, tests and users
// without a CLIP model). No torch types here: the towers live in builtin_encoder.cpp.
//
//  * Image tower: one of the engine's backbones (core/train makeNet: cnn-small, resnet32,
//    resnet18) on a small square input (default 28 px, ImagePreprocessing::Squash, grey
//    replicated to three channels, mean 0.5 / std 0.25), whose linear head maps the backbone's
//    features to the embedding size D (default 64).
//  * Text tower: CLIP BPE ids (clip_tokenizer.h, RoCOCO normalisation, context 32) mapped to a
//    compact vocabulary of the ids seen in training (every other id shares one "unknown" row),
//    token embedding (width 128) -> 1-D convolution over 3 neighbouring tokens + ReLU ->
//    mean and max over the caption's tokens (start..end, padding masked) -> MLP -> D.
//    Why not a transformer: captions here are short attribute lists, a convolution sees the
//    word pairs that matter ("ankle boot", "top-heavy"), and on two CPU cores it trains in
//    seconds where attention over 32 positions would cost several times more for no gain on
//    1,000 images.
//  * Loss: CLIP's symmetric InfoNCE, logits = exp(s) * cos(image, text), with s learned
//    (initialised to log(1/0.07), clamped to [0, log 100] after each step as CLIP does).
//
// File format (one file; BuiltinEncoder::save): the line "WINNOW-BUILTIN-DUAL-ENCODER",
// the decimal byte length of a JSON header and a newline, the header (format version,
// architecture, dims, preprocessing, the tokenizer merges file's SHA-256, the vocabulary
// size, training settings), then a LibTorch archive of every parameter and buffer by name.

struct BuiltinTrainOptions {
    int epochs = 30;
    int batch = 64;
    double lr = 2e-3;             // AdamW
    double weightDecay = 1e-4;
    uint64_t seed = 1;
    int dim = 64;                 // embedding size D
    std::string backbone = "cnn-small";
    int imageSize = 28;
    int textWidth = 128;
    int contextLength = 32;
    int threads = 0;              // 0: LibTorch's default
    double validationShare = 0.1; // images held out for the validation R@1 (0: none)
    std::string device = "auto";  // auto | cpu | cuda
    std::filesystem::path merges; // CLIP's BPE merges file (required)
};

struct BuiltinTrainProgress {
    int epoch = 0;                // 0-based
    int epochs = 0;
    int64_t step = 0;             // steps done in total
    int64_t steps = 0;            // steps of the whole run
    bool epochEnd = false;        // the epoch's last report (validation filled in)
    double loss = 0;              // this step's loss, or the epoch's mean at epochEnd
    double temperature = 0;       // 1 / exp(s)
    double validationI2T_R1 = -1; // at epochEnd when images are held out, else -1
    double validationT2I_R1 = -1;
    double imagesPerSecond = 0;   // at epochEnd: training throughput of the epoch
};
using BuiltinProgressFn = std::function<void(const BuiltinTrainProgress&)>;

class BuiltinEncoder;

struct BuiltinTrainResult {
    std::unique_ptr<BuiltinEncoder> encoder;
    int64_t trainImages = 0;
    int64_t validationImages = 0;
    RecallScores validationI2T;   // of the last epoch (queries 0 without validation)
    RecallScores validationT2I;
    double seconds = 0;
    std::vector<CaptionSetIssue> issues;  // images skipped (missing, not decodable)
};

// Trains on the ground-truth captions of `set` (adversarial captions of a RoCOCO file are
// not used). Images are decoded from CaptionedImage::path; one that is missing or does not
// decode is an issue and is left out, the rest trains. A seeded share of the images is held
// out for validation (image->text and text->image R@1 with evaluateRetrieval after each
// epoch). Device chosen at run time (options.device). Throws Error for unusable settings or
// fewer than 2 usable training images; Cancelled when cancel is set (checked every step).
BuiltinTrainResult trainBuiltinEncoder(const CaptionSet& set, const BuiltinTrainOptions& options,
                                       const BuiltinProgressFn& progress = {}, const CancelToken* cancel = nullptr);

class BuiltinEncoder : public DualEncoder {
public:
    struct Impl;
    explicit BuiltinEncoder(std::unique_ptr<Impl> impl);
    ~BuiltinEncoder() override;

    // Reads a file written by save(). `merges` is the tokenizer's merges file; its SHA-256
    // must be the one the model was trained with. Throws Error naming the file when it is not
    // a built-in encoder file, is damaged, or the merges file differs.
    static std::unique_ptr<BuiltinEncoder> load(const std::filesystem::path& file,
                                                const std::filesystem::path& merges,
                                                const std::string& device = "auto");
    // Writes the model through an AtomicFile (complete or not at all).
    void save(const std::filesystem::path& file) const;

    // "builtin:" + SHA-256 hex of the file's bytes (the same before and after save/load).
    std::string identity() const override;
    std::string description() const override;
    int64_t dim() const override;
    const EncoderPreprocessing& preprocessing() const override;
    Embeddings encodeImages(const std::vector<Image>& images) override;
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report = nullptr) override;

    std::string backbone() const;
    double temperature() const;  // 1 / exp(s)

private:
    std::unique_ptr<Impl> m;
};

}  // namespace winnow::core
