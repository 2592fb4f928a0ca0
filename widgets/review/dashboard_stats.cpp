#include "widgets/review/dashboard_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace winnow::widgets {

int Histogram::binOf(double v) const {
    if (std::isnan(v) || counts.empty()) return -1;
    const int b = int(std::floor((v - lo) / binWidth()));
    return std::clamp(b, 0, int(counts.size()) - 1);
}

Histogram makeHistogram(const std::vector<float>& values, int64_t n, int stride, int col, int bins,
                        const std::vector<int32_t>* given, const std::vector<int32_t>* truth,
                        double lo, double hi) {
    Histogram h;
    auto at = [&](int64_t i) { return double(values[size_t(i) * size_t(stride) + size_t(col)]); };
    if (lo >= hi) {
        // Robust range: influence scores have long tails, and 40 bins spanning a few extreme
        // values would squash everything else into two bars. The top 0.5% go to the last bin.
        std::vector<float> finite;
        finite.reserve(size_t(n));
        for (int64_t i = 0; i < n; ++i)
            if (const double v = at(i); !std::isnan(v)) finite.push_back(float(v));
        if (finite.empty()) {
            lo = 0, hi = 1;
        } else {
            lo = *std::min_element(finite.begin(), finite.end());
            const size_t q = std::min(finite.size() - 1, size_t(0.995 * double(finite.size())));
            std::nth_element(finite.begin(), finite.begin() + long(q), finite.end());
            hi = finite[q];
        }
        if (hi <= lo) hi = lo + 1;
    }
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(size_t(std::max(1, bins)), 0);
    h.noisy.assign(h.counts.size(), 0);
    for (int64_t i = 0; i < n; ++i) {
        const int b = h.binOf(at(i));
        if (b < 0) continue;
        ++h.counts[size_t(b)];
        if (given && truth && (*truth)[size_t(i)] >= 0 && (*truth)[size_t(i)] != (*given)[size_t(i)])
            ++h.noisy[size_t(b)];
    }
    return h;
}

std::vector<uint8_t> consensusAt(const ReviewData& d, const std::vector<double>& thresholds) {
    std::vector<uint8_t> c(size_t(d.n), 0);
    if (!d.hasOsd()) return c;
    const size_t K = size_t(d.classes);
    for (int64_t i = 0; i < d.n; ++i) {
        int s = 0;
        const float* row = d.osd.data() + size_t(i) * K;
        for (size_t k = 0; k < K; ++k)
            if (!std::isnan(row[k]) && double(row[k]) >= thresholds[k]) ++s;
        c[size_t(i)] = uint8_t(std::min(s, 255));
    }
    return c;
}

std::vector<uint8_t> flagsAt(const std::vector<uint8_t>& consensus, int gamma) {
    std::vector<uint8_t> f(consensus.size());
    for (size_t i = 0; i < consensus.size(); ++i) f[i] = consensus[i] >= std::max(1, gamma) ? 1 : 0;
    return f;
}

DetectionQuality detectionQuality(const ReviewData& d, const std::vector<uint8_t>& flags) {
    DetectionQuality q;
    for (int64_t i = 0; i < d.n; ++i) {
        const size_t r = size_t(i);
        if (d.original[r] < 0) continue;
        const bool noisy = d.original[r] != d.given[r];
        q.noisy += noisy;
        if (flags[r]) {
            ++q.flagged;
            q.truePositives += noisy;
        }
    }
    q.precision = q.flagged ? double(q.truePositives) / double(q.flagged) : 0.0;
    q.recall = q.noisy ? double(q.truePositives) / double(q.noisy) : 0.0;
    q.f1 = q.precision + q.recall > 0 ? 2 * q.precision * q.recall / (q.precision + q.recall) : 0.0;
    return q;
}

namespace {
std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (size_t i = 0; i < idx.size();) {
        size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]]) ++j;
        const double avg = 0.5 * double(i + j) + 1.0;
        for (size_t m = i; m <= j; ++m) r[idx[m]] = avg;
        i = j + 1;
    }
    return r;
}
}  // namespace

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size() || a.size() < 2) return NAN;
    const auto ra = ranks(a), rb = ranks(b);
    const double n = double(a.size());
    const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n;
    const double mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : NAN;
}

double componentDensity(const ReviewGmm& g, int c, double x) {
    const double var = std::max(g.var[c], 1e-12);
    return g.weight[c] * std::exp(-(x - g.mean[c]) * (x - g.mean[c]) / (2 * var)) /
           std::sqrt(2 * M_PI * var);
}

}  // namespace winnow::widgets
