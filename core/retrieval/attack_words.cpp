#include "core/retrieval/attack_words.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/retrieval/unicode_text.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

struct Line {
    size_t number = 0;
    std::string text;  // comment removed, trimmed; never empty
};

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

// The non-blank lines of a UTF-8 text file without their comments.
std::vector<Line> readLines(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw Error(file.string() + ": " + (fs::exists(file, ec) ? "not a regular file" : "no such file"));
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw Error(file.string() + ": read failed");
    std::string all = ss.str();
    if (all.size() >= 3 && all.compare(0, 3, "\xEF\xBB\xBF") == 0) all.erase(0, 3);  // UTF-8 BOM
    std::vector<Line> lines;
    size_t number = 0;
    for (size_t b = 0; b <= all.size();) {
        size_t e = all.find('\n', b);
        if (e == std::string::npos) e = all.size();
        ++number;
        std::string_view raw(all.data() + b, e - b);
        if (!isValidUtf8(raw))
            throw Error(file.string() + ":" + std::to_string(number) + ": not valid UTF-8 text");
        const size_t hash = raw.find('#');
        std::string text = trim(raw.substr(0, hash == std::string_view::npos ? raw.size() : hash));
        if (!text.empty()) lines.push_back({number, std::move(text)});
        b = e + 1;
    }
    return lines;
}

[[noreturn]] void bad(const fs::path& file, const Line& line, const std::string& reason) {
    throw Error(file.string() + ":" + std::to_string(line.number) + ": " + reason);
}

// Lowercased word, or an empty string when `w` is not one word of Unicode letters.
std::string letterWord(std::string_view w) {
    const std::u32string s = unicode::toLower(unicode::decodeUtf8(w));
    if (s.empty()) return {};
    for (char32_t c : s)
        if (!unicode::isLetter(c)) return {};
    return unicode::encodeUtf8(s);
}

bool englishLetters(const std::string& w) {
    if (w.empty()) return false;
    for (char c : w)
        if (c < 'a' || c > 'z') return false;
    return true;
}

std::string inQuotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// "a, b, c" -> words; each must be one word of letters.
std::vector<std::string> wordList(const fs::path& file, const Line& line, std::string_view list) {
    std::vector<std::string> words;
    size_t b = 0;
    while (true) {
        const size_t comma = list.find(',', b);
        const std::string item = trim(list.substr(b, comma == std::string_view::npos ? list.npos : comma - b));
        if (item.empty()) bad(file, line, "an empty word in the list (two commas, or a comma at an end)");
        const std::string w = letterWord(item);
        if (w.empty()) bad(file, line, inQuotes(item) + " is not one word of letters");
        words.push_back(w);
        if (comma == std::string_view::npos) break;
        b = comma + 1;
    }
    return words;
}

bool validGroupName(const std::string& name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

}  // namespace

int AttackWords::groupOf(const std::string& w) const {
    const auto it = groupOfWord.find(w);
    return it == groupOfWord.end() ? -1 : it->second;
}

const std::vector<std::string>& AttackWords::dangerWordsFor(int g) const {
    const auto it = danger.find(g);
    return it == danger.end() ? dangerDefault : it->second;
}

std::unordered_set<std::string> readStopWords(const fs::path& file) {
    std::unordered_set<std::string> words;
    for (const Line& line : readLines(file)) {
        const std::string w = letterWord(line.text);
        if (w.empty())
            bad(file, line, inQuotes(line.text) + " is not one word of letters (one stop word per line)");
        words.insert(w);
    }
    return words;
}

std::vector<ConceptGroup> readConceptGroups(const fs::path& file) {
    std::vector<ConceptGroup> groups;
    std::unordered_map<std::string, std::pair<size_t, size_t>> seen;  // word -> (group, line)
    std::unordered_map<std::string, size_t> names;                     // group name -> line
    for (const Line& line : readLines(file)) {
        const size_t colon = line.text.find(':');
        if (colon == std::string::npos) bad(file, line, "expected 'name: word, word, ...' (no ':')");
        const std::string name = trim(std::string_view(line.text).substr(0, colon));
        if (!validGroupName(name))
            bad(file, line, name.empty() ? "the group has no name before ':'"
                                         : "group name " + inQuotes(name) + " may hold only letters, digits, '_' and '-'");
        if (const auto it = names.find(name); it != names.end())
            bad(file, line, "group " + inQuotes(name) + " is already defined on line " + std::to_string(it->second));
        names[name] = line.number;
        const std::string rest = trim(std::string_view(line.text).substr(colon + 1));
        if (rest.empty()) bad(file, line, "group " + inQuotes(name) + " lists no words");
        ConceptGroup g{name, {}};
        for (const std::string& w : wordList(file, line, rest)) {
            if (const auto it = seen.find(w); it != seen.end()) {
                const std::string where = it->second.first == groups.size()
                                              ? "earlier on this line"
                                              : "in group " + inQuotes(groups[it->second.first].name) + " (line " +
                                                    std::to_string(it->second.second) + ")";
                bad(file, line, "word " + inQuotes(w) + " is already " + where + "; a word belongs to one group");
            }
            seen[w] = {groups.size(), line.number};
            g.words.push_back(w);
        }
        groups.push_back(std::move(g));
    }
    if (groups.empty()) throw Error(file.string() + ": defines no concept group");
    return groups;
}

