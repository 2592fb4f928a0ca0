#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

// Retrieval metrics exactly as RoCOCO defines them (METHODS.md §12), for both directions:
//  * image -> text: queries = images, base gallery = ground-truth captions, each attack adds
//    its adversarial captions to the gallery;
//  * text -> image: queries = ground-truth captions, base gallery = original images, each
//    attack adds one altered copy per image.
// A query's rank is the best rank among its ground-truth items; R@K = share of queries with
// rank < K; FR@1 = share of queries whose top-1 item comes from the attack. Ties are
// pessimistic: an item whose score equals the best ground truth's ranks before it, and an
// attack item tying with the best other item is the top-1.
// Scores are cosine similarities: embeddings must be L2-normalised by the caller. A NaN score
// counts against the ground truth (a NaN item ranks before it; a NaN best truth ranks last).

struct RecallScores {
    int64_t queries = 0;
    double r1 = 0, r5 = 0, r10 = 0;  // fractions in [0, 1]
    double fr1 = 0;                  // fraction of queries whose top-1 is an attack item
};

struct RetrievalOutcome {
    std::string name;               // "clean" or the attack's name
    RecallScores scores;
    // Per query: rank of the best ground truth (0 = first); top-1 item (index into the base
    // gallery, or baseCount + index into the attack gallery); best ground-truth and top-1 scores.
    std::vector<int32_t> rank;
    std::vector<int32_t> top1;
    std::vector<float> truthScore;
    std::vector<float> top1Score;
    // Per query, attack outcomes only (empty for clean): the attack gallery's best item
    // (baseCount + index) and its score, for failure margins (best attack - best truth).
    std::vector<int32_t> attackBestItem;
    std::vector<float> attackBestScore;
};

// Absolute drop and drop rate of R@1: (clean - attacked) and (clean - attacked) / clean
// (0 when clean R@1 is 0).
struct RecallDrop {
    double absolute = 0;
    double rate = 0;
};
RecallDrop recallDrop(const RecallScores& clean, const RecallScores& attacked);

// Ground truth of each query as base-gallery indices, compressed rows: query q owns
// items[offsets[q] .. offsets[q+1]). Every query needs at least one.
struct GroundTruth {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
    void add(std::vector<int32_t> truth);
    int64_t queries() const { return int64_t(offsets.size()) - 1; }
};

// An attack gallery: row-major [count x dim] embeddings (or, for the score entry point,
// a row-major [queries x count] score matrix).
struct AttackGallery {
    std::string name;
    const float* data = nullptr;
    int64_t count = 0;
};

// Evaluates clean (base gallery only) and every attack from embeddings. Similarities are
// computed in blocks of blockRows queries by matrix products; each row is summarised in one
// pass (best ground truth, count of items scoring >= it), never sorted. Results: the clean
// outcome first, then one per attack in order. Throws Error on inconsistent input.
std::vector<RetrievalOutcome> evaluateRetrieval(const float* queries, int64_t queryCount, const float* base,
                                                int64_t baseCount, int64_t dim, const GroundTruth& truth,
                                                const std::vector<AttackGallery>& attacks,
                                                int64_t blockRows = 512);

// The same from precomputed row-major score matrices: base [queries x baseCount], each
// attack [queries x count]. For tests and for scores computed elsewhere.
std::vector<RetrievalOutcome> evaluateRetrievalScores(const float* baseScores, int64_t queryCount,
                                                      int64_t baseCount, const GroundTruth& truth,
                                                      const std::vector<AttackGallery>& attackScores);

// Ground truth for image -> text: captionImage[c] is the image of ground-truth caption c.
GroundTruth imageToTextTruth(const std::vector<int32_t>& captionImage, int64_t imageCount);
// Ground truth for text -> image: query q's original image is captionImage[q].
GroundTruth textToImageTruth(const std::vector<int32_t>& captionImage);

}  // namespace winnow::core
