#pragma once
#include <cstdint>
#include <vector>

namespace winnow::core {

// A fitted two-component 1-D Gaussian mixture; component 0 has the smaller mean (G_low).
struct Gmm1d {
    double weight[2] = {0.5, 0.5};
    double mean[2] = {0.0, 0.0};
    double var[2] = {1.0, 1.0};
    double meanLogLik = 0.0;  // per point, of the kept restart
    int iterations = 0;
    bool valid = false;       // false when there were fewer than 2 distinct points

    // Posterior of component 1 (G_high) for a value.
    double posteriorHigh(double x) const;
};

// METHODS.md §4: EM with k-means++-style initialisation, `restarts` seeds, best
// log-likelihood kept, variance floor relative to the data variance, at most `maxIter`
// iterations, stop when the mean log-likelihood changes by less than `tol`.
struct GmmOptions {
    int restarts = 5;
    int maxIter = 200;
    double tol = 1e-6;
    double varFloor = 1e-6;   // times the data variance
    uint64_t seed = 1;
};

Gmm1d fitGmm1d(const std::vector<double>& x, const GmmOptions& options = {});

}  // namespace winnow::core
