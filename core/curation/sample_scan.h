#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/curation/image_quality.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// One pass over a project's image-like samples (image files and array records with status
// ok; video clips are not images and are counted apart) that yields, per sample:
//   - the model-free descriptor (greyThumbnailDescriptor, 16x16 = 256 floats),
//   - the pixel statistics of image quality,
//   - a content hash: SHA-256 of the file's bytes (image files) or of the decoded pixels
//     (array records), for exact duplicates (import stores none).
// Cached in <cache>/curation/scan/ (meta.json written last, naming the descriptor and the
// samples' signature); a cache whose signature differs from the project's samples is rebuilt.
struct SampleScan {
    static constexpr const char* kDescriptor = "thumbnail-grey16";
    std::string descriptor = kDescriptor;
    int dim = kThumbnailSide * kThumbnailSide;
    std::string samplesSignature;
    std::vector<int64_t> ids;                      // scanned samples, ascending id
    std::vector<float> thumbs;                     // ids.size() x dim
    std::vector<ImageQuality> quality;             // per scanned sample
    std::vector<std::array<uint8_t, 32>> hash;     // per scanned sample
    int64_t failed = 0;                            // decodable at import, not now
    int64_t clips = 0;                             // video clips, not scanned
    std::vector<std::string> problems;             // the first 100 "path: reason"
    bool fromCache = false;
    std::string cacheWarning;                      // why the cache could not be written, if so

    int64_t n() const { return int64_t(ids.size()); }
};

// SHA-256 over every sample's identity (id, kind, path, array, record, frames, status) and the
// descriptor: changes when samples are added, removed, moved or repaired.
std::string samplesSignature(Project& project);

// Reads the cache when it matches, else scans (threads = 0: the machine's cores) and writes it.
// Files that can no longer be decoded are counted and named in `problems`; the rest goes on.
SampleScan scanSamples(Project& project, const ProgressFn& progress = {},
                       const CancelToken* cancel = nullptr, int threads = 0);

}  // namespace winnow::core
