#include "core/util/number_text.h"

#include <charconv>
#include <cmath>

namespace winnow::core {

namespace {

std::string nonFinite(double v) {
    if (std::isnan(v)) return "nan";
    return v > 0 ? "inf" : "-inf";
}

}  // namespace

std::string formatNumber(double v) {
    if (!std::isfinite(v)) return nonFinite(v);
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string formatNumber(double v, int decimals) {
    if (!std::isfinite(v)) return nonFinite(v);
    char buf[400];  // DBL_MAX in fixed notation has 309 digits before the point
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals < 0 ? 0 : decimals > 60 ? 60 : decimals);
    if (r.ec != std::errc()) return formatNumber(v);
    return std::string(buf, r.ptr);
}

std::string formatSignificant(double v, int digits) {
    if (!std::isfinite(v)) return nonFinite(v);
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits < 1 ? 1 : digits > 17 ? 17 : digits);
    if (r.ec != std::errc()) return formatNumber(v);
    return std::string(buf, r.ptr);
}

std::optional<double> parseNumber(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    }
    if (digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        size_t expDigits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++expDigits;
        if (expDigits == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    double v = 0.0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace winnow::core
