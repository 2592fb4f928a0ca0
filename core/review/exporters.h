#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/util/progress.h"

namespace winnow::core {

class Project;

// Corrected labels, one row per sample: id, path (array record "file#index", clip
// "file@start-end"), split, original label (as imported), final label (current version),
// the effective review action, reviewer and time. CSV is RFC 4180, UTF-8.
void exportLabelsCsv(Project& project, const std::filesystem::path& out);
void exportLabelsJson(Project& project, const std::filesystem::path& out);

struct ImageFolderOptions {
    bool copy = false;          // false: symbolic links to the media; true: copies
    bool force = false;         // allow a non-empty target folder
    bool includeExcluded = false;
};

struct ImageFolderReport {
    int64_t written = 0;
    int64_t skipped = 0;        // unlabelled, unreadable or excluded samples
};

// Writes <target>/<split>/<class>/<sample id>.<ext> for the cleaned dataset (current label
// version). Array records are written as PNG. Refuses a non-empty target unless forced and
// never writes outside `target` (class names are sanitised into single path components).
ImageFolderReport exportImageFolder(Project& project, const std::filesystem::path& target,
                                    const ImageFolderOptions& options,
                                    const ProgressFn& progress = {},
                                    const CancelToken* cancel = nullptr);

// Makes a class name safe as one folder name: no separators, no "."/"..", no control chars.
std::string safePathComponent(const std::string& name);

// Quotes a CSV field when needed (RFC 4180).
std::string csvField(const std::string& s);

}  // namespace winnow::core
