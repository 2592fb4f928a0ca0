#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/media/image.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/dual_encoder.h"
#include "core/retrieval/retrieval_store.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// A RoCOCO evaluation of one dual encoder on one caption set (METHODS §12), stored in the
// project (retrieval_store.h): clean and attacked R@1/5/10, FR@1 and the drop of R@1, for
// image -> text (caption attacks) and text -> image (image attacks, per seed and the mean).

// What the results say about captions and ties, stored with every run and written beside the
// numbers wherever they are shown.
extern const char* const kCaptionNormalisationNote;
extern const char* const kTiesNote;

// A caption attack: the adversarial captions of a caption set in RoCOCO layout. Images are
// matched to the evaluated set by the image name as written in the files.
struct CaptionAttackInput {
    std::string name;              // "same-concept" ... (StoredCaptionSet::attackName)
    const CaptionSet* set = nullptr;
    int64_t setId = 0;             // the stored set the adversarial captions come from
};

// An image attack of one kind and seed: the gallery gets one altered copy of every image.
// The renderer (image_attack.h) is wired in by the caller; this module only asks for pixels.
struct ImageAttackInput {
    std::string name;              // "mix", "patch"
    std::string kind;              // mix | patch
    double lambda = 0.9;
    int64_t seed = 1;
    // The altered copy of image `imageIndex` (index into the set's images). May throw Error:
    // that copy is left out of the gallery with an issue.
    std::function<Image(size_t imageIndex)> render;
    // The partner blended into image `imageIndex` (-1 or empty: unknown).
    std::function<int32_t(size_t imageIndex)> partner;
};

// An image to encode: a key naming it (for an embedding cache) and how to get its pixels.
struct ImageRequest {
    std::string key;               // the resolved path, or "<kind>:<lambda>:<seed>:<pairing>:<path>"
    std::function<Image()> load;   // throws Error naming the file when it cannot be decoded
};
// Encoders of one batch; the defaults call the DualEncoder directly, the integrator plugs in
// the embedding cache. Images: rows in request order; a request that could not be loaded gets
// a message in `errors` (same index; empty = fine) and a row that is ignored.
struct ImageBatch {
    Embeddings embeddings;
    std::vector<std::string> errors;
};
using EncodeImagesFn = std::function<ImageBatch(DualEncoder&, const std::vector<ImageRequest>&)>;
using EncodeTextsFn =
    std::function<Embeddings(DualEncoder&, const std::vector<std::string>& captions, TextBatchReport*)>;
ImageBatch encodeImagesDirectly(DualEncoder& encoder, const std::vector<ImageRequest>& requests);
Embeddings encodeTextsDirectly(DualEncoder& encoder, const std::vector<std::string>& captions,
                               TextBatchReport* report);

struct RetrievalEvalInput {
    int64_t setId = 0;
    const CaptionSet* set = nullptr;  // clean set, or a RoCOCO file (its own attack comes first)
    std::string setAttackName;        // name of the set's own attack when it is a RoCOCO file
    std::vector<CaptionAttackInput> captionAttacks;
    std::vector<ImageAttackInput> imageAttacks;  // one per kind and seed
    std::string pairing = "default";             // recorded: default | paper
};

struct RetrievalEvalOptions {
    int64_t batchSize = 64;
    EncodeImagesFn encodeImages;   // empty: encodeImagesDirectly
    EncodeTextsFn encodeTexts;     // empty: encodeTextsDirectly
    ProgressFn progress;
    const CancelToken* cancel = nullptr;
};

struct RetrievalEvalResult {
    int64_t runId = 0;
    int64_t imagesUsed = 0;
    int64_t imagesExcluded = 0;    // missing or undecodable images (their captions too)
    std::vector<CaptionSetIssue> issues;
    std::vector<RetrievalResultRow> results;  // as stored
};

// Runs the evaluation and stores it: a run row ('running' from the start; 'completed', or
// 'cancelled' / 'failed' with the reason, before Cancelled / Error propagate), one result row
// per (attack, direction, seed) plus a mean row per image attack over its seeds, and each
// per-seed row's per-query outcomes in <cache>/retrieval/. Captions are normalised with
// normaliseCaption (RoCOCO) before encoding. Images missing from disk or not decodable are
// left out with an issue each (their captions leave both galleries); the count is stored.
RetrievalEvalResult runRetrievalEvaluation(Project& project, DualEncoder& encoder, const RetrievalEvalInput& input,
                                           const RetrievalEvalOptions& options = {});

}  // namespace winnow::core
