#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/curation/encoder_features.h"
#include "core/curation/features.h"
#include "core/util/progress.h"

namespace winnow::core {

class DualEncoder;
class Project;

// Similarity search over a features matrix (issue 14): by text, with the text side of the
// dual encoder whose image side made the features, or by sample, with that sample's row.
// Scores are inner products of unit rows (cosine similarity), highest first, ties by
// ascending sample id.

struct SearchHit {
    int64_t id = 0;
    float score = 0;
    std::string path;  // the sample's media path (filled by projectSimilaritySearch)
};

// The k rows with the highest inner product with `query` (features.dim floats); `excludeId`
// (a sample id, or -1) is left out.
std::vector<SearchHit> searchByVector(const FeatureMatrix& features, const float* query, int k, int64_t excludeId = -1);
// Encodes `text` with `encoder` and searches. Throws Error when the features are not this
// encoder's ("text search needs a dual encoder ...").
std::vector<SearchHit> searchByText(const FeatureMatrix& features, DualEncoder& encoder, const std::string& text, int k);
// The sample's own row against every other row. Throws Error when the sample has no row.
std::vector<SearchHit> searchBySample(const FeatureMatrix& features, int64_t sampleId, int k);

struct SimilarityQuery {
    std::string features = "thumbnail";  // as loadFeatures: thumbnail | run:<id> | encoder:<model>
    std::string text;                    // non-empty: search by text (needs encoder:<model>)
    int64_t sampleId = -1;               // else: search by this sample
    int k = 20;
};

struct SimilarityResult {
    std::string features;     // the features' name
    std::string description;  // what they are
    int64_t rows = 0;         // how many samples were searched
    std::vector<SearchHit> hits;
    EncoderFeaturesReport encoder;  // encoder features only
};

// Scans (cached), loads the features (encoder features cached) and searches. Throws Error for
// text with features that are not a dual encoder's, for a sample without a row, and for a
// model that cannot be opened (naming the file and the reason).
SimilarityResult projectSimilaritySearch(Project& project, const SimilarityQuery& query,
                                         const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// The message for text search with features that have no text side.
std::string textSearchNeedsEncoderMessage(const std::string& features);

}  // namespace winnow::core
