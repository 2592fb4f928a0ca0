#include "core/util/utf8.h"

#include <cstdio>

namespace winnow::core {

namespace {

unsigned char byteAt(std::string_view s, size_t k) { return static_cast<unsigned char>(s[k]); }

// What a lead byte promises: the sequence length and the allowed range of the second byte
// (the narrower ranges exclude overlong forms, UTF-16 surrogates and code points past U+10FFFF).
struct Lead {
    size_t len = 0;  // 0: the byte cannot start a sequence
    unsigned char lo = 0x80, hi = 0xBF;
};

Lead leadOf(unsigned char c) {
    if (c >= 0xC2 && c <= 0xDF) return {2};
    if (c == 0xE0) return {3, 0xA0, 0xBF};  // no overlong 3-byte forms
    if (c == 0xED) return {3, 0x80, 0x9F};  // no UTF-16 surrogates
    if (c >= 0xE1 && c <= 0xEF) return {3};
    if (c == 0xF0) return {4, 0x90, 0xBF};  // no overlong 4-byte forms
    if (c >= 0xF1 && c <= 0xF3) return {4};
    if (c == 0xF4) return {4, 0x80, 0x8F};  // nothing past U+10FFFF
    return {};
}

std::string hexBytes(std::string_view s, size_t i, size_t n) {
    std::string out;
    for (size_t k = i; k < s.size() && k < i + n; ++k) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02X", unsigned(byteAt(s, k)));
        out += (out.empty() ? "" : " ") + std::string(buf);
    }
    return out;
}

}  // namespace

size_t utf8SequenceLength(std::string_view s, size_t i) {
    const unsigned char c = byteAt(s, i);
    if (c < 0x80) return 1;
    const Lead lead = leadOf(c);
    if (lead.len == 0 || i + lead.len > s.size()) return 0;
    if (byteAt(s, i + 1) < lead.lo || byteAt(s, i + 1) > lead.hi) return 0;
    for (size_t k = 2; k < lead.len; ++k)
        if ((byteAt(s, i + k) & 0xC0) != 0x80) return 0;
    return lead.len;
}

size_t utf8LeadLength(unsigned char c) {
    if (c < 0x80) return 1;
    if (c == 0xC0 || c == 0xC1) return 2;  // overlong, but its continuation belongs to it
    if (c >= 0xF5 && c <= 0xF7) return 4;  // past U+10FFFF, likewise
    return leadOf(c).len;
}

std::string utf8ProblemAt(std::string_view s, size_t i) {
    if (i >= s.size() || utf8SequenceLength(s, i) != 0) return {};
    const unsigned char c = byteAt(s, i);
    // The lead byte and the continuation bytes that belong to it.
    const size_t want = utf8LeadLength(c);
    size_t have = 1;
    while (have < want && i + have < s.size() && (byteAt(s, i + have) & 0xC0) == 0x80) ++have;
    const std::string bytes = " (bytes " + hexBytes(s, i, have) + ")";
    if (c >= 0x80 && c <= 0xBF) return "byte " + hexBytes(s, i, 1) + " is a continuation byte with no lead byte before it";
    if (want == 0) return "byte " + hexBytes(s, i, 1) + " never occurs in UTF-8";
    if (c == 0xC0 || c == 0xC1) return "overlong encoding" + bytes;
    if (c >= 0xF5) return "code point above U+10FFFF" + bytes;
    if (have < want)
        return "truncated sequence" + bytes + ": the lead byte needs " + std::to_string(want) + " bytes";
    if (c == 0xED) return "UTF-16 surrogate encoded as UTF-8" + bytes;
    if (c == 0xF4) return "code point above U+10FFFF" + bytes;
    return "overlong encoding" + bytes;  // E0 or F0 with a second byte below its range
}

bool isValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t len = utf8SequenceLength(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string escapeInvalidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t len = utf8SequenceLength(s, i);
        if (len == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(static_cast<unsigned char>(s[i])));
            out += buf;
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

}  // namespace winnow::core
