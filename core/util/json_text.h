#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// JSON in Winnow is nlohmann::json (configs, metrics, CLI output, result files). This header adds
// the two things the library leaves to its users: a bounded parse entry point for text from
// outside the program, and lenient readers for documents older versions wrote.
namespace winnow::core {

// Deeper nesting is refused before parsing: nlohmann parses iteratively, but copying, comparing
// and dumping a value recurse once per level, so a file of a million '[' would overflow the stack.
inline constexpr int kJsonMaxDepth = 512;

// Strict RFC 8259 (no "+1", "01", lone surrogates, trailing commas, comments; numbers independent
// of the locale; integers up to 2^64-1 exact). Throws Error "ORIGIN: invalid JSON: REASON".
nlohmann::json parseJson(std::string_view text, const std::string& origin);
nlohmann::json readJsonFile(const std::filesystem::path& file);
// The same parse for rows Winnow wrote itself and only displays (metrics in a chart): null when
// `text` is not valid JSON, never an exception into a GUI event loop.
nlohmann::json parseJsonOrNull(std::string_view text);

// Compact (indent < 0) or indented text; bytes that are not UTF-8 become U+FFFD instead of
// throwing (nlohmann's default), so one odd file name cannot abort an export or a CLI line.
std::string dumpJson(const nlohmann::json& j, int indent = -1);

// Lenient access: an absent key, a non-object/array, null or another type gives the fallback.
const nlohmann::json& jsonField(const nlohmann::json& j, const std::string& key);
const nlohmann::json& jsonItem(const nlohmann::json& j, size_t index);
const nlohmann::json& jsonArray(const nlohmann::json& j);  // j when an array, else an empty one
double jsonDouble(const nlohmann::json& v, double fallback = 0.0);
int64_t jsonInt(const nlohmann::json& v, int64_t fallback = 0);  // a fractional number is rounded
bool jsonBool(const nlohmann::json& v, bool fallback = false);
std::string jsonString(const nlohmann::json& v, const std::string& fallback = {});

}  // namespace winnow::core
