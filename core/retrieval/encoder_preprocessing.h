#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/media/image.h"
#include "core/retrieval/clip_tokenizer.h"
#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// Writes `image` (grey or RGB, 8-bit, any size) as float32 [3, size, size] into out
// (3 * size * size floats): resized as p.resize says (area filter when shrinking, bicubic
// when enlarging), grey replicated to three channels, scaled to [0, 1], then
// (x - mean) / std per channel. Throws Error for an empty image or a size outside 1..4096.
void preprocessImage(const Image& image, const ImagePreprocessing& p, float* out);

// Captions packed for encode_text: normaliseCaption (RoCOCO), then tokenizer.pack with the
// context length and pad id of p; start and end ids must be the tokenizer's (else Error).
// Row-major [captions x contextLength]. report->truncated counts captions that were cut.
std::vector<int64_t> packCaptions(const ClipTokenizer& tokenizer, const std::vector<std::string>& captions,
                                  const TextPreprocessing& p, TextBatchReport* report = nullptr);

// L2-normalises each row of a row-major [rows x dim] matrix in place. Returns the number of
// rows that were zero or not finite (left unchanged), so callers can refuse them.
int64_t normaliseRows(float* values, int64_t rows, int64_t dim);

}  // namespace winnow::core
