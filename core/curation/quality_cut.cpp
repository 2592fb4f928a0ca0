#include "core/curation/quality_cut.h"

#include <algorithm>
#include <cmath>

namespace winnow::core {

std::vector<QualityProperty> allQualityProperties() {
    return {QualityProperty::Brightness, QualityProperty::Contrast,      QualityProperty::Blur,
            QualityProperty::Entropy,    QualityProperty::Aspect,        QualityProperty::Colourfulness,
            QualityProperty::MinSide};
}

const char* qualityPropertyName(QualityProperty p) {
    switch (p) {
    case QualityProperty::Brightness: return "brightness";
    case QualityProperty::Contrast: return "contrast";
    case QualityProperty::Blur: return "blur";
    case QualityProperty::Entropy: return "entropy";
    case QualityProperty::Aspect: return "aspect";
    case QualityProperty::Colourfulness: return "colourfulness";
    case QualityProperty::MinSide: return "min-side";
    }
    return "";
}

bool qualityPropertyLogScale(QualityProperty p) { return p == QualityProperty::Blur; }

CutDirection defaultCutDirection(QualityProperty p) {
    return p == QualityProperty::Aspect ? CutDirection::Above : CutDirection::Below;
}

double defaultQualityCut(QualityProperty p, CutDirection d, const QualityOptions& o, double medianBlur) {
    switch (p) {
    case QualityProperty::Brightness: return d == CutDirection::Below ? o.darkBelow : o.overexposedAbove;
    case QualityProperty::Contrast: return o.lowContrastBelow;
    case QualityProperty::Blur: return o.blurFractionOfMedian * medianBlur;
    case QualityProperty::Entropy: return o.lowEntropyBelow;
    case QualityProperty::Aspect: return o.extremeAspectAbove;
    case QualityProperty::Colourfulness: return o.greyColourfulnessBelow;
    case QualityProperty::MinSide: return o.tinySideBelow;
    }
    return 0;
}

std::vector<float> qualityValues(const std::vector<ImageQuality>& quality, QualityProperty p) {
    std::vector<float> v(quality.size());
    for (size_t i = 0; i < quality.size(); ++i) {
        const ImageQuality& q = quality[i];
        switch (p) {
        case QualityProperty::Brightness: v[i] = q.brightness; break;
        case QualityProperty::Contrast: v[i] = q.contrast; break;
        case QualityProperty::Blur: v[i] = q.blur; break;
        case QualityProperty::Entropy: v[i] = q.entropy; break;
        case QualityProperty::Aspect: v[i] = q.aspect; break;
        case QualityProperty::Colourfulness: v[i] = q.colourfulness; break;
        case QualityProperty::MinSide: v[i] = std::min(q.width, q.height); break;
        }
    }
    return v;
}

namespace {
bool beyond(float v, double cut, CutDirection d) {
    return d == CutDirection::Below ? double(v) < cut : double(v) > cut;  // false for NaN
}
}  // namespace

std::vector<int64_t> samplesBeyondCut(const std::vector<int64_t>& ids, const std::vector<float>& values,
                                      double cut, CutDirection d) {
    std::vector<size_t> rows;
    const size_t n = std::min(ids.size(), values.size());
    for (size_t i = 0; i < n; ++i)
        if (beyond(values[i], cut, d)) rows.push_back(i);
    std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
        if (values[a] != values[b]) return d == CutDirection::Below ? values[a] < values[b] : values[a] > values[b];
        return ids[a] < ids[b];
    });
    std::vector<int64_t> out(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) out[i] = ids[rows[i]];
    return out;
}

int64_t countBeyondCut(const std::vector<float>& values, double cut, CutDirection d) {
    return std::count_if(values.begin(), values.end(), [&](float v) { return beyond(v, cut, d); });
}

QualityHistogram qualityHistogram(const std::vector<float>& values, int bins, bool logBins) {
    QualityHistogram h;
    bins = std::max(bins, 1);
    double lo = INFINITY, hi = -INFINITY, loPositive = INFINITY;
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, double(v));
        hi = std::max(hi, double(v));
        if (v > 0) loPositive = std::min(loPositive, double(v));
    }
    h.logBins = logBins && std::isfinite(loPositive);
    if (!std::isfinite(lo)) lo = 0, hi = 1;  // no finite value: an empty unit range
    if (h.logBins) lo = loPositive;
    if (!(hi > lo)) {
        if (h.logBins) lo /= std::sqrt(10.0), hi = lo * 10;
        else lo -= 0.5, hi += 0.5;
    }
    const double a = h.logBins ? std::log10(lo) : lo, b = h.logBins ? std::log10(hi) : hi;
    h.edges.resize(size_t(bins) + 1);
    for (int i = 0; i <= bins; ++i) {
        const double t = a + (b - a) * i / bins;
        h.edges[size_t(i)] = h.logBins ? std::pow(10.0, t) : t;
    }
    h.edges.front() = lo;
    h.edges.back() = hi;
    h.counts.assign(size_t(bins), 0);
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        if (h.logBins && v <= 0) {
            ++h.nonPositive;
            continue;
        }
        const double x = h.logBins ? std::log10(double(v)) : double(v);
        const int bin = std::clamp(int(std::floor((x - a) / (b - a) * bins)), 0, bins - 1);
        ++h.counts[size_t(bin)];
    }
    return h;
}

}  // namespace winnow::core
