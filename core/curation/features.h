#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/curation/float_rows.h"
#include "core/curation/neighbours.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;
struct SampleScan;

// Features for the neighbour graph, rows L2-normalised (so squared distances lie in [0,4] and a
// near-duplicate threshold means the same for every feature source), one row per sample id.
struct FeatureMatrix {
    std::string name;              // "thumbnail-grey16" | "run:<id>" | "encoder:<identity>"
    std::string description;       // what the rows are, for results
    std::vector<int64_t> ids;      // ascending sample ids
    int dim = 0;
    // ids.size() x dim: memory-mapped from a feature file in the cache (run and encoder
    // features, the scan's thumbnails) or, where no file could be written, held in memory.
    std::shared_ptr<const FloatRows> rows = FloatRows::held({});
    std::string fingerprint;       // SHA-256 of the source bytes and ids
    std::string cacheWarning;      // why the rows are held in memory, not mapped from the cache

    int64_t n() const { return int64_t(ids.size()); }
    const float* data() const { return rows->data(); }
    const float* row(int64_t r) const { return rows->data() + r * dim; }
    FeatureView view() const { return {data(), n(), dim, name, fingerprint}; }
};

// Scales every row to unit L2 norm (an all-zero row stays zero).
void normaliseRows(std::vector<float>& data, int dim);

// The scan's grey-thumbnail descriptors (already unit length or zero), sharing its rows.
FeatureMatrix thumbnailFeatures(const SampleScan& scan);
// A finished run's penultimate features h (runs/<id>/features.f32), normalised. Streamed: the
// run's file is read block by block into a normalised copy in <cache>/curation/features/
// (run-<id>.f32, its key in run-<id>.json written last), which is then memory-mapped; the copy is
// reused while the key (the SHA-256 of features.f32 and the sample ids) matches. Where the copy
// cannot be written the rows are held in memory instead and `cacheWarning` says why. Throws Error
// naming the run when it has no outputs, or the file when it holds a value that is not finite.
FeatureMatrix runFeatures(Project& project, int64_t runId);
// "thumbnail", "run:<id>" or "encoder:<model>" (any model openDualEncoder accepts; see
// encoder_features.h, where progress and cancel apply); throws Error naming the bad spec, or the
// model file and the reason it cannot be used.
FeatureMatrix loadFeatures(Project& project, const std::string& spec, const SampleScan& scan,
                           const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
