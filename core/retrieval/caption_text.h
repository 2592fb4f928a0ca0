#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::core {

// Caption normalisation exactly as RoCOCO's evaluation (BLIP's pre_caption, max_words = 30):
// Python-lowercase; each of . ! " ( ) * # : ; ~ becomes a space; every run of TWO OR MORE
// whitespace characters becomes one space (a single tab or newline stays, as in their code);
// trailing newlines and surrounding spaces are stripped; split on single spaces and keep the
// first maxWords pieces. maxWords <= 0 keeps all.
constexpr int kRococoMaxWords = 30;
std::string normaliseCaption(std::string_view caption, int maxWords = kRococoMaxWords);

// Words for comparing captions: normaliseCaption (no word limit), then maximal runs of Unicode
// letters and digits. Punctuation, apostrophes and hyphens separate words and are dropped, so
// "clean," and "clean ," or "it's" and "it 's" compare equal.
std::vector<std::string> diffWords(std::string_view caption);

// One changed span between a ground-truth caption and its adversarial version.
struct WordSwap {
    size_t sourceIndex = 0;            // position of the first source word in diffWords(source)
    size_t targetIndex = 0;            // position of the first target word in diffWords(target)
    std::vector<std::string> source;   // words removed (may be empty: an insertion)
    std::vector<std::string> target;   // words put in (may be empty: a deletion)
    // For a one-word-for-one-word swap: the words without their common prefix and suffix
    // ("woman" -> "wocriminal" gives "man" -> "criminal"); else the joined words.
    std::string sourceCore;
    std::string targetCore;
    // Heuristic: the replacement happened inside a longer word (as RoCOCO's released files
    // replaced substrings): a common prefix+suffix of >= 2 characters with cores of >= 3.
    bool insideWord = false;
};

// Word-level diff (longest common subsequence, changed runs grouped into swaps, in order).
std::vector<WordSwap> diffCaptions(std::string_view source, std::string_view target);

// True when the diff is exactly one word replaced by one word.
bool isSingleWordSwap(const std::vector<WordSwap>& swaps);

}  // namespace winnow::core
