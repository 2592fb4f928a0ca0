#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// A deterministic stand-in dual encoder for tests and demos without a trained model
// (winnow-cli retrieval attack --model builtin-hash). NOT a model of images and text:
//  * text: a hashed bag of words — the words of the normalised caption (diffWords), each
//    adding ±1 to one of `dim` buckets chosen by a 64-bit FNV-1a hash of the word (the sign from
//    another bit of it); a text without words is the bag of the one word "<empty>";
//  * images: pixel statistics (per-channel mean and spread and a 4×4 grid of mean brightness)
//    in the first dimensions;
// each row L2-normalised. Text and image embeddings are not aligned, so retrieval with it is
// meaningless; it exercises the attack and evaluation plumbing quickly and reproducibly.
class HashedTextEncoder : public DualEncoder {
public:
    explicit HashedTextEncoder(int64_t dim = 256);
    std::string identity() const override;      // "builtin-hash:v1:dim=<dim>"
    std::string description() const override;
    int64_t dim() const override { return m_dim; }
    const EncoderPreprocessing& preprocessing() const override { return m_preprocessing; }
    Embeddings encodeImages(const std::vector<Image>& images) override;
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report = nullptr) override;

    // The bucket and sign a word adds to (exposed for tests).
    static uint64_t wordHash(const std::string& word);

private:
    int64_t m_dim;
    EncoderPreprocessing m_preprocessing;
};

}  // namespace winnow::core
