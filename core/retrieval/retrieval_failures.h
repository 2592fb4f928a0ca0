#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/retrieval/retrieval_store.h"

namespace winnow::core {

class Project;

// Where an attack fooled the model, per query, for the failure browser and the exports.

enum FailureKind : unsigned {
    kAdversarialAboveTruth = 1,  // an attack item scores >= the best ground truth (ties count against it)
    kAdversarialTop1 = 2,        // the top-1 item is an attack item
    kLostFromTopK = 4,           // the ground truth was in the top K without the attack, not with it
};

struct RetrievalFailure {
    int64_t resultId = 0;
    std::string attack;
    std::string direction;         // i2t | t2i
    std::optional<int64_t> seed;
    QueryOutcome outcome;
    unsigned kinds = 0;
    int lostFromTop = 0;           // the largest K of 1, 5, 10 with clean rank < K <= attacked rank; 0: none
    float margin = 0;              // best attack score - best ground-truth score (> 0: the attack wins)
};

// "adversarial above truth, adversarial top-1, lost from top-5" (in that order).
std::string failureKindText(unsigned kinds, int lostFromTop);

// The failed queries of one attack result (a clean or mean row has none), sorted by margin,
// largest first (ties: query order; a NaN margin last).
std::vector<RetrievalFailure> findFailures(const RetrievalResultRow& row, const std::vector<QueryOutcome>& outcomes);

// A stored run with its set, encoder and results, and words for its items.
class RetrievalRunView {
public:
    // Throws Error when the run does not exist.
    RetrievalRunView(Project& project, int64_t runId);

    const RetrievalRun& run() const { return m_run; }
    const EncoderRecord& encoder() const { return m_encoder; }
    const StoredCaptionSet& setInfo() const { return m_setInfo; }
    const std::vector<RetrievalResultRow>& results() const { return m_results; }

    // Every failure of every attack result of the run (per seed), sorted by margin.
    std::vector<RetrievalFailure> failures();
    std::vector<QueryOutcome> outcomes(const RetrievalResultRow& row);

    // The query: an image path (i2t) or a caption as written (t2i).
    std::string queryText(const RetrievalFailure& f);
    // Its ground truth: the image's ground-truth captions joined by " | " (i2t) or the image path (t2i).
    std::string truthText(const RetrievalFailure& f);
    // A gallery item of the failure's result: a caption as written or an image path; an altered
    // image as "mix of A with B" (partner when known).
    std::string itemText(const RetrievalFailure& f, const ItemRef& item);
    // The swapped words of an adversarial caption ("man>criminal; ..."), else empty.
    std::string swappedWords(const RetrievalFailure& f, const ItemRef& item);

private:
    const CaptionSet& setById(int64_t id);
    const RetrievalResultRow* resultById(int64_t id) const;
    Project& m_project;
    RetrievalRun m_run;
    EncoderRecord m_encoder;
    StoredCaptionSet m_setInfo;
    std::vector<RetrievalResultRow> m_results;
    std::map<int64_t, CaptionSet> m_sets;
};

struct LeaderboardEntry {
    std::string item;
    int64_t wins = 0;
};

// Which swaps of caption attacks win top-1 most often: "source>target" (each swap of a
// winning adversarial caption counts once per query), most wins first, then by text.
std::vector<LeaderboardEntry> swapLeaderboard(RetrievalRunView& view, const std::vector<RetrievalFailure>& failures,
                                              size_t limit = 20);
// Which gallery items (adversarial captions, altered images) win top-1 most often,
// "attack: item text", most wins first, then by text.
std::vector<LeaderboardEntry> galleryLeaderboard(RetrievalRunView& view, const std::vector<RetrievalFailure>& failures,
                                                 size_t limit = 20);

}  // namespace winnow::core
