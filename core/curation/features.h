#pragma once
#include <cstdint>
#include <string>
#include <vector>

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
    std::vector<float> data;       // ids.size() x dim
    std::string fingerprint;       // SHA-256 of the source bytes and ids

    int64_t n() const { return int64_t(ids.size()); }
    FeatureView view() const { return {data.data(), n(), dim, name, fingerprint}; }
};

// Scales every row to unit L2 norm (an all-zero row stays zero).
void normaliseRows(std::vector<float>& data, int dim);

// The scan's grey-thumbnail descriptors (already unit length or zero).
FeatureMatrix thumbnailFeatures(const SampleScan& scan);
// A finished run's penultimate features h (runs/<id>/features.f32), normalised. Throws Error
// naming the run when it has no outputs.
FeatureMatrix runFeatures(Project& project, int64_t runId);
// "thumbnail", "run:<id>" or "encoder:<model>" (any model openDualEncoder accepts; see
// encoder_features.h, where progress and cancel apply); throws Error naming the bad spec, or the
// model file and the reason it cannot be used.
FeatureMatrix loadFeatures(Project& project, const std::string& spec, const SampleScan& scan,
                           const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
