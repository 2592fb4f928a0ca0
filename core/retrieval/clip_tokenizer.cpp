#include "core/retrieval/clip_tokenizer.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <sstream>

#include "core/retrieval/unicode_text.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

constexpr size_t kClipMerges = 49152 - 256 - 2;  // lines[1:49152-256-2+1] of the merges file
const std::u32string kStartToken = U"<|startoftext|>";
const std::u32string kEndToken = U"<|endoftext|>";

std::string readMaybeGzip(const std::filesystem::path& file) {
    gzFile gz = gzopen(file.string().c_str(), "rb");  // reads plain files transparently too
    if (!gz) throw Error("Cannot open the BPE merges file " + file.string());
    std::string data;
    char buf[1 << 16];
    int n = 0;
    while ((n = gzread(gz, buf, sizeof buf)) > 0) data.append(buf, size_t(n));
    int err = 0;
    const char* msg = gzerror(gz, &err);
    const std::string reason = (n < 0 || err < 0) && msg ? msg : "";
    gzclose(gz);
    if (n < 0 || err < 0)
        throw Error("Cannot read the BPE merges file " + file.string() + ": " + reason);
    return data;
}

// CLIP's bytes_to_unicode(): printable Latin-1 bytes map to themselves, the others to
// U+0100 onwards in byte order. Returns the bytes in CLIP's vocabulary order with their chars.
void byteTable(std::vector<int>& bytes, std::vector<char32_t>& chars) {
    for (int b = '!'; b <= '~'; ++b) bytes.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b) bytes.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b) bytes.push_back(b);
    for (int b : bytes) chars.push_back(char32_t(b));
    int n = 0;
    for (int b = 0; b < 256; ++b) {
        if (std::find(bytes.begin(), bytes.end(), b) != bytes.end()) continue;
        bytes.push_back(b);
        chars.push_back(char32_t(256 + n++));
    }
}

bool startsWith(std::u32string_view s, size_t i, std::u32string_view prefix) {
    return s.substr(i, prefix.size()) == prefix;
}

// Python's html.unescape: named entities it knows (subset; the "legacy" ones also match
// without the semicolon, as in HTML5) and numeric references with HTML5's fix-ups.
struct Entity {
    const char* name;
    char32_t cp;
    bool legacy;
};
const Entity kEntities[] = {
    {"amp", '&', true},        {"lt", '<', true},          {"gt", '>', true},
    {"quot", '"', true},       {"apos", '\'', false},      {"nbsp", 0xA0, true},
    {"copy", 0xA9, true},      {"reg", 0xAE, true},        {"deg", 0xB0, true},
    {"times", 0xD7, true},     {"eacute", 0xE9, true},     {"egrave", 0xE8, true},
    {"agrave", 0xE0, true},    {"aacute", 0xE1, true},     {"ccedil", 0xE7, true},
    {"uuml", 0xFC, true},      {"ouml", 0xF6, true},       {"auml", 0xE4, true},
    {"ntilde", 0xF1, true},    {"iexcl", 0xA1, true},      {"iquest", 0xBF, true},
    {"hellip", 0x2026, false}, {"mdash", 0x2014, false},   {"ndash", 0x2013, false},
    {"lsquo", 0x2018, false},  {"rsquo", 0x2019, false},   {"ldquo", 0x201C, false},
    {"rdquo", 0x201D, false},  {"bull", 0x2022, false},    {"euro", 0x20AC, false},
    {"trade", 0x2122, false},
};
// HTML5's replacements for numeric references to C1 controls (windows-1252 code points).
const char32_t kCp1252[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                              0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                              0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};

// Returns false to drop the reference (HTML5's invalid code points), else sets *out.
bool numericReference(uint64_t num, char32_t* out) {
    if (num == 0) return *out = 0xFFFD, true;
    if (num == 0x0D) return *out = 0x0D, true;
    if (num >= 0x80 && num <= 0x9F) return *out = kCp1252[num - 0x80], true;
    if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) return *out = 0xFFFD, true;
    if ((num >= 0x1 && num <= 0x8) || (num >= 0xE && num <= 0x1F) || (num >= 0x7F && num <= 0x9F) ||
        (num >= 0xFDD0 && num <= 0xFDEF) || num == 0xB || (num & 0xFFFE) == 0xFFFE)
        return false;
    *out = char32_t(num);
    return true;
}

bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string ClipTokenizer::htmlUnescape(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '&') {
            out.push_back(s[i++]);
            continue;
        }
        size_t j = i + 1;
        if (j < s.size() && s[j] == '#') {
            const bool hex = j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X');
            size_t k = j + (hex ? 2 : 1);
            const size_t digits = k;
            uint64_t num = 0;
            while (k < s.size() && (hex ? isHex(s[k]) : isDigit(s[k]))) {
                const int d = isDigit(s[k]) ? s[k] - '0' : (std::tolower(s[k]) - 'a' + 10);
                num = std::min<uint64_t>(num * (hex ? 16 : 10) + uint64_t(d), 0x7FFFFFFF);
                ++k;
            }
            if (k == digits) {  // "&#" without digits: kept as is
                out.push_back('&');
                ++i;
                continue;
            }
            if (k < s.size() && s[k] == ';') ++k;
            char32_t cp = 0;
            if (numericReference(num, &cp)) unicode::appendUtf8(out, cp);
            i = k;
            continue;
        }
        // Named: up to 32 characters other than tab, newline, form feed, space, <, &, #, ;.
        size_t k = j;
        while (k < s.size() && k - j < 32 && std::string_view("\t\n\f <&#;").find(s[k]) == std::string_view::npos)
            ++k;
        const std::string_view name = s.substr(j, k - j);
        const bool semicolon = k < s.size() && s[k] == ';';
        bool done = false;
        if (!name.empty() && semicolon) {
            for (const Entity& e : kEntities)
                if (name == e.name) {
                    unicode::appendUtf8(out, e.cp);
                    i = k + 1;
                    done = true;
                    break;
                }
        }
        // Longest legacy entity that prefixes the name (matched without a semicolon).
        for (size_t len = name.size(); !done && len >= 2; --len) {
            for (const Entity& e : kEntities)
                if (e.legacy && name.substr(0, len) == e.name) {
                    unicode::appendUtf8(out, e.cp);
                    i = j + len;
                    done = true;
                    break;
                }
        }
        if (!done) {
            out.push_back('&');
            ++i;
        }
    }
    return out;
}

std::string ClipTokenizer::cleanText(std::string_view text) {
    const std::string unescaped = htmlUnescape(htmlUnescape(text));
    const std::u32string u = unicode::decodeUtf8(unescaped);
    std::u32string collapsed;
    collapsed.reserve(u.size());
    bool pendingSpace = false;
    for (char32_t cp : u) {
        if (unicode::isSpace(cp)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !collapsed.empty()) collapsed.push_back(U' ');
        pendingSpace = false;
        collapsed.push_back(cp);
    }
    return unicode::encodeUtf8(unicode::toLower(collapsed));
}

std::vector<std::string> ClipTokenizer::preTokenize(std::string_view cleanedText) {
    const std::u32string s = unicode::decodeUtf8(cleanedText);
    std::vector<std::string> tokens;
    size_t i = 0;
    const auto emit = [&](size_t from, size_t to) {
        tokens.push_back(unicode::encodeUtf8(std::u32string_view(s).substr(from, to - from)));
    };
    while (i < s.size()) {
        const char32_t c = s[i];
        if (c == U'<' && (startsWith(s, i, kStartToken) || startsWith(s, i, kEndToken))) {
            const size_t len = startsWith(s, i, kStartToken) ? kStartToken.size() : kEndToken.size();
            emit(i, i + len);
            i += len;
            continue;
        }
        if (c == U'\'' && i + 1 < s.size()) {
            size_t len = 0;
            for (std::u32string_view suffix : {U"s", U"t", U"re", U"ve", U"m", U"ll", U"d"})
                if (startsWith(s, i + 1, suffix)) {
                    len = 1 + suffix.size();
                    break;
                }
            if (len) {
                emit(i, i + len);
                i += len;
                continue;
            }
        }
        if (unicode::isLetter(c)) {
            size_t j = i;
            while (j < s.size() && unicode::isLetter(s[j])) ++j;
            emit(i, j);
            i = j;
        } else if (unicode::isNumber(c)) {
            emit(i, i + 1);
            ++i;
        } else if (unicode::isSpace(c)) {
            ++i;
        } else {
            size_t j = i;
            while (j < s.size() && !unicode::isSpace(s[j]) && !unicode::isLetter(s[j]) &&
                   !unicode::isNumber(s[j]))
                ++j;
            emit(i, j);
            i = j;
        }
    }
    return tokens;
}

