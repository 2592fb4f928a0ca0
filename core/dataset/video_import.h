#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset/importer.h"
#include "core/media/video_probe.h"

namespace winnow::core {

// Registers the video import formats with the import driver:
//   "video-folder"  class/clip.{mp4,avi,mkv,webm,mov}, one clip per file (all frames);
//   "video-csv"     rows path,label[,split][,start][,end] (start/end in seconds, empty =
//                   whole video; paths relative to the CSV), cutting long videos into clips.
// Each file's probe is stored in the `videos` table; bad files (empty, truncated, corrupt,
// audio-only, not a video) become per-file results and never stop the import.
// Without FFmpeg (WINNOW_HAVE_FFMPEG undefined) it registers nothing.
void registerVideoImportFormats();

// The format importers themselves (what the registry calls).
void importVideoFolder(ImportContext& ctx);
void importVideoCsv(ImportContext& ctx);

// What the importers learn about one video file.
struct VideoCheck {
    bool ok = false;
    std::string error;                 // why it is unreadable (without the path)
    VideoInfo info;                    // frameCount = frames that really decode
    std::vector<std::string> notes;    // readable but notable: truncated, variable rate...
};

// Opens, probes and test-decodes the first and last frame. Header mode trusts the
// container's frame count unless the last frame fails to decode; Full mode also scans every
// packet (exact count, variable frame rate). Never throws for bad files.
VideoCheck checkVideo(const std::filesystem::path& file, VerifyMode mode);

// Upserts the probe of `file` into the `videos` table.
void storeVideoInfo(Project& project, const std::filesystem::path& file, const VideoInfo& info);

}  // namespace winnow::core
