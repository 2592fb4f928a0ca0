#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace winnow::core {

// The word lists of the caption attacks (METHODS.md §12), plain UTF-8 text files a user can
// replace, read from one folder (resources/retrieval/ in the source tree, share/winnow/retrieval
// when installed):
//   stop_words.txt      one word per line: never a source word, never a rand-voca target
//   concept_groups.txt  one group per line, `name: word, word, ...` (a word in one group only)
//   danger_words.txt    `group: word[, word ...]` by concept group; `*: word` is the default
//   vocabulary.txt      rand-voca's vocabulary: one word of English letters a-z per line
// In every file '#' starts a comment and blank lines are ignored; words are lowercased
// (Python's str.lower, as captions are) and must be one word of letters. A bad line is an
// Error "FILE:LINE: reason", so a user's edit never silently changes what an attack does.

struct ConceptGroup {
    std::string name;
    std::vector<std::string> words;  // in file order, each once
};

struct AttackWords {
    std::filesystem::path folder;
    std::unordered_set<std::string> stopWords;
    std::vector<ConceptGroup> groups;
    std::unordered_map<std::string, int> groupOfWord;  // word -> index into groups
    // danger words by group index; dangerDefault for every other group and for no group
    std::unordered_map<int, std::vector<std::string>> danger;
    std::vector<std::string> dangerDefault;
    std::vector<std::string> vocabulary;

    bool isStopWord(const std::string& w) const { return stopWords.count(w) != 0; }
    // Index into groups, or -1 when the word is in no group.
    int groupOf(const std::string& w) const;
    // The danger words for a source word of group g (-1: none): the group's line, else '*'.
    const std::vector<std::string>& dangerWordsFor(int g) const;
};

// File names inside the folder.
inline constexpr const char* kStopWordsFile = "stop_words.txt";
inline constexpr const char* kConceptGroupsFile = "concept_groups.txt";
inline constexpr const char* kDangerWordsFile = "danger_words.txt";
inline constexpr const char* kVocabularyFile = "vocabulary.txt";

// Each reader throws Error naming the file (unreadable, not UTF-8) or "FILE:LINE: reason".
std::unordered_set<std::string> readStopWords(const std::filesystem::path& file);
std::vector<ConceptGroup> readConceptGroups(const std::filesystem::path& file);
// Group names must be those of `groups` or '*'; the '*' line is required.
void readDangerWords(const std::filesystem::path& file, const std::vector<ConceptGroup>& groups,
                     std::unordered_map<int, std::vector<std::string>>& danger,
                     std::vector<std::string>& dangerDefault);
std::vector<std::string> readVocabulary(const std::filesystem::path& file);

// Reads the four files of `folder`.
AttackWords loadAttackWords(const std::filesystem::path& folder);

// Where the word lists are found at run time, first match wins:
//   1. `override` when not empty (winnow-cli --words-dir; it must hold the files, else Error);
//   2. the environment variable WINNOW_RETRIEVAL_WORDS;
//   3. <executable folder>/../share/winnow/retrieval (the installed layout);
//   4. the source tree's resources/retrieval (a build run from its build folder).
// Throws Error listing the places looked at when none holds concept_groups.txt.
std::filesystem::path findAttackWordsFolder(const std::filesystem::path& override = {});

}  // namespace winnow::core
