#pragma once
#include <cstdint>
#include <vector>

#include "core/curation/image_quality.h"

namespace winnow::core {

// One image-quality property of the scanned samples, as the Issues view's histogram shows it.
enum class QualityProperty { Brightness, Contrast, Blur, Entropy, Aspect, Colourfulness, MinSide };
std::vector<QualityProperty> allQualityProperties();
// The name as written in exports and the GUI's object names ("brightness", "min-side", ...).
const char* qualityPropertyName(QualityProperty p);
// Blur (variance of the Laplacian) spans decades: its histogram uses logarithmic bins.
bool qualityPropertyLogScale(QualityProperty p);

// A sample is beyond a cut when its value is below it (Below) or above it (Above), strictly,
// like the flags of `qualityFlags`. NaN is never beyond.
enum class CutDirection { Below, Above };
// The direction that flags a problem by default (brightness: Below = dark; Above = overexposed).
CutDirection defaultCutDirection(QualityProperty p);
// The cut the scan used for a property and direction: QualityOptions' value (blur: its
// fraction of the set's median blur, `medianBlur` from the result's summary).
double defaultQualityCut(QualityProperty p, CutDirection d, const QualityOptions& o, double medianBlur);

// One value per sample of a property (min-side = min(width, height)).
std::vector<float> qualityValues(const std::vector<ImageQuality>& quality, QualityProperty p);

// The sample ids whose values are beyond the cut, worst first: Below ascending, Above
// descending, equal values by ascending id. `ids` and `values` are parallel.
std::vector<int64_t> samplesBeyondCut(const std::vector<int64_t>& ids, const std::vector<float>& values,
                                      double cut, CutDirection d);
int64_t countBeyondCut(const std::vector<float>& values, double cut, CutDirection d);

// A histogram of the finite values: `bins` equal bins from the smallest to the largest value
// (edges.size() == bins + 1; a single value gets the range value ± 0.5). With `logBins` the
// bins are equal in log10 from the smallest positive value; values at or below zero are
// counted in `nonPositive` and not in the bins (no positive value: linear bins instead).
struct QualityHistogram {
    std::vector<double> edges;
    std::vector<int64_t> counts;
    bool logBins = false;
    int64_t nonPositive = 0;
};
QualityHistogram qualityHistogram(const std::vector<float>& values, int bins, bool logBins);

}  // namespace winnow::core
