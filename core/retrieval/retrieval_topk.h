#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/retrieval/attack_details.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/retrieval_store.h"

namespace winnow::core {

class EmbeddingCache;
class Project;

// The full top-k of one query of a stored evaluation, for the failure browser. The store
// keeps per query only the top-1, the best ground truth and the best attack item; the
// embeddings live in the project's embedding cache (embedding_cache.h), keyed by image
// content and caption text. The top-k is computed from those cached rows and never encodes:
// an item whose embedding is not cached is left out and counted. Altered images (Mix/Patch)
// are never cached, so for an image attack the stored best altered copy is merged in with its
// stored score: the list is then exact down to that item, and other altered copies (which
// score no higher) may be missing below it.

struct ScoredIndex {
    int64_t index = 0;
    float score = 0;
};

// The k highest of `scores`, best first. Equal scores: lower tieRank[index] first (when
// given), then the lower index. NaN scores come last.
std::vector<ScoredIndex> topKOfScores(const std::vector<float>& scores, size_t k,
                                      const std::vector<int>& tieRank = {});
// The same over the dot products of `query` with each row of `gallery` ([rows x dim]); the
// rows are L2-normalised, so these are the cosine similarities the evaluation ranks by.
std::vector<ScoredIndex> topKScores(const float* query, const float* gallery, int64_t rows, int64_t dim, size_t k,
                                    const std::vector<int>& tieRank = {});

struct TopKItem {
    ItemRef item;
    float score = 0;
    bool truth = false;         // a ground truth of the query
    bool attack = false;        // an adversarial caption or an altered image
    bool fromOutcome = false;   // not from the cache: the stored best attack item with its stored score
    std::string text;           // the caption as written, or the image path (an altered copy: its base)
    std::string original;       // adversarial caption: the ground truth it was made from, as written
    std::string imageName;      // the item's image as named in its set ("b.png")
    int sourceCaption = -1;     // adversarial caption: the index of its ground truth within the image
    std::vector<WordSwap> swaps;  // adversarial caption: diffCaptions(original, text)
    std::string partner;        // altered image: the partner's path (empty: unknown)
    std::optional<double> lambda;  // altered image
};

struct QueryTopK {
    bool available = false;
    std::string unavailable;    // why there is no list (no cached embedding for the query, ...)
    std::vector<TopKItem> items;
    int64_t scored = 0;         // gallery items scored from the cache
    int64_t missing = 0;        // gallery items left out: embedding not in the cache
    std::string note;           // what the list cannot show, in words (empty: exact)
    std::optional<int64_t> attackSetId;  // the caption attack's stored set (attack items' captions)
};

// Ties: an attack item ranks before another item of equal score, and a ground truth after
// everything of equal score (the evaluation's pessimistic rule, kTiesNote).
class RetrievalTopKSource {
public:
    // Reads the run, its caption sets and the embedding cache of its encoder in the project's
    // cache folder. Throws Error when the run does not exist. Holds no database afterwards,
    // so it may be used from a worker thread (one call at a time).
    RetrievalTopKSource(Project& project, int64_t runId);
    ~RetrievalTopKSource();

    QueryTopK topK(int64_t resultId, const QueryOutcome& query, size_t k) const;
    // The EI of every word of ground-truth caption `caption` of image `image` of attack set
    // `attackSetId`, from the attack's details file beside it (NAME.attack.json), for this
    // run's encoder when the file lists it. nullopt: not computed (a ready-made RoCOCO file);
    // `problem` then says why (a missing or damaged details file names the file).
    std::optional<CaptionInfluence> influence(int64_t attackSetId, const std::string& image, int caption,
                                              std::string* problem = nullptr) const;

    int64_t runId() const { return m_run.id; }
    const CaptionSet& set() const { return m_set; }
    const std::vector<std::string>& cacheIssues() const;

private:
    const CaptionSet* setById(int64_t id) const;
    const float* imageRow(size_t image) const;
    std::string m_identity;
    RetrievalRun m_run;
    std::vector<RetrievalResultRow> m_results;
    CaptionSet m_set;
    std::map<int64_t, CaptionSet> m_attackSets;
    std::unique_ptr<EmbeddingCache> m_cache;
    mutable std::vector<std::optional<std::string>> m_imageKeys;  // computed on first t2i use
    mutable std::map<int64_t, std::pair<std::optional<CaptionAttackDetails>, std::string>> m_details;
};

}  // namespace winnow::core
