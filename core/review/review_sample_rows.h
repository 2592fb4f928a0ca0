#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

// Read model of the review view's per-sample lookups: the trust flags it shows and the
// frames of a clip it plays. Reads only.

// Ids of the trusted samples, ascending.
std::vector<int64_t> trustedSampleIds(Project& project);
// Whether the sample is trusted (false when it does not exist).
bool isSampleTrusted(Project& project, int64_t sampleId);

// A readable video clip sample: its video and frames [frameStart, frameEnd).
struct ClipSpan {
    std::string video;
    int64_t frameStart = 0, frameEnd = 0;
};
// nullopt when the sample is not a readable clip.
std::optional<ClipSpan> clipSpanOf(Project& project, int64_t sampleId);

}  // namespace winnow::core
