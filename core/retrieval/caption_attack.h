#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/retrieval/attack_words.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/dual_encoder.h"
#include "core/util/progress.h"

namespace winnow::core {

// Caption attacks (METHODS.md §12, image→text): each ground-truth caption C gets one
// adversarial caption with one word swapped.
//  * Words: C is normalised as RoCOCO's evaluation does (normaliseCaption, 30 words); its
//    words are the maximal runs of letters/digits of that text (diffWords' definition).
//  * EI(w) = 1 − cos(f_T(C), f_T(C without w)) for every word position (C without w: the
//    word's characters removed, spaces collapsed; a one-word caption gets EI 1 without
//    encoding the empty text), computed with each encoder's encodeTexts in large batches.
//  * Source word: the lowest-EI word that qualifies; ties (|ΔEI| <= kEiTieTolerance) broken by
//    a seeded random choice. With several encoders each picks its word and the word most
//    encoders picked wins (a tie of votes: seeded choice among them). A word qualifies when it
//    is letters only, not a stop word, (same-/diff-concept) in a concept group — the groups
//    stand in for the noun tagger — and at least one target is left for it.
//  * Target word by policy: same-concept (another word of the source's group), diff-concept
//    (a word of any other group, uniform over their words), rand-voca (a vocabulary word, not a
//    stop word), danger (the source group's danger words, else the '*' ones). Never the source
//    word itself and never a word occurring in any ground-truth caption of the same image
//    (METHODS: "skip targets that occur in the image's other captions"; C's own words are
//    excluded too, so the swap cannot repeat a word C already has).
//  * Whole-word replacement: only the chosen word's characters change ("woman" is a word of
//    its own, never the inside of one).
//  * Seeded: each caption draws from its own generator, seeded from (seed, image, caption), so
//    results do not depend on batching or on which images are attacked alongside.
// A caption where nothing qualifies is kept as a skip with its reason, never dropped silently.

enum class CaptionAttackPolicy { SameConcept, DiffConcept, RandVoca, Danger };
const char* captionAttackPolicyName(CaptionAttackPolicy p);  // "same-concept", ...
std::optional<CaptionAttackPolicy> parseCaptionAttackPolicy(std::string_view name);

inline constexpr double kEiTieTolerance = 1e-6;

enum class AttackSkip {
    None,
    NoWords,       // the normalised caption has no word
    NoSourceWord,  // every word is a stop word / not letters / (concept policies) in no group
    NoTarget,      // words qualified but every target of the policy occurs in the image's captions
};
const char* attackSkipReason(AttackSkip s);  // a sentence for people and the sidecar

struct CaptionAttackRecord {
    size_t image = 0;    // index into the caption set's images
    size_t caption = 0;  // index of the ground-truth caption within the image
    std::string normalised;           // normaliseCaption(ground truth)
    std::vector<std::string> words;   // the words of `normalised`, in order
    // EI of every word position, per encoder ([encoder][word]); kept for the heat strip.
    std::vector<std::vector<float>> influence;
    AttackSkip skip = AttackSkip::None;
    int sourceIndex = -1;            // position in `words` of the replaced word
    std::string source, target;
    std::string sourceGroup, targetGroup;  // concept group names ("" when none)
    std::string adversarial;         // `normalised` with the one word swapped
    int votes = 0;                   // encoders that chose this source word
};

struct CaptionAttackOptions {
    CaptionAttackPolicy policy = CaptionAttackPolicy::SameConcept;
    uint64_t seed = 1;
    // Ground-truth captions attacked per image (first ones); 0 = all. RoCOCO's released files
    // attacked five.
    size_t maxCaptionsPerImage = 0;
    // Texts per encodeTexts call (captions and their word-removed variants together).
    size_t textsPerBatch = 2048;
};

struct CaptionAttackCounts {
    size_t groundTruth = 0;   // ground-truth captions considered
    size_t attacked = 0;
    size_t noWords = 0, noSourceWord = 0, noTarget = 0;
    // Texts (captions and word-removed variants, summed over encoders) the encoders cut at their
    // context length: a word past the cut has EI 0 for that encoder and would win unnoticed.
    size_t truncatedTexts = 0;
    size_t skipped() const { return noWords + noSourceWord + noTarget; }
};

struct CaptionAttackResult {
    CaptionAttackPolicy policy = CaptionAttackPolicy::SameConcept;
    uint64_t seed = 0;
    std::vector<std::string> encoders;  // identity() of each encoder, in the order given
    std::filesystem::path wordsFolder;
    // RoCOCO layout: per image the ground-truth captions as given, then one adversarial
    // caption per attacked ground truth (entry.source = its ground truth, entry.swaps =
    // diffCaptions(ground truth, adversarial)). Images keep the input's order and paths.
    CaptionSet set;
    std::vector<CaptionAttackRecord> records;  // one per considered ground truth, in order
    CaptionAttackCounts counts;
};

// Attacks every image of `input` (its adversarial captions, if any, are ignored: only ground
// truth is attacked). `encoders` must not be empty. Progress per caption; cancel is polled
// once per batch (throws Cancelled). Errors of the encoders propagate.
CaptionAttackResult attackCaptions(const CaptionSet& input, const std::vector<DualEncoder*>& encoders,
                                   const AttackWords& words, const CaptionAttackOptions& options,
                                   const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// The adversarial caption set as a RoCOCO-format Karpathy JSON list: per image
// {"image", "caption": [ground truth..., adversarial...], "adversarial_source": [i...]}, where
// adversarial_source[k] is the index of the ground truth the k-th adversarial caption came
// from (readers that do not know the key see a RoCOCO file). Written atomically.
std::string captionAttackKarpathyJson(const CaptionAttackResult& result);
// The details: policy, seed, encoders, counts and, per ground-truth caption, its words, EI
// per encoder, source/target/groups or the skip reason. Written atomically.
std::string captionAttackDetailsJson(const CaptionAttackResult& result);
// Writes both (through AtomicFile).
void writeCaptionAttack(const CaptionAttackResult& result, const std::filesystem::path& captionsFile,
                        const std::filesystem::path& detailsFile);
// "x.json" -> "x.attack.json" (beside it): where the CLI writes the details.
std::filesystem::path captionAttackDetailsPath(const std::filesystem::path& captionsFile);

// Word spans of a normalised caption (exposed for tests): [begin, end) byte offsets of the
// maximal runs of Unicode letters/digits.
struct WordSpan {
    size_t begin = 0, end = 0;
};
std::vector<WordSpan> captionWordSpans(std::string_view normalised);
// `normalised` with the span replaced by `replacement` (empty: removed, and the spaces
// around it collapsed to one).
std::string replaceWordSpan(std::string_view normalised, const WordSpan& span, std::string_view replacement);

}  // namespace winnow::core
