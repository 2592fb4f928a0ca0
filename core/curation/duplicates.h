#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/curation/neighbours.h"

namespace winnow::core {

// A set of samples joined by equal content hashes and/or neighbour edges shorter than the
// near-duplicate threshold (union-find, so chains join: a group, not pairs).
struct DuplicateGroup {
    int64_t id = 0;                 // 1-based, largest group first
    std::vector<int64_t> rows;      // ascending row indices
    bool exact = false;             // every member has the same content hash
    bool leakage = false;           // members in train and in val or test
    bool labelConflict = false;     // members carry two or more different labels
    float maxDistance = 0;          // longest neighbour edge used inside the group (squared L2)
};

struct DuplicateInput {
    int64_t n = 0;
    const std::array<uint8_t, 32>* hash = nullptr;  // per row; nullptr = no exact edges
    const uint8_t* hasHash = nullptr;               // per row, 0 = unknown hash (optional)
    const NeighbourGraph* graph = nullptr;          // nullptr = no near edges
    float nearThreshold = 0;                        // squared L2 on unit vectors; edges with d <= it
    const int32_t* label = nullptr;                 // per row, -1 = none
    const int8_t* split = nullptr;                  // per row (Split)
};

// Groups of two or more rows.
std::vector<DuplicateGroup> findDuplicateGroups(const DuplicateInput& in);

// The automatic near-duplicate threshold: 0.13 x the median distance of a row to its nearest
// neighbour, within [0.002, 0.05] (CurationOptions::nearThreshold explains the clamp). Sets
// `medianNearest` (0 for an empty graph).
double automaticNearThreshold(const NeighbourGraph& graph, double& medianNearest);

}  // namespace winnow::core
