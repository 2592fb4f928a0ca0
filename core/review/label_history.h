#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// Read model of the detail pane's label history: each label version that changed a sample.
struct LabelChangeRow {
    std::string version;    // label version name
    std::string createdAt;  // of the version
    std::string oldClass;   // class name, "" when none
    std::string newClass;   // class name, "" when none
    std::string action;     // relabel | exclude | include | noise
};

// The sample's changes, oldest version first. Reads only.
std::vector<LabelChangeRow> labelHistory(Project& project, int64_t sampleId);

}  // namespace winnow::core
