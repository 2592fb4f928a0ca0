#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// What the GUI's grid filters and searches on beyond the sample table (issue 16): each
// sample's file name, its excluded flag and its effective review decision. Sorted by id.
struct SampleReviewFacts {
    std::vector<int64_t> ids;
    std::vector<std::string> fileNames;  // last component of the media path
    std::vector<int8_t> excluded;        // samples.excluded (applied exclusions)
    std::vector<int8_t> decision;        // -1: none; else the effective ReviewAction
    size_t size() const { return ids.size(); }
};

SampleReviewFacts loadSampleReviewFacts(Project& project);

}  // namespace winnow::core
