#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/csv.h"  // csvField, used by every CSV export
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// Corrected labels, one row per sample: id, path (array record "file#index", clip
// "file@start-end"), split, original label (as imported), final label (current version),
// the effective review action, reviewer and time. CSV is RFC 4180, UTF-8. Written to a
// temporary beside `out` and renamed over it at the end: a failed or cancelled export
// (Cancelled, polled per row) leaves `out` as it was and no temporary behind.
void exportLabelsCsv(Project& project, const std::filesystem::path& out, const ProgressFn& progress = {},
                     const CancelToken* cancel = nullptr);
void exportLabelsJson(Project& project, const std::filesystem::path& out, const ProgressFn& progress = {},
                      const CancelToken* cancel = nullptr);

struct ImageFolderOptions {
    bool copy = false;          // false: symbolic links to the media; true: copies
    bool force = false;         // allow a non-empty target folder
    bool includeExcluded = false;
};

struct ImageFolderReport {
    int64_t written = 0;
    int64_t skipped = 0;        // unlabelled, unreadable or excluded samples
};

// Writes <target>/<split>/<class folder>/<sample id>.<ext> for the cleaned dataset (current
// label version) and <target>/classes.json, the class -> folder mapping. Array records are
// written as PNG. Refuses a non-empty target unless forced, never writes outside `target` or
// over a file of the project (ProtectedPaths); every file is written completely or not at
// all, and a failed or cancelled export removes the files and folders it created.
ImageFolderReport exportImageFolder(Project& project, const std::filesystem::path& target,
                                    const ImageFolderOptions& options,
                                    const ProgressFn& progress = {},
                                    const CancelToken* cancel = nullptr);

// Makes a class name safe as one folder name: no separators, no "."/"..", no control chars,
// at most 100 bytes (cut on a UTF-8 character boundary).
std::string safePathComponent(const std::string& name);

// The folder of each class (same order): the name itself when it is already safe; otherwise
// safePathComponent(name) plus "~" and 8 hex digits of a hash of the full name; a folder still
// taken (ignoring ASCII case) gets "~2", "~3"... Distinct classes never share a folder.
std::vector<std::string> classFolderNames(const std::vector<std::string>& classNames);

}  // namespace winnow::core
