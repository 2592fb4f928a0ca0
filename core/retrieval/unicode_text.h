#pragma once
#include <string>
#include <string_view>

// The little Unicode the retrieval text tools need, without ICU: UTF-8 decoding/encoding,
// letter/number/space classes and lowercasing exactly as Python's str methods do them
// (tables generated from Python's unicodedata 14.0 by gen_unicode_tables.py).
namespace winnow::core::unicode {

// Decodes UTF-8; each byte of a malformed sequence becomes U+FFFD (Python's "replace").
std::u32string decodeUtf8(std::string_view text);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t cp);

bool isLetter(char32_t cp);  // general category L* (regex \p{L})
bool isNumber(char32_t cp);  // general category N* (regex \p{N})
bool isSpace(char32_t cp);   // Python's str.isspace()

// Python's str.lower(): the Unicode lowercase mapping, U+0130 -> "i̇", and a capital sigma
// that ends a word (a cased letter before it, none after) -> final sigma.
std::u32string toLower(std::u32string_view text);
std::string toLowerUtf8(std::string_view text);

}  // namespace winnow::core::unicode
