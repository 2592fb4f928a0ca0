#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::core {

// Integer values are stored in the project file: never renumber.
enum class MediaKind : int { ImageFile = 0, ArrayRecord = 1, VideoClip = 2 };
enum class Split : int { Train = 0, Val = 1, Test = 2 };
enum class SampleStatus : int { Ok = 0, Unreadable = 1 };

const char* splitName(Split s);
// Accepts train/val/validation/test (case-insensitive); nullopt otherwise.
std::optional<Split> parseSplit(std::string_view s);

// One row of `samples`, as the detail pane or a loader needs it.
struct Sample {
    int64_t id = 0;
    MediaKind kind = MediaKind::ImageFile;
    std::string path;               // absolute media path (array or video source for those kinds)
    int64_t arrayId = -1;           // ArrayRecord: row of `arrays`
    int64_t itemIndex = -1;         // ArrayRecord: record index
    int64_t frameStart = -1;        // VideoClip: [frameStart, frameEnd)
    int64_t frameEnd = -1;
    Split split = Split::Train;
    int labelIdx = -1;              // dense class index of the current given label, -1 none
    int originalLabelIdx = -1;      // ground truth kept by noise injection, -1 none
    bool trusted = false;
    SampleStatus status = SampleStatus::Ok;
    std::string error;
    int width = 0;
    int height = 0;
};

}  // namespace winnow::core
