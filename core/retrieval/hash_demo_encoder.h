#pragma once
#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// "hash-demo": a deterministic stand-in dual encoder for tests and for trying the retrieval
// commands without a model. NOT a real model — images and captions live in unrelated spaces,
// so its retrieval is near chance. Images: 8 x 8 grid of mean grey levels, centred;
// captions: normaliseCaption, words hashed (FNV-1a) into 64 signed buckets. Both rows
// L2-normalised (an empty row becomes the first unit vector). Identity "demo:hash-demo-v1".
class HashDemoEncoder : public DualEncoder {
public:
    static constexpr int64_t kDim = 64;
    std::string identity() const override { return "demo:hash-demo-v1"; }
    std::string description() const override { return "hash-demo (test baseline, not a model), D=64, CPU"; }
    int64_t dim() const override { return kDim; }
    const EncoderPreprocessing& preprocessing() const override { return m_pre; }
    Embeddings encodeImages(const std::vector<Image>& images) override;
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report = nullptr) override;

private:
    EncoderPreprocessing m_pre;
};

}  // namespace winnow::core
