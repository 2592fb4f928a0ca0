#pragma once
#include <cstdint>
#include <vector>

#include "core/curation/neighbours.h"
#include "core/influence/gmm.h"

namespace winnow::core {

// Outliers: distance to the k-th neighbour (sqrt of the squared L2), divided by the median of
// that distance in the sample's class (unlabelled samples form one class of their own), so a
// spread-out class does not fill the list. A two-component GMM (core/influence/gmm) on
// log(score) cuts: flagged when the posterior of the high component exceeds 0.5, the score is
// above the class median (score > 1) and log(score) is more than 3 scaled MADs above its median
// (the GMM alone splits a unimodal bulk in two).
struct OutlierScores {
    std::vector<float> score;    // per row, higher = more isolated; NaN when no neighbour exists
    std::vector<uint8_t> flag;
    Gmm1d gmm;
    double robustCut = 0;        // on log(score)
};
OutlierScores scoreOutliers(const NeighbourGraph& graph, const int32_t* label, const GmmOptions& gmm = {});

// Label conflict by neighbours: per labelled row, the fraction of its labelled neighbours that
// carry another label (NaN when the row or all its neighbours are unlabelled).
std::vector<float> neighbourLabelConflict(const NeighbourGraph& graph, const int32_t* label);

}  // namespace winnow::core
