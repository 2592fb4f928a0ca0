#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/sample_store.h"

namespace winnow::widgets {

// Value: the number in GridFacts::value (a scoring's score or a run's loss), samples
// without one last.
enum class GridSortKey { Id, Label, Split, Status, Value };

// Filters on what reviewers and detectors said about a sample (issue 16).
enum class GridReviewFilter { Any, Flagged, Relabelled, Excluded, Trusted, Decided, Undecided };

// Per-sample facts beyond the table, each column sorted by sample id (so they stay valid
// when the table is reloaded; computeGridRows aligns them). Immutable once shared.
struct GridFacts {
    // From the project (core::loadSampleReviewFacts): file name, excluded, decision.
    std::vector<int64_t> ids;
    std::vector<std::string> fileNames;
    std::vector<int8_t> excluded;
    std::vector<int8_t> decision;  // -1: none; else core::ReviewAction
    // The chosen numeric column (a scoring or a run's loss); may be empty.
    std::vector<int64_t> valueIds;
    std::vector<float> value;
    std::vector<uint8_t> flagged;  // a scoring's flags (all 0 for a loss)
};

// What the grid shows: -1 in a filter field means "any".
struct GridQuery {
    int classIdx = -1;   // dense class index; -2 = unlabelled only
    int split = -1;      // core::Split value
    int status = -1;     // core::SampleStatus value
    GridSortKey sort = GridSortKey::Id;
    bool descending = false;
    GridReviewFilter review = GridReviewFilter::Any;
    std::string nameContains{};  // file-name search (ASCII case-insensitive); empty = any
    std::shared_ptr<const GridFacts> facts{};  // needed by review filters, search and Value
    // Only these sample ids (ascending), e.g. a selection on the embedding map; null = any.
    std::shared_ptr<const std::vector<int64_t>> onlyIds{};
    bool isDefault() const {
        return classIdx == -1 && split == -1 && status == -1 && review == GridReviewFilter::Any &&
               nameContains.empty() && sort == GridSortKey::Id && !descending && !onlyIds;
    }
    bool operator==(const GridQuery&) const = default;
};

// Positions (indices into `table`) of the rows that pass the filter, ordered by the sort key
// with ties in id order (stable). Pure function: runs on a worker thread.
// Small-integer keys sort by buckets (O(n) on a million rows); Value sorts by comparison.
// Without facts, review filters other than Trusted and the search match nothing.
std::vector<uint32_t> computeGridRows(const core::SampleTable& table, const GridQuery& query);

}  // namespace winnow::widgets
