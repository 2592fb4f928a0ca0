#include "core/store/migrations.h"

namespace winnow::core {

// The content hash taken when a sample is imported (issue 14): SHA-256 of the file's bytes for
// an image file, of the record's geometry and pixels for an array record (core/util/sha256.h);
// NULL for video clips (whose hash needs decoded frames, taken by the curation scan) and for
// samples imported before this step. Imports report exact copies from it at once; the curation
// scan compares it with the file as it is now and names the files changed since their import.
const char* migration011ContentHash() {
    return R"SQL(
ALTER TABLE samples ADD COLUMN content_sha256 BLOB;
)SQL";
}

}  // namespace winnow::core
