#pragma once
#include <cstdint>
#include <vector>

#include "widgets/review/review_data.h"

namespace winnow::widgets {

// Pure computations behind the influence dashboard (no widgets; unit-tested).

struct Histogram {
    double lo = 0.0, hi = 1.0;
    std::vector<int64_t> counts;        // all rows in the bin
    std::vector<int64_t> noisy;         // rows whose given label differs from the truth
    double binWidth() const { return counts.empty() ? 1.0 : (hi - lo) / double(counts.size()); }
    double binCentre(int b) const { return lo + (b + 0.5) * binWidth(); }
    // Bin of a value (clamped into range); -1 for NaN.
    int binOf(double v) const;
};

// `values` with stride (column `col` of a row-major n x stride array); NaN skipped.
// lo/hi from the finite values when lo >= hi.
Histogram makeHistogram(const std::vector<float>& values, int64_t n, int stride, int col, int bins,
                        const std::vector<int32_t>* given = nullptr,
                        const std::vector<int32_t>* truth = nullptr, double lo = 0, double hi = 0);

// Consensus with per-class thresholds: c_i = Σ_k [osd(i,k) >= thresholds[k]] (NaN never counts).
std::vector<uint8_t> consensusAt(const ReviewData& d, const std::vector<double>& thresholds);
// Flags c_i >= gamma (gamma >= 1).
std::vector<uint8_t> flagsAt(const std::vector<uint8_t>& consensus, int gamma);

struct DetectionQuality {
    int64_t flagged = 0, truePositives = 0, noisy = 0;
    double precision = 0, recall = 0, f1 = 0;
};
// Against the self-test truth (given != original, rows with original >= 0 only).
DetectionQuality detectionQuality(const ReviewData& d, const std::vector<uint8_t>& flags);

// Spearman rank correlation (average ranks for ties) of two equally long samples.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

// Weight × normal density, for drawing a fitted component over a histogram of counts.
double componentDensity(const ReviewGmm& g, int c, double x);

}  // namespace winnow::widgets
