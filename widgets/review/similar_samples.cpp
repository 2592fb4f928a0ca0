#include "widgets/review/similar_samples.h"

#include <algorithm>
#include <cmath>

namespace winnow::widgets {

QVector<std::pair<int, float>> mostSimilarRows(const ReviewData& data, int queryRow,
                                               const QVector<int>& candidates, int k) {
    QVector<std::pair<int, float>> out;
    if (!data.features || data.featureDim <= 0 || queryRow < 0 || queryRow >= data.n) return out;
    const int L = data.featureDim;
    auto norm = [&](const float* v) {
        double s = 0;
        for (int j = 0; j < L; ++j) s += double(v[j]) * v[j];
        return std::sqrt(s);
    };
    const float* q = data.featureOf(queryRow);
    if (!q) return out;
    const double qn = norm(q);
    if (qn <= 0) return out;
    out.reserve(candidates.size());
    for (int r : candidates) {
        if (r == queryRow || r < 0 || r >= data.n) continue;
        const float* v = data.featureOf(r);
        if (!v) continue;
        double dot = 0;
        for (int j = 0; j < L; ++j) dot += double(q[j]) * v[j];
        const double vn = norm(v);
        out.push_back({r, vn > 0 ? float(dot / (qn * vn)) : 0.f});
    }
    const int keep = std::min<int>(k, int(out.size()));
    std::partial_sort(out.begin(), out.begin() + keep, out.end(),
                      [](const auto& a, const auto& b) {
                          return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    out.resize(keep);
    return out;
}

}  // namespace winnow::widgets
