#pragma once
#include <cstdint>
#include <vector>

#include "core/dataset/sample_store.h"

namespace winnow::widgets {

enum class GridSortKey { Id, Label, Split, Status };

// What the grid shows: -1 in a filter field means "any".
struct GridQuery {
    int classIdx = -1;   // dense class index; -2 = unlabelled only
    int split = -1;      // core::Split value
    int status = -1;     // core::SampleStatus value
    GridSortKey sort = GridSortKey::Id;
    bool descending = false;
    bool isDefault() const {
        return classIdx == -1 && split == -1 && status == -1 && sort == GridSortKey::Id &&
               !descending;
    }
    bool operator==(const GridQuery&) const = default;
};

// Positions (indices into `table`) of the rows that pass the filter, ordered by the sort key
// with ties in id order (stable). Pure function: runs on a worker thread.
// Sorting uses buckets because every key is a small integer: O(n) on a million rows.
std::vector<uint32_t> computeGridRows(const core::SampleTable& table, const GridQuery& query);

}  // namespace winnow::widgets
