#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/curation/float_rows.h"
#include "core/curation/image_quality.h"
#include "core/dataset/sample.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// One pass over a project's samples with status ok (image files, array records and video
// clips) that yields, per sample:
//   - the model-free descriptor (greyThumbnailDescriptor, 16x16 = 256 floats); for a clip the
//     mean of its sampled frames' descriptors, L2-normalised again (core/curation/clip_scan.h),
//   - the pixel statistics of image quality; for a clip the median per property over its
//     sampled frames, each of which is kept in the frames table below,
//   - a content hash: SHA-256 of the file's bytes (image files), of the decoded pixels (array
//     records) or of the sampled frames' decoded pixels (clips), for exact duplicates, compared
//     with the hash the import took (image files and records) to name what changed since.
// Cached in <cache>/curation/scan/ (meta.json removed first and written last, naming the descriptor, its version
// and the samples' signature); a cache whose signature or version differs is rebuilt.
struct SampleScan {
    static constexpr const char* kDescriptor = "thumbnail-grey16";
    // 2: video clips scanned (frames table); 1: images only. Part of the samples' signature.
    static constexpr int kDescriptorVersion = 2;
    std::string descriptor = kDescriptor;
    int descriptorVersion = kDescriptorVersion;
    int dim = kThumbnailSide * kThumbnailSide;
    std::string samplesSignature;
    std::vector<int64_t> ids;                      // scanned samples, ascending id
    // ids.size() x dim; memory-mapped from the cache's thumb.f32 when the cache holds them
    // (shared with the thumbnail features made from this scan, which copy nothing).
    std::shared_ptr<const FloatRows> thumbs = FloatRows::held({});
    std::vector<ImageQuality> quality;             // per scanned sample
    std::vector<std::array<uint8_t, 32>> hash;     // per scanned sample
    // The frames table: one row per sampled frame of each scanned clip, clips in id order.
    std::vector<int64_t> frameSampleIds;           // the clip's sample id
    std::vector<int64_t> frameIndex;               // the frame's index in its video
    std::vector<ImageQuality> frameQuality;
    int64_t failed = 0;                            // decodable at import, not now (images and clips)
    int64_t clips = 0;                             // video clips scanned (among ids)
    std::vector<std::string> problems;             // the first 100 "path: reason"
    // Samples whose content hash now differs from the one taken at their import
    // (samples.content_sha256): the file was edited or replaced since. Scanned as they are now.
    int64_t changedSinceImport = 0;
    std::vector<std::string> changed;              // the first 100 "path: what changed"
    bool fromCache = false;
    std::string cacheWarning;                      // why the cache could not be written, if so

    int64_t n() const { return int64_t(ids.size()); }
};

// The samples the scan reads (status ok), ascending id, as the loaders need them (clips with
// their frame range; -1 where a column is empty).
std::vector<Sample> scannableSamples(Project& project);

// SHA-256 over every sample's identity (id, kind, path, array, record, frames, status) and the
// descriptor with its version: changes when samples are added, removed, moved or repaired.
std::string samplesSignature(Project& project);

// Reads the cache when it matches, else scans (threads = 0: the machine's cores) and writes it.
// Files that can no longer be decoded are counted and named in `problems`; the rest goes on.
SampleScan scanSamples(Project& project, const ProgressFn& progress = {},
                       const CancelToken* cancel = nullptr, int threads = 0);

}  // namespace winnow::core
