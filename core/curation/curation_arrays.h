#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/curation/image_quality.h"

namespace winnow::core {

class Project;
struct StoredCuration;

// The per-sample arrays of one stored curation result (<cache>/<resultDir>/, written by
// storeCuration): what the Issues view's threshold slider and "More like this" read, without
// rescanning or searching again.
struct CurationArrays {
    int64_t n = 0;
    int k = 0;
    std::string features;              // the features the neighbours used
    std::vector<int64_t> sampleIds;    // ascending
    std::vector<int64_t> knnIds;       // n x k sample ids of the nearest neighbours, -1 = none
    std::vector<float> knnDist;        // n x k squared L2 distances, ascending per row
    // n x k rows (in this result) of knnIds, -1 = none: filled by loadCurationArrays so the
    // threshold slider unites rows without a search per edge; empty = looked up with rowOf.
    std::vector<int32_t> knnRows;
    std::vector<float> outlier, neighbourConflict;  // per row (may be empty)
    // Image quality of the scanned samples (their own rows: clips and unreadable samples are
    // not scanned); empty for a result stored without them. qualityIds ascending as stored.
    std::vector<int64_t> qualityIds;
    std::vector<ImageQuality> quality;
    std::vector<uint8_t> qualityFlags;
    // Clips' sampled frames (clip id, frame number, flags), in clip id order; empty without clips.
    std::vector<int64_t> frameIds, frameIndex;
    std::vector<uint8_t> frameFlags;
    // Row of a sample id, or -1.
    int64_t rowOf(int64_t sampleId) const;
};

// Reads the arrays of a stored result. Throws Error naming the file and the reason when the
// folder is missing, a file is absent or its size does not match meta.json. The quality files
// are optional together (all three or none); their sizes must agree with quality_ids.i64.
CurationArrays loadCurationArrays(const Project& project, const StoredCuration& result);

// The sampled frames of a clip that raise a quality issue type ("dark", ...), ascending frame
// numbers; empty for images, other issue types or a result without frames.
std::vector<int64_t> storedClipFrames(const CurationArrays& arrays, int64_t sampleId, const std::string& issueType);

// Duplicate groups a near-duplicate threshold would give: union-find over the stored neighbour
// edges with distance <= threshold, plus `joined` sets of sample ids (e.g. the stored
// exact-duplicate groups, found by content hash) kept together whatever the threshold.
struct DuplicateGroupCount {
    int64_t groups = 0;   // sets of two or more samples
    int64_t samples = 0;  // samples in those sets
    int64_t largest = 0;  // samples in the largest set (0 = none)
};
DuplicateGroupCount nearDuplicateGroupsAt(const CurationArrays& arrays, double threshold,
                                          const std::vector<std::vector<int64_t>>& joined = {});

// The stored nearest neighbours of one sample (sample id, squared L2 distance), nearest first,
// at most `k` (all stored when k <= 0); empty when the sample was not in the result.
std::vector<std::pair<int64_t, float>> storedNeighbours(const CurationArrays& arrays, int64_t sampleId,
                                                        int k = 0);

// One issue type of a stored result against a self-test's injected noise: a sample is noisy
// when its original label is known and differs from its current label. Only the samples the
// result covered count (its arrays: `arrays` when given, else read here). `available` is false
// when the project has no self-test truth.
struct CurationSelfTest {
    bool available = false;
    int64_t samples = 0, noisy = 0, flagged = 0, truePositives = 0;
    double precision = 0, recall = 0;
};
CurationSelfTest curationSelfTest(Project& project, const StoredCuration& result, const std::string& issue,
                                  const CurationArrays* arrays = nullptr);

}  // namespace winnow::core
