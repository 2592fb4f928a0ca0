// Kept apart from the importers so code that calls them directly (tests, tools) does not
// need the import driver's registry.
#include "core/dataset/video_import.h"

namespace winnow::core {

void registerVideoImportFormats() {
#ifdef WINNOW_HAVE_FFMPEG
    registerImportFormat("video-folder", importVideoFolder);
    registerImportFormat("video-csv", importVideoCsv);
#endif
}

}  // namespace winnow::core