void readDangerWords(const fs::path& file, const std::vector<ConceptGroup>& groups,
                     std::unordered_map<int, std::vector<std::string>>& danger,
                     std::vector<std::string>& dangerDefault) {
    danger.clear();
    dangerDefault.clear();
    std::unordered_map<std::string, int> index;
    for (size_t i = 0; i < groups.size(); ++i) index[groups[i].name] = int(i);
    std::unordered_map<std::string, size_t> lineOf;
    for (const Line& line : readLines(file)) {
        const size_t colon = line.text.find(':');
        if (colon == std::string::npos) bad(file, line, "expected 'group: danger-word' (no ':')");
        const std::string name = trim(std::string_view(line.text).substr(0, colon));
        if (name.empty()) bad(file, line, "no group before ':' (use '*' for the default)");
        if (const auto it = lineOf.find(name); it != lineOf.end())
            bad(file, line, "group " + inQuotes(name) + " already has danger words on line " + std::to_string(it->second));
        lineOf[name] = line.number;
        const std::string rest = trim(std::string_view(line.text).substr(colon + 1));
        if (rest.empty()) bad(file, line, "group " + inQuotes(name) + " has no danger word");
        std::vector<std::string> words = wordList(file, line, rest);
        if (name == "*") {
            dangerDefault = std::move(words);
            continue;
        }
        const auto g = index.find(name);
        if (g == index.end())
            bad(file, line, inQuotes(name) + " is not a group of " + std::string(kConceptGroupsFile) + " (nor '*')");
        danger[g->second] = std::move(words);
    }
    if (dangerDefault.empty())
        throw Error(file.string() + ": no default line '*: word' (the danger word for every other group)");
}

std::vector<std::string> readVocabulary(const fs::path& file) {
    std::vector<std::string> words;
    std::unordered_set<std::string> seen;
    for (const Line& line : readLines(file)) {
        const std::string w = letterWord(line.text);
        if (!englishLetters(w))
            bad(file, line, inQuotes(line.text) + " is not one word of English letters a-z (one word per line)");
        if (seen.insert(w).second) words.push_back(w);
    }
    if (words.empty()) throw Error(file.string() + ": holds no word");
    return words;
}

AttackWords loadAttackWords(const fs::path& folder) {
    AttackWords w;
    w.folder = folder;
    w.stopWords = readStopWords(folder / kStopWordsFile);
    w.groups = readConceptGroups(folder / kConceptGroupsFile);
    for (size_t g = 0; g < w.groups.size(); ++g)
        for (const std::string& word : w.groups[g].words) w.groupOfWord[word] = int(g);
    readDangerWords(folder / kDangerWordsFile, w.groups, w.danger, w.dangerDefault);
    w.vocabulary = readVocabulary(folder / kVocabularyFile);
    return w;
}

fs::path findAttackWordsFolder(const fs::path& override) {
    std::error_code ec;
    const auto holds = [&](const fs::path& dir) { return fs::is_regular_file(dir / kConceptGroupsFile, ec); };
    if (!override.empty()) {
        if (!holds(override))
            throw Error(override.string() + ": not a folder of attack word lists (no " + kConceptGroupsFile + ")");
        return override;
    }
    std::vector<fs::path> tried;
    if (const char* env = std::getenv("WINNOW_RETRIEVAL_WORDS"); env && *env) tried.emplace_back(env);
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty()) tried.push_back(exe.parent_path().parent_path() / "share" / "winnow" / "retrieval");
#ifdef WINNOW_SOURCE_RESOURCES
    tried.push_back(fs::path(WINNOW_SOURCE_RESOURCES) / "retrieval");  // a build run from its build folder
#endif
    for (const fs::path& dir : tried)
        if (holds(dir)) return dir;
    std::string list;
    for (const fs::path& dir : tried) list += (list.empty() ? "" : ", ") + dir.string();
    throw Error("the caption attacks' word lists were not found (looked in: " + list +
                "); pass the folder holding " + kConceptGroupsFile + " explicitly");
}

}  // namespace winnow::core
