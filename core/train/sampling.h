#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace winnow::core {

// Sampling arithmetic shared by the trainer, the CMO preview and the tests. No torch here so
// it can be checked by hand. One engine type everywhere so seeded runs are reproducible.
using Rng = std::mt19937_64;

// Number of rows per class among `labels` (classes 0..K-1; labels < 0 are ignored).
std::vector<int64_t> classCounts(const std::vector<int32_t>& labels, int classes);

// q(r,k): class probabilities when each sample has weight n_y^(-r) (METHODS §10):
// q_k = n_k^(1-r) / sum_j n_j^(1-r) over classes with n_k > 0. r = 0 is instance sampling,
// r = 1 class-balanced.
std::vector<double> classProbabilities(const std::vector<int64_t>& counts, double r);

// Draws row positions 0..n-1 with replacement with probability proportional to their
// sample's weight n_y^(-r) (the class-weighted sampler Q). Two-stage draw (class by q, then a
// uniform member) which has exactly that distribution.
class WeightedClassSampler {
public:
    WeightedClassSampler(const std::vector<int32_t>& labels, int classes, double r);
    int64_t draw(Rng& rng) const;
    const std::vector<double>& classProbs() const { return m_q; }

private:
    std::vector<double> m_q;
    std::vector<std::vector<int64_t>> m_members;
    mutable std::discrete_distribution<int> m_classDist;
};

// One epoch of row positions for sampler "instance" (a permutation), "class-balanced" (r = 1)
// or "qr" (r = samplerR), both with replacement, n draws.
std::vector<int64_t> epochOrder(const std::vector<int32_t>& labels, int classes,
                                const std::string& sampler, double r, Rng& rng);

// CutMix box (METHODS §10): side·sqrt(1-λ) box with a uniform centre, clipped to the image;
// `lambda` is the recomputed 1 - box area / image area.
struct CutBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
    double lambda = 1.0;
};
CutBox cutBoxFor(int width, int height, double lambdaDrawn, int centreX, int centreY);
// Draws λ ~ Beta(1,1) and a uniform centre, then clips.
CutBox drawCutBox(int width, int height, Rng& rng);

// METHODS §11: many > 100 train samples, medium 20..100, few < 20.
enum class Shot { Many = 0, Medium = 1, Few = 2 };
Shot shotOf(int64_t trainCount);
const char* shotName(Shot s);

// Long-tailed subset (METHODS §11): class k (0-based, in order of the model index) keeps
// n_k = floor(n_max · ρ^(-k/(K-1))) samples chosen uniformly with `seed`, where n_max is the
// largest class. Returns the positions (into `labels`) to keep, ascending.
std::vector<int64_t> longTailedSubset(const std::vector<int32_t>& labels, int classes,
                                      double rho, uint64_t seed);
std::vector<int64_t> longTailedCounts(int64_t nMax, int classes, double rho);

// Seeded stratified K-fold assignment: fold index 0..K-1 for each row.
std::vector<int> kFoldAssignment(const std::vector<int32_t>& labels, int classes, int folds,
                                 uint64_t seed);

}  // namespace winnow::core
