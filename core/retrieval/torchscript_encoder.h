#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// A user's CLIP-family dual encoder exported as TorchScript (docs/retrieval-models.md): one
// .pt with encode_image(float32 [B,3,H,W]) -> [B,D] and encode_text(int64 [B,L]) -> [B,D].
// Extra arguments with defaults (normalize=False) are left at their default; a bool argument
// without one is passed false.
//
// Loading: the file's SHA-256 becomes identity() "sha256:<hex>"; the archive is read with
// LibTorch on the CPU and moved to the device (CUDA when LibTorch sees one, else CPU; or as
// Options::device says). Preprocessing comes from Options::preprocessingFile, else from the
// archive's extra file winnow_preprocessing.json, else CLIP's defaults; the merges file
// defaults to the bundled copy (preprocessing_file.h). Then both methods are called on two
// grey images and two captions and their outputs checked: a tensor, 2-D, one row per input,
// the same D for image and text, floating point (float16/bfloat16/float64 outputs are
// converted to float32; integer or bool outputs are refused), finite. Every failure is an
// Error naming the file and the reason: not a TorchScript archive, a weights-only torch.save
// checkpoint, written by a newer PyTorch, saved for CUDA (original OpenAI archives), missing
// method, wrong rank/rows/dimension, wrong dtype, NaN/Inf, zero embeddings.
//
// encodeImages/encodeTexts return rows L2-normalised by Winnow; a zero or non-finite output
// row is an Error naming the model. Not thread-safe: one caller at a time.
class TorchScriptEncoder : public DualEncoder {
public:
    struct Options {
        std::filesystem::path preprocessingFile;  // empty: the archive's, else CLIP defaults
        std::string device = "auto";               // auto | cpu | cuda
    };

    explicit TorchScriptEncoder(const std::filesystem::path& modelFile);
    TorchScriptEncoder(const std::filesystem::path& modelFile, const Options& options);
    ~TorchScriptEncoder() override;
    TorchScriptEncoder(const TorchScriptEncoder&) = delete;
    TorchScriptEncoder& operator=(const TorchScriptEncoder&) = delete;

    std::string identity() const override;
    std::string description() const override;
    int64_t dim() const override;
    const EncoderPreprocessing& preprocessing() const override;
    Embeddings encodeImages(const std::vector<Image>& images) override;
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report = nullptr) override;

    const std::filesystem::path& modelFile() const;
    std::string device() const;  // "cpu" or "cuda"
    // Where the preprocessing came from: the JSON file's path, "archive (winnow_preprocessing.json)"
    // or "CLIP defaults".
    const std::string& preprocessingSource() const;
    // Non-empty when outputs are converted, e.g. "float64 outputs converted to float32".
    const std::string& outputNote() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace winnow::core
