#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/progress.h"

namespace winnow::core {

class Project;

// The decoded array caches (X.winnow-cache/arrays/*.u8) of IDX and CIFAR imports can be
// deleted or damaged without touching the project file; the samples still point at them.
// Repair re-decodes each missing or wrongly sized cache from the source file the import
// recorded, byte for byte as the import wrote it. Samples, labels and reviews stay as they are.
struct ArrayCacheState {
    int64_t arrayId = 0;
    std::string source;                  // the IDX images file or CIFAR batch
    std::filesystem::path cacheFile;     // absolute
    bool ok = false;                     // present and of the expected size
    std::string problem;                 // why not, when !ok
};

// The state of every array cache of the project (reads only).
std::vector<ArrayCacheState> checkArrayCaches(Project& project);

struct RepairReport {
    int64_t checked = 0;
    int64_t repaired = 0;
    std::vector<std::string> failures;   // one line per cache that could not be rebuilt
    std::vector<std::string> messages;   // one line per cache rebuilt
};

// Rebuilds every missing or damaged array cache from its recorded source. A cache is
// written to a temporary file and renamed into place only when complete; a source that is
// gone or no longer matches (geometry, fewer records) is a failure naming the file, and the
// cache is left as it was. Throws Cancelled when cancelled.
RepairReport repairArrayCaches(Project& project, const ProgressFn& progress = {},
                               const CancelToken* cancel = nullptr);

}  // namespace winnow::core
