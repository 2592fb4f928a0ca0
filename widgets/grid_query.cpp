#include "widgets/grid_query.h"

#include <algorithm>

namespace winnow::widgets {

namespace {

bool passes(const core::SampleTable& t, size_t i, const GridQuery& q) {
    if (q.classIdx == -2 && t.label[i] != -1) return false;
    if (q.classIdx >= 0 && t.label[i] != q.classIdx) return false;
    if (q.split >= 0 && t.split[i] != q.split) return false;
    if (q.status >= 0 && t.status[i] != q.status) return false;
    return true;
}

int sortKey(const core::SampleTable& t, size_t i, GridSortKey key) {
    switch (key) {
    case GridSortKey::Label: return t.label[i] + 1;  // unlabelled (-1) first
    case GridSortKey::Split: return t.split[i];
    case GridSortKey::Status: return t.status[i];
    case GridSortKey::Id: break;
    }
    return 0;
}

}  // namespace

std::vector<uint32_t> computeGridRows(const core::SampleTable& t, const GridQuery& q) {
    std::vector<uint32_t> rows;
    rows.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i)
        if (passes(t, i, q)) rows.push_back(uint32_t(i));
    // The table is in id order, so the filtered rows already are too.
    if (q.sort != GridSortKey::Id) {
        int maxKey = 0;
        for (uint32_t r : rows) maxKey = std::max(maxKey, sortKey(t, r, q.sort));
        std::vector<size_t> start(size_t(maxKey) + 2, 0);
        for (uint32_t r : rows) ++start[size_t(sortKey(t, r, q.sort)) + 1];
        for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
        std::vector<uint32_t> sorted(rows.size());
        for (uint32_t r : rows) sorted[start[size_t(sortKey(t, r, q.sort))]++] = r;
        rows.swap(sorted);
    }
    // Descending reverses the key order but keeps ids ascending within a key.
    if (q.descending) {
        if (q.sort == GridSortKey::Id) {
            std::reverse(rows.begin(), rows.end());
        } else {
            std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
                return sortKey(t, a, q.sort) > sortKey(t, b, q.sort);
            });
        }
    }
    return rows;
}

}  // namespace winnow::widgets
