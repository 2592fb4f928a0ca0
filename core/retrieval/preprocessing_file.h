#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/retrieval/dual_encoder.h"

namespace winnow::core {

// The name of the preprocessing JSON inside a TorchScript archive (torch.jit.save's
// _extra_files) and the merges file Winnow bundles (resources/retrieval/, MIT, OpenAI).
inline constexpr const char* kPreprocessingExtraFile = "winnow_preprocessing.json";
inline constexpr const char* kClipMergesFileName = "bpe_simple_vocab_16e6.txt.gz";

// Parses a dual encoder's preprocessing JSON (an object; every field optional, defaults are
// CLIP's from dual_encoder.h):
//   image_size      whole number 1..4096
//   resize          "short-side-center-crop" | "squash"
//   mean, std       three numbers (std > 0), applied to [0, 1] RGB
//   context_length  whole number 2..4096
//   start_id, end_id, pad_id   whole numbers >= 0
//   merges          path of the BPE merges file, relative to `baseFolder`
// An unknown field, a wrong type or a value out of range is an Error naming `source` and the
// field. The merges path is only resolved here (text.merges, may not exist); mergesSha256 is
// left empty.
EncoderPreprocessing parsePreprocessingJson(const std::string& text, const std::string& source,
                                            const std::filesystem::path& baseFolder);

// Where the default merges file is looked for, in order: the installed copy
// (<exe>/../share/winnow/retrieval/), the source tree's resources/retrieval/ (builds run from
// the build folder), beside the model, and ../shared/data/clip/ from the model's folder.
std::vector<std::filesystem::path> defaultMergesCandidates(const std::filesystem::path& modelFile);

// The first existing candidate; Error listing every place looked at when none exists.
std::filesystem::path findDefaultMerges(const std::filesystem::path& modelFile);

}  // namespace winnow::core
