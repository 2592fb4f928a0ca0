#pragma once
#include <string>
#include <string_view>

namespace winnow::core {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
// Every importer checks class names and paths with it before they enter a project, so what
// the project holds can always be written as JSON.
bool isValidUtf8(std::string_view s);

// `s` with every byte that is not part of well-formed UTF-8 written as the four characters
// \xNN (valid text is unchanged). For showing a bad name in a message or an issue.
std::string escapeInvalidUtf8(std::string_view s);

}  // namespace winnow::core
