#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/retrieval/caption_set.h"
#include "core/retrieval/retrieval_metrics.h"

namespace winnow::core {

class Database;
class Project;

// Retrieval in a project (tables of migration 007): caption sets with their images and
// captions, the encoders used, evaluation runs, their results per attack / direction / seed
// and the per-query outcomes (a text file in the project's cache folder, named by the result).
// All SQL of core/retrieval lives here.

// ---- caption sets ----------------------------------------------------------------------

struct StoredCaptionSet {
    int64_t id = 0;
    std::string name;              // the file's stem ("coco_karpathy_test", "same_concept")
    std::filesystem::path file;
    int64_t fileSize = 0;
    std::string format;            // karpathy | coco | csv
    std::string imageFolder;
    bool rococo = false;           // a RoCOCO attack file (ground truth + adversarial captions)
    int64_t images = 0, groundTruthCaptions = 0, adversarialCaptions = 0, missingImages = 0;
    std::string importedAt;
    // The attack name of a RoCOCO file's adversarial captions: the stem with '_' -> '-'
    // ("same-concept", "rand-voca").
    std::string attackName() const;
};

// Image status as stored: found | missing | not-a-file | unchecked | corrupt.
const char* imageStatusName(ImageStatus s);

// Saves a loaded set (every image with its resolved path and status, every caption with its
// adversarial source and swapped words, every issue) in one transaction; returns its id.
int64_t saveCaptionSet(Database& db, const CaptionSet& set, const std::filesystem::path& imageFolder);
std::vector<StoredCaptionSet> listCaptionSets(Database& db);
std::optional<StoredCaptionSet> findCaptionSet(Database& db, int64_t id);
// The set imported from the same file (absolute path) with the same size, if any.
std::optional<StoredCaptionSet> findCaptionSetByFile(Database& db, const std::filesystem::path& file);
// The stored set back as a CaptionSet (swaps recomputed with diffCaptions; issues included).
CaptionSet loadStoredCaptionSet(Database& db, int64_t id);
std::vector<CaptionSetIssue> captionSetIssues(Database& db, int64_t setId);

// ---- encoders ---------------------------------------------------------------------------

struct EncoderRecord {
    int64_t id = 0;
    std::string identity;          // "sha256:<hex>" | "builtin:<hex>" | "demo:..."
    std::string description;
    int64_t dim = 0;
    std::string preprocessing;     // EncoderPreprocessing::canonical()
};
// Returns the id of the row with this identity and preprocessing, adding it when new.
int64_t saveEncoder(Database& db, const EncoderRecord& e);
std::optional<EncoderRecord> findEncoder(Database& db, int64_t id);

// ---- runs and results ------------------------------------------------------------------

struct RetrievalRun {
    int64_t id = 0;
    int64_t setId = 0;
    int64_t encoderId = 0;
    std::string createdAt, finishedAt;
    std::string status;            // running | completed | cancelled | failed
    std::string message;
    std::string pairing = "default";
    std::optional<double> lambda;
    std::vector<int64_t> seeds;
    std::string normalisation;     // how captions were normalised (RoCOCO's rule, in words)
    std::string ties;              // the ties rule, in words
    int64_t imagesUsed = 0, imagesExcluded = 0, truncated = 0;
};

int64_t beginRun(Database& db, const RetrievalRun& run);  // status 'running', created now
void finishRun(Database& db, int64_t runId, const std::string& status, const std::string& message,
               int64_t imagesUsed, int64_t imagesExcluded, int64_t truncated);
std::optional<RetrievalRun> findRun(Database& db, int64_t runId);
std::vector<RetrievalRun> listRuns(Database& db);
void addRunIssue(Database& db, int64_t runId, const std::string& item, const std::string& message);
std::vector<CaptionSetIssue> runIssues(Database& db, int64_t runId);

struct RetrievalResultRow {
    int64_t id = 0;
    int64_t runId = 0;
    std::string attack;            // clean | attack name
    std::string attackKind;        // clean | caption | mix | patch
    std::optional<int64_t> attackSetId;
    std::string direction;         // i2t | t2i
    std::optional<int64_t> seed;   // image attacks per seed; NULL for clean, caption and mean rows
    std::optional<double> lambda;
    RecallScores scores;
    RecallDrop drop;
    std::string outcomesFile;      // relative to the cache folder; empty for a mean row
};
int64_t addResult(Database& db, const RetrievalResultRow& r);
std::vector<RetrievalResultRow> listResults(Database& db, int64_t runId);

// ---- per-query outcomes -----------------------------------------------------------------

// A gallery item: 'g' a ground-truth caption (i2t) or an original image (t2i) of the clean
// set; 'a' an attack item: an adversarial caption of the result's attack set (image, caption
// within it) or an altered copy of image `image` with partner `caption` (-1 when unknown).
struct ItemRef {
    char kind = 'n';               // 'g' | 'a' | 'n' (none)
    int32_t image = -1;
    int32_t caption = -1;
    bool operator==(const ItemRef&) const = default;
};

struct QueryOutcome {
    int32_t queryImage = -1;       // the image (i2t query, or the image of a t2i caption)
    int32_t queryCaption = -1;     // t2i: the caption within its image; i2t: -1
    int32_t rank = 0;              // of the best ground truth (0 = first; ties against it)
    int32_t cleanRank = 0;         // the same query without the attack
    ItemRef top1;
    float top1Score = 0;
    float truthScore = 0;          // best ground-truth score
    ItemRef bestAttack;            // the attack gallery's best item ('n' for clean)
    float bestAttackScore = 0;     // NaN for clean
};

// Writes outcomes as a tab-separated text file (locale-independent numbers) through an
// AtomicFile; reads it back (Error naming the file and line when damaged).
void writeQueryOutcomes(const std::filesystem::path& file, const std::vector<QueryOutcome>& outcomes);
std::vector<QueryOutcome> readQueryOutcomes(const std::filesystem::path& file);
std::vector<QueryOutcome> loadResultOutcomes(Project& project, const RetrievalResultRow& row);

}  // namespace winnow::core
