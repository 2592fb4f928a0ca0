#include "core/retrieval/unicode_text.h"

#include <algorithm>

#include "core/retrieval/unicode_tables.h"
#include "core/util/utf8.h"

namespace winnow::core::unicode {
namespace ut = unicode_tables;

namespace {

bool inRanges(const ut::CodePointRange* ranges, size_t count, char32_t cp) {
    const ut::CodePointRange* end = ranges + count;
    auto it = std::upper_bound(ranges, end, cp,
                               [](char32_t c, const ut::CodePointRange& r) { return c < r.first; });
    if (it == ranges) return false;
    --it;
    return cp <= it->last;
}

char32_t lowerOne(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    const ut::CodePointMap* end = ut::kLower + ut::kLowerCount;
    auto it = std::lower_bound(ut::kLower, end, cp,
                               [](const ut::CodePointMap& m, char32_t c) { return m.from < c; });
    return (it != end && it->from == cp) ? it->to : cp;
}

// "Cased" for the final-sigma rule: a letter that has a case partner (approximation of
// Unicode's Cased property, good for Greek text).
bool isCasedLetter(char32_t cp) { return isLetter(cp) && (lowerOne(cp) != cp || cp >= 0x3AC); }

}  // namespace

std::u32string decodeUtf8(std::string_view s) {
    static constexpr unsigned char kLeadBits[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8SequenceLength(s, i);
        if (len == 0) {  // not well-formed: one replacement character per bad byte
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = static_cast<unsigned char>(s[i]) & kLeadBits[len];
        for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) appendUtf8(out, cp);
    return out;
}

bool isLetter(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return inRanges(ut::kLetters, ut::kLettersCount, cp);
}

bool isNumber(char32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return inRanges(ut::kNumbers, ut::kNumbersCount, cp);
}

bool isSpace(char32_t cp) { return inRanges(ut::kSpaces, ut::kSpacesCount, cp); }

std::u32string toLower(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char32_t cp = text[i];
        if (cp == 0x130) {  // LATIN CAPITAL LETTER I WITH DOT ABOVE -> i + COMBINING DOT ABOVE
            out.push_back(U'i');
            out.push_back(0x307);
        } else if (cp == 0x3A3) {  // GREEK CAPITAL SIGMA: final form at the end of a word
            const bool before = i > 0 && isCasedLetter(text[i - 1]);
            const bool after = i + 1 < text.size() && isCasedLetter(text[i + 1]);
            out.push_back(before && !after ? char32_t(0x3C2) : char32_t(0x3C3));
        } else {
            out.push_back(lowerOne(cp));
        }
    }
    return out;
}

std::string toLowerUtf8(std::string_view text) { return encodeUtf8(toLower(decodeUtf8(text))); }

}  // namespace winnow::core::unicode
