// parseJson (core/util/json_text), the entry point for JSON from outside the program, and what
// readers do with the value: lenient field access and dumping it again. A parsed value must
// dump to text that parses to the same value.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/util/error.h"
#include "core/util/json_text.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json j;
    try {
        j = core::parseJson(text, "fuzz input");
    } catch (const core::Error&) {
        (void)core::parseJsonOrNull(text);
        return 0;
    }
    (void)core::jsonDouble(core::jsonField(j, "lr"));
    (void)core::jsonInt(core::jsonItem(j, 0));
    (void)core::jsonString(core::jsonField(j, "name"));
    (void)core::jsonBool(core::jsonItem(core::jsonArray(j), 1));
    const std::string again = core::dumpJson(j);
    const nlohmann::json back = core::parseJsonOrNull(again);
    if (back != j) {
        std::fprintf(stderr, "dumped JSON does not parse back to the same value: %s\n", again.c_str());
        std::abort();
    }
    (void)core::dumpJson(j, 2);
    return 0;
}
