#include "core/dataset/sample.h"

#include <algorithm>
#include <cctype>

namespace winnow::core {

const char* splitName(Split s) {
    switch (s) {
        case Split::Train: return "train";
        case Split::Val: return "val";
        case Split::Test: return "test";
    }
    return "train";
}

std::optional<Split> parseSplit(std::string_view s) {
    std::string l(s);
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
    if (l == "train" || l == "training") return Split::Train;
    if (l == "val" || l == "valid" || l == "validation") return Split::Val;
    if (l == "test" || l == "testing") return Split::Test;
    return std::nullopt;
}

}  // namespace winnow::core
