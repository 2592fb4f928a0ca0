#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace winnow::core {

class MappedFile;

// A read-only memory map of an array cache file: `count` records of height x width x channels
// uint8 pixels, row-major, channels interleaved. Mapping is lazy (first data() call) so a
// loader can be built for a project whose caches were deleted and report that per sample.
class MappedArray {
public:
    MappedArray(std::filesystem::path file, int64_t count, int height, int width, int channels);
    ~MappedArray();
    MappedArray(const MappedArray&) = delete;
    MappedArray& operator=(const MappedArray&) = delete;

    // Maps the file on first use (thread-safe). Throws Error when missing or of the wrong size.
    const uint8_t* data() const;
    const std::filesystem::path& file() const { return m_file; }
    int64_t count() const { return m_count; }
    int height() const { return m_height; }
    int width() const { return m_width; }
    int channels() const { return m_channels; }
    size_t recordBytes() const { return size_t(m_height) * size_t(m_width) * size_t(m_channels); }

private:
    void map() const;
    std::filesystem::path m_file;
    int64_t m_count;
    int m_height, m_width, m_channels;
    mutable std::unique_ptr<MappedFile> m_map;
    mutable std::string m_error;
    mutable std::once_flag m_once;
};

// The command that rebuilds the array caches of the project owning `cacheFile`
// (<project>-cache/arrays/<file>), named in every message about a missing or damaged cache.
std::string arrayCacheRepairCommand(const std::filesystem::path& cacheFile);

}  // namespace winnow::core
