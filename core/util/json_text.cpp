#include "core/util/json_text.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/util/error.h"

namespace winnow::core {

namespace {

// Offset of the first bracket nested deeper than kJsonMaxDepth, or npos. Brackets inside strings
// do not count; the grammar itself is nlohmann's to check.
size_t tooDeepAt(std::string_view text) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kJsonMaxDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

}  // namespace

nlohmann::json parseJson(std::string_view text, const std::string& origin) {
    if (const size_t at = tooDeepAt(text); at != std::string_view::npos)
        throw Error(origin + ": invalid JSON: nested deeper than " + std::to_string(kJsonMaxDepth) +
                    " levels at byte " + std::to_string(at));
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(origin + ": invalid JSON: " + e.what());
    }
}

nlohmann::json parseJsonOrNull(std::string_view text) {
    if (tooDeepAt(text) != std::string_view::npos) return nullptr;
    nlohmann::json v = nlohmann::json::parse(text, nullptr, false);  // no exceptions
    return v.is_discarded() ? nlohmann::json() : v;
}

nlohmann::json readJsonFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot read " + file.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw Error("cannot read " + file.string());
    return parseJson(ss.str(), file.string());
}

std::string dumpJson(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

const nlohmann::json& jsonField(const nlohmann::json& j, const std::string& key) {
    static const nlohmann::json null;
    if (!j.is_object()) return null;
    const auto it = j.find(key);
    return it == j.end() ? null : *it;
}

const nlohmann::json& jsonItem(const nlohmann::json& j, size_t index) {
    static const nlohmann::json null;
    return j.is_array() && index < j.size() ? j[index] : null;
}

const nlohmann::json& jsonArray(const nlohmann::json& j) {
    static const nlohmann::json empty = nlohmann::json::array();
    return j.is_array() ? j : empty;
}

double jsonDouble(const nlohmann::json& v, double fallback) {
    return v.is_number() ? v.get<double>() : fallback;
}

int64_t jsonInt(const nlohmann::json& v, int64_t fallback) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<uint64_t>();
        return u <= uint64_t(std::numeric_limits<int64_t>::max()) ? int64_t(u) : fallback;
    }
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_number_float()) {
        const double d = std::round(v.get<double>());
        // 2^63 is exactly representable; anything at or past it does not fit.
        if (std::isfinite(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) return int64_t(d);
    }
    return fallback;
}

bool jsonBool(const nlohmann::json& v, bool fallback) { return v.is_boolean() ? v.get<bool>() : fallback; }

std::string jsonString(const nlohmann::json& v, const std::string& fallback) {
    return v.is_string() ? v.get<std::string>() : fallback;
}

}  // namespace winnow::core
