#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// "hash-demo": the one deterministic stand-in dual encoder, for tests and for trying the
// retrieval commands without a model (evaluation, attacks). NOT a model of images and text:
// images and captions live in unrelated spaces, so its retrieval is near chance.
//  * captions: the words of the normalised caption as the attacks and the word diff see them
//    (diffWords(normaliseCaption(c)): runs of letters and digits, so "horse," and "horse" are
//    one word), each adding +1 or -1 to one of 64 buckets chosen by the word's 64-bit FNV-1a
//    hash (bucket = hash mod 64, sign = the hash's top bit); a caption without words, or whose
//    words cancel out, is the bag of the one word "<empty>";
//  * images: the mean grey level of each cell of an 8 x 8 grid, minus their mean (a uniform
//    image, whose cells are all equal, becomes the first unit vector);
// every row L2-normalised. Identity "demo:hash-demo-v2" (v1 was the earlier copy whose words
// were split at spaces only, so it gives different caption embeddings; results stored under
// v1 stay apart from v2's in the embedding cache).
//
// "builtin-hash" is accepted as another name for it (the attack command's stand-in was once a
// second implementation under that name; see isHashDemoName).
class HashDemoEncoder : public DualEncoder {
public:
    static constexpr int64_t kDim = 64;
    std::string identity() const override { return "demo:hash-demo-v2"; }
    std::string description() const override { return "hash-demo (test baseline, not a model), D=64, CPU"; }
    int64_t dim() const override { return kDim; }
    const EncoderPreprocessing& preprocessing() const override { return m_pre; }
    Embeddings encodeImages(const std::vector<Image>& images) override;
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report = nullptr) override;

    // The 64-bit FNV-1a hash that picks a word's bucket and sign (exposed for tests).
    static uint64_t wordHash(const std::string& word);

private:
    EncoderPreprocessing m_pre;
};

// True for the model values that name the stand-in: "hash-demo" and its alias "builtin-hash".
bool isHashDemoName(const std::string& model);

}  // namespace winnow::core
