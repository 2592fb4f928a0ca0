#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::core {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
// Every importer checks class names and paths with it before they enter a project, so what
// the project holds can always be written as JSON.
bool isValidUtf8(std::string_view s);

// Length of the well-formed UTF-8 sequence starting at s[i] (1 to 4), or 0 when the bytes
// there are not one. The one definition of well-formed that the checks and decoders share.
size_t utf8SequenceLength(std::string_view s, size_t i);

// How many bytes a sequence starting with byte `c` spans (1 for ASCII, 0 for a byte that
// starts none: a continuation byte or F8-FF). For a reader that gathers a sequence byte by byte.
size_t utf8LeadLength(unsigned char c);

// Why the bytes at s[i] are not well-formed UTF-8, naming them: "UTF-16 surrogate encoded as
// UTF-8 (bytes ED A0 80)", "overlong encoding (bytes C0 80)", "code point above U+10FFFF
// (bytes F4 90 80 80)", "truncated sequence (...)", ... Empty when they are well-formed.
std::string utf8ProblemAt(std::string_view s, size_t i);

// `s` with every byte that is not part of well-formed UTF-8 written as the four characters
// \xNN (valid text is unchanged). For showing a bad name in a message or an issue.
std::string escapeInvalidUtf8(std::string_view s);

}  // namespace winnow::core
