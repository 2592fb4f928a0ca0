#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/retrieval/dual_encoder.h"
#include "core/util/progress.h"

namespace winnow::core {

class EmbeddingCache;

// Encodes image files in batches of `batchSize` (row i = files[i]). Rows found in `cache`
// (may be null) are not encoded again; new rows are added to it and flushed at the end (also
// when cancelled, so finished batches are kept). A file that cannot be read or decoded is an
// issue naming the file; its row stays zero and (*ok)[i] is false — callers must skip rows
// with ok false (a zero row is never a valid embedding). A model failure (NaN, zero output)
// throws Error. Polls `cancel` once per batch and throws Cancelled.
Embeddings encodeImageFiles(DualEncoder& encoder, const std::vector<std::filesystem::path>& files,
                            EmbeddingCache* cache, int batchSize, const ProgressFn& progress,
                            const CancelToken* cancel, std::vector<std::string>* issues,
                            std::vector<bool>* ok = nullptr);

// Encodes captions as written (row i = captions[i]), in batches, through `cache` like
// encodeImageFiles. report->truncated counts captions cut to the context length, cached ones
// included (recounted with the encoder's merges file). Throws Error for a model failure and
// Cancelled when cancelled.
Embeddings encodeCaptions(DualEncoder& encoder, const std::vector<std::string>& captions, EmbeddingCache* cache,
                          int batchSize, const ProgressFn& progress, const CancelToken* cancel,
                          TextBatchReport* report = nullptr);

}  // namespace winnow::core
