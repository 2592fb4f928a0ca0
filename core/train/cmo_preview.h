#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/media/image.h"

namespace winnow::core {

class Database;
struct TrainConfig;

// One CMO draw (METHODS §10) for the preview grid: the background from the instance sampler
// P, the foreground from the class-weighted sampler Q (weight n_y^-r, r = cfg.cmoR), the
// mixed image with the foreground's box pasted, the recomputed λ (background share) and both
// labels. Images are shown unaugmented; the foreground is resized to the background's size.
struct CmoDraw {
    Image background, foreground, mixed;
    double lambda = 1.0;
    int labelBackground = -1, labelForeground = -1;
    int64_t idBackground = 0, idForeground = 0;
    int boxX0 = 0, boxY0 = 0, boxX1 = 0, boxY1 = 0;
};

struct CmoPreview {
    std::vector<CmoDraw> draws;
    std::vector<std::string> classNames;
    std::vector<int64_t> trainCounts;  // n_k over the training set the run would use
    std::vector<double> p, q;          // class frequencies of P (instance) and Q
};

// Same seed, same draws. Uses cfg.cmoR and cfg.excludeIds. Throws Error when there are no
// labelled training samples or pixels cannot be loaded.
CmoPreview cmoPreview(Database& db, const TrainConfig& cfg, uint64_t seed, int count);

}  // namespace winnow::core
