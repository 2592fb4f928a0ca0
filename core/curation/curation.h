#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/curation/duplicates.h"
#include "core/curation/image_quality.h"
#include "core/curation/neighbours.h"
#include "core/util/json_text.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// What `winnow-cli issues` (and later the Issues view) asks for.
struct CurationOptions {
    std::string features = "thumbnail";   // thumbnail | run:<id> | encoder:<model>
    int k = 10;
    // Squared L2 distance between unit feature vectors (0..4; cosine = 1 - d/2) at or below
    // which two samples are near duplicates; negative = automatic: 0.13 x the median distance
    // to the nearest neighbour, within [0.002, 0.05] (Fashion-MNIST's thumbnails have a median
    // nearest distance of 0.06: a fixed 0.05 chained half of the set into groups). tst_curation_duplicates: resized, re-encoded (JPEG
    // 70) and 4%-cropped copies stay at or below 0.0125 with the thumbnail descriptor, distinct
    // images of one family at 0.28 or more.
    double nearThreshold = -1;
    double neighbourConflictAbove = 0.5;  // fraction of neighbours with another label
    NeighbourOptions neighbours;          // k is taken from above
    QualityOptions quality;
    int threads = 0;
};

// One issue of one sample, as stored and exported (CSV: issue type, sample, group, score).
struct CurationIssue {
    std::string type;
    int64_t sampleId = 0;
    int64_t group = -1;   // duplicate group id, -1 for other issues
    double score = 0;
};

struct CurationResult {
    std::string features;               // the features the neighbours used
    std::string featuresDescription;
    NeighbourGraph graph;               // method, recall, timings (rows = featureIds)
    std::vector<int64_t> featureIds;
    std::vector<DuplicateGroup> groups; // rows index featureIds
    std::vector<float> outlierScore, neighbourConflict;  // per featureIds row
    std::vector<int64_t> qualityIds;    // scanned samples
    std::vector<ImageQuality> quality;
    std::vector<uint8_t> qualityFlags;  // clips: a flag raised by at least half their sampled frames
    // Sampled frames of the scanned clips (clips in id order): clip id, frame index, quality, flags.
    std::vector<int64_t> frameIds, frameIndex;
    std::vector<ImageQuality> frameQuality;
    std::vector<uint8_t> frameFlags;
    std::vector<CurationIssue> issues;  // flagged only, ordered by type then score (high first)
    nlohmann::json params;
    nlohmann::json summary;             // counts per issue type, groups, method, recall, warnings
    int64_t storedId = -1;
    std::string arraysWarning;          // storeCuration: why the per-sample arrays were not written
};

// Scans the samples (cached), loads the features, builds the neighbour graph (index cached in
// <cache>/curation/), then finds duplicate groups, leakage, label conflicts, outliers,
// neighbour label conflicts and image-quality flags. Throws Error for bad features.
CurationResult runCuration(Project& project, const CurationOptions& options,
                           const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// Stores a result: a curation_results row, its issues and per-sample score files in
// <cache>/curation/results/<id>/. Returns the new id (also set in result.storedId). When the
// arrays cannot be written (cache folder read-only or full) the issues stay stored, the result
// has no arrays (no map or histograms) and result.arraysWarning says why.
int64_t storeCuration(Project& project, CurationResult& result);

// Every issue type a result can hold, in report order.
std::vector<std::string> curationIssueTypes();

}  // namespace winnow::core

namespace winnow::core {

// The sampled frames of clip `sampleId` that raise the quality flag named `issueType` ("dark",
// ...), ascending; empty for images and for other issue types.
std::vector<int64_t> clipFramesOfIssue(const CurationResult& result, int64_t sampleId, const std::string& issueType);

// CSV of the issues (issue, sample_id, group, score, path, frames) through the project's export file
// (a protected path is refused; nothing replaces `out` unless the whole file was written).
// `frames` lists, for a clip's quality issue, the sampled frames raising it (space separated).
// Returns the number of rows.
int64_t exportCurationIssues(Project& project, const CurationResult& result, const std::filesystem::path& out);

}  // namespace winnow::core