ClipTokenizer::ClipTokenizer(const std::filesystem::path& mergesFile) {
    const std::string data = readMaybeGzip(mergesFile);
    std::vector<int> bytes;
    std::vector<char32_t> chars;
    byteTable(bytes, chars);
    for (size_t k = 0; k < 256; ++k) m_byteId[bytes[k]] = int32_t(k);
    for (char32_t c : chars) m_vocab.push_back(unicode::encodeUtf8(std::u32string(1, c)));
    for (char32_t c : chars) m_vocab.push_back(unicode::encodeUtf8(std::u32string(1, c)) + "</w>");

    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(kClipMerges);
    size_t pos = 0;
    size_t lineNo = 0;
    while (pos < data.size() && merges.size() < kClipMerges) {  // a final newline ends the file
        size_t end = data.find('\n', pos);
        if (end == std::string::npos) end = data.size();
        const std::string line = data.substr(pos, end - pos);
        if (lineNo > 0) {  // line 0 is the "#version" header
            std::istringstream fields(line);
            std::string a, b;
            if (!(fields >> a >> b))
                throw Error("The BPE merges file " + mergesFile.string() + " has a malformed line " +
                            std::to_string(lineNo + 1) + " (expected two symbols)");
            merges.emplace_back(a, b);
        }
        ++lineNo;
        pos = end + 1;
    }
    if (merges.size() < kClipMerges)
        throw Error("The BPE merges file " + mergesFile.string() + " holds " +
                    std::to_string(merges.size()) + " merges; CLIP's tokenizer needs " +
                    std::to_string(kClipMerges) + " (is it bpe_simple_vocab_16e6.txt.gz?)");
    for (const auto& [a, b] : merges) m_vocab.push_back(a + b);
    m_vocab.push_back("<|startoftext|>");
    m_vocab.push_back("<|endoftext|>");
    for (size_t id = 0; id < m_vocab.size(); ++id) m_encoder[m_vocab[id]] = int32_t(id);  // last wins
    m_startId = m_encoder.at("<|startoftext|>");
    m_endId = m_encoder.at("<|endoftext|>");
    for (size_t r = 0; r < merges.size(); ++r) {
        const auto left = m_encoder.find(merges[r].first);
        const auto right = m_encoder.find(merges[r].second);
        if (left == m_encoder.end() || right == m_encoder.end())
            throw Error("The BPE merges file " + mergesFile.string() + " merges a symbol not in its vocabulary at line " +
                        std::to_string(r + 2));
        const uint64_t key = (uint64_t(uint32_t(left->second)) << 32) | uint32_t(right->second);
        m_merges.emplace(key, Merge{int32_t(r), m_encoder.at(merges[r].first + merges[r].second)});
    }
    m_mergeCount = merges.size();
}

void ClipTokenizer::bpe(const std::string& token, std::vector<int32_t>& out) const {
    if (token == "<|startoftext|>" || token == "<|endoftext|>") {
        out.push_back(token == "<|startoftext|>" ? m_startId : m_endId);
        return;
    }
    std::vector<int32_t> word;
    word.reserve(token.size());
    for (unsigned char b : token) word.push_back(m_byteId[b]);
    if (word.empty()) return;
    word.back() += 256;  // the last symbol carries "</w>"
    while (word.size() > 1) {
        int32_t bestRank = std::numeric_limits<int32_t>::max();
        Merge best{0, 0};
        int32_t bestLeft = 0, bestRight = 0;
        for (size_t i = 0; i + 1 < word.size(); ++i) {
            const uint64_t key = (uint64_t(uint32_t(word[i])) << 32) | uint32_t(word[i + 1]);
            const auto it = m_merges.find(key);
            if (it != m_merges.end() && it->second.rank < bestRank) {
                bestRank = it->second.rank;
                best = it->second;
                bestLeft = word[i];
                bestRight = word[i + 1];
            }
        }
        if (bestRank == std::numeric_limits<int32_t>::max()) break;
        std::vector<int32_t> next;
        next.reserve(word.size());
        for (size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == bestLeft && word[i + 1] == bestRight) {
                next.push_back(best.merged);
                i += 2;
            } else {
                next.push_back(word[i++]);
            }
        }
        word.swap(next);
    }
    out.insert(out.end(), word.begin(), word.end());
}

std::vector<int32_t> ClipTokenizer::encode(std::string_view text) const {
    std::vector<int32_t> ids;
    for (const std::string& token : preTokenize(cleanText(text))) bpe(token, ids);
    return ids;
}

PackedTokens ClipTokenizer::pack(std::string_view text, int contextLength, int64_t padId) const {
    if (contextLength < 2) throw Error("A context length must hold at least the start and end ids");
    const std::vector<int32_t> bpeIds = encode(text);
    PackedTokens p;
    p.fullLength = int64_t(bpeIds.size()) + 2;
    p.truncated = p.fullLength > contextLength;
    p.ids.assign(size_t(contextLength), padId);
    p.ids[0] = m_startId;
    const size_t body = std::min(bpeIds.size(), size_t(contextLength) - 2);
    for (size_t k = 0; k < body; ++k) p.ids[k + 1] = bpeIds[k];
    p.ids[p.truncated ? size_t(contextLength) - 1 : body + 1] = m_endId;
    return p;
}

std::string ClipTokenizer::decode(const std::vector<int32_t>& ids) const {
    std::string out;
    for (int32_t id : ids) {
        if (id < 0 || size_t(id) >= m_vocab.size()) continue;
        if (!out.empty()) out.push_back(' ');
        out += m_vocab[size_t(id)];
    }
    return out;
}

}  // namespace winnow::core
