#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace winnow::core {

// A read-only memory map of one whole file: the one mmap wrapper of Winnow (array caches, run
// outputs, clip frame outputs). It never throws: callers check ok() and the size and word
// their own message, because only they know what the file is and how to rebuild it.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // False when the file could not be opened, examined or mapped; reason() says why
    // (strerror's text). An empty file is ok() with data() == nullptr.
    bool ok() const { return m_reason.empty(); }
    bool opened() const { return m_opened; }
    const std::string& reason() const { return m_reason; }
    size_t size() const { return m_size; }
    const uint8_t* data() const { return m_data; }
    template <class T>
    const T* as() const { return reinterpret_cast<const T*>(m_data); }

private:
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    bool m_opened = false;
    std::string m_reason;
};

// Maps an output file whose size is known from its metadata. Throws Error naming the file:
// "cannot open F: <whenMissing>", "cannot memory-map F: <reason>", or
// "F has N bytes, <sizeSource> M (truncated or from another run)".
std::unique_ptr<MappedFile> mapFileOfSize(const std::filesystem::path& file, size_t expectedBytes,
                                          const std::string& whenMissing, const std::string& sizeSource);

}  // namespace winnow::core
