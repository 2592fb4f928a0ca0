// CsvReader (core/dataset/csv_reader) on arbitrary bytes: every record of the file is read.
// Findings: a crash, a hang, a sanitizer report, or a broken promise of the reader (line numbers
// going backwards, more bytes read than the file holds, more records than lines).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/dataset/csv_reader.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const auto file = dir / "manifest.csv";
    fuzz::writeFile(file, data, size);
    try {
        core::CsvReader reader(file);
        std::vector<std::string> fields;
        std::string error;
        int64_t line = 0, lastLine = 0, records = 0;
        while (reader.next(fields, line, error)) {
            if (line < lastLine || fields.empty() || reader.bytesRead() > reader.fileSize() ||
                ++records > int64_t(size) + 1) {
                std::fprintf(stderr, "CsvReader broke its contract at line %lld\n", static_cast<long long>(line));
                std::abort();
            }
            lastLine = line;
        }
    } catch (const core::Error&) {
        // Expected for input that cannot be read at all.
    }
    return 0;
}
