#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// Opens the dual encoder a model value names, for the CLI and the GUI alike:
//  * "hash-demo" (or its alias "builtin-hash"): the deterministic test baseline
//    (hash_demo_encoder.h; not a model);
//  * a file starting with the built-in encoder's magic line: BuiltinEncoder::load with the
//    bundled (or found) CLIP merges file;
//  * any other file: a TorchScript CLIP-family model (torchscript_encoder.h), preprocessing
//    from `preprocessingFile` when given, else the archive's, else CLIP's.
// Throws Error naming the file and the reason (missing, not a model, failed checks).
std::unique_ptr<DualEncoder> openDualEncoder(const std::string& model,
                                             const std::filesystem::path& preprocessingFile = {},
                                             const std::string& device = "auto");

}  // namespace winnow::core
