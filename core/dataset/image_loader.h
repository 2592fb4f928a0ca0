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

    // Zero-copy access to an array source for the trainer: `data` points into the read-only
    // memory map (record i starts at data + i * recordBytes()). Valid while the loader lives.
    // Throws Error for an unknown id or a missing/damaged cache file.
    struct ArrayView {
        const uint8_t* data = nullptr;
        int64_t count = 0;
        int height = 0;
        int width = 0;
        int channels = 0;
        size_t recordBytes() const { return size_t(height) * size_t(width) * size_t(channels); }
        const uint8_t* record(int64_t i) const { return data + size_t(i) * recordBytes(); }
    };
    ArrayView arrayView(int64_t arrayId) const;

    // Decodes an image file without a project (RGB or grey, 8-bit). Throws Error naming the
    // file and the reason. maxSide > 0 shrinks the result to fit (cheaper for large JPEGs).
    static Image decodeFile(const std::filesystem::path& file, int maxSide = 0);

private:
    std::map<int64_t, std::shared_ptr<MappedArray>> m_arrays;
};

}  // namespace winnow::core
