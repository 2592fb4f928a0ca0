#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/retrieval/caption_set.h"

namespace winnow::core {

class Project;

struct CaptionImportOptions {
    std::filesystem::path imageFolder;  // empty: images are not checked (they must be at eval time)
    std::string format = "auto";        // auto | karpathy | coco | csv
    AttackLayout attacks = AttackLayout::Auto;
};

struct CaptionImportResult {
    int64_t setId = 0;                  // 0: nothing imported
    CaptionSet set;                     // as loaded, with every issue
};

// Imports a caption set into the project (retrieval_store.h): loadCaptionSet, then every
// found image's header and end marker are probed (a corrupt one becomes an issue and status
// 'corrupt'); missing and corrupt images are per-file issues and the rest imports. Throws
// Error naming the file when it is in none of the formats (or not in the one `format` asks
// for), when the image folder does not exist, or when no image of the set can be used.
CaptionImportResult importCaptionSet(Project& project, const std::filesystem::path& file,
                                     const CaptionImportOptions& options = {});

}  // namespace winnow::core
