#pragma once
#include <cstdint>
#include <string>

#include "core/curation/features.h"
#include "core/util/progress.h"

namespace winnow::core {

class DualEncoder;
class Project;
struct SampleScan;

// Features from an image encoder (issue 14): every scanned sample decoded as the scan decodes
// it (encoder_inputs.h: images and array records through ImageLoader, a video clip's 8
// segment-centre frames through ClipScanner) and encoded with DualEncoder::encodeImages in
// batches; a clip's row is the mean of its frames' rows (each L2-normalised first, so every
// frame counts the same); rows L2-normalised, named "encoder:<identity>". Cached in <cache>/curation/features/ under the
// encoder's identity, with a key (SHA-256 of the identity, the preprocessing's canonical() and
// the samples' signature) in the JSON written last: another key, or damaged files, recompute.

inline constexpr const char* kEncoderSpecPrefix = "encoder:";
// True for "encoder:<model>" with a non-empty model.
bool isEncoderSpec(const std::string& spec);
// The model part of "encoder:<model>" (what openDualEncoder accepts).
std::string encoderModelOf(const std::string& spec);

struct EncoderFeaturesReport {
    bool fromCache = false;
    int64_t failed = 0;            // scanned samples that no longer decode (left out, named below)
    std::vector<std::string> problems;  // the first 100 "path: reason"
    std::string cacheWarning;      // why the result could not be cached, if so
};

inline constexpr int kEncoderBatch = 32;
// The cache's format, part of its key: 2 since video clips are encoded (a clip's row is the
// mean of its sampled frames' unit rows, L2-normalised again); caches of 1 are rebuilt.
inline constexpr int kEncoderFeaturesFormat = 2;

// Encodes (or reads from the cache) the rows of every sample of `scan`. Throws Error naming the
// model when it fails, Cancelled when cancelled (nothing is cached then).
FeatureMatrix encoderFeatures(Project& project, DualEncoder& encoder, const SampleScan& scan,
                              const ProgressFn& progress = {}, const CancelToken* cancel = nullptr,
                              EncoderFeaturesReport* report = nullptr);

}  // namespace winnow::core
