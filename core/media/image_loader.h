#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/dataset/sample.h"
#include "core/media/image.h"

namespace winnow::core {

class Database;
class MappedArray;

// Decodes the pixels of any image-like sample: an image file (OpenCV) or a record of an
// array source (memory-mapped uint8 cache file written at import). Reads the `arrays` table
// once at construction; load() is thread-safe and touches no database, so decode workers
// can share one loader.
class ImageLoader {
public:
    explicit ImageLoader(Database& db);
    ~ImageLoader();
    // Throws Error naming the file and the reason (missing, unreadable, corrupt, truncated).
    Image load(const Sample& s) const;
    // Pixels resized to fit in maxSide x maxSide keeping the aspect ratio (thumbnails).
    Image loadThumbnail(const Sample& s, int maxSide) const;

private:
    std::map<int64_t, std::shared_ptr<MappedArray>> m_arrays;
};

}  // namespace winnow::core
