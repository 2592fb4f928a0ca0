#include "core/media/mapped_array.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/error.h"

namespace winnow::core {

std::string arrayCacheRepairCommand(const std::filesystem::path& cacheFile) {
    const std::string dir = std::filesystem::absolute(cacheFile).parent_path().parent_path().string();
    const std::string suffix = "-cache";
    const bool named = dir.size() > suffix.size() &&
                       dir.compare(dir.size() - suffix.size(), suffix.size(), suffix) == 0;
    return "winnow-cli repair --project " + (named ? dir.substr(0, dir.size() - suffix.size()) : std::string("PROJECT"));
}

MappedArray::MappedArray(std::filesystem::path file, int64_t count, int height, int width,
                         int channels)
    : m_file(std::move(file)), m_count(count), m_height(height), m_width(width),
      m_channels(channels) {}

MappedArray::~MappedArray() {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

void MappedArray::map() const {
    int fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        m_error = "array cache " + m_file.string() + " cannot be opened (" +
                  std::strerror(errno) + "); rebuild it from its source with: " + arrayCacheRepairCommand(m_file);
        return;
    }
    struct stat st {};
    size_t expected = recordBytes() * size_t(m_count);
    if (::fstat(fd, &st) != 0 || size_t(st.st_size) != expected) {
        m_error = "array cache " + m_file.string() + " has " + std::to_string(st.st_size) +
                  " bytes, expected " + std::to_string(expected) + "; rebuild it from its source with: " +
                  arrayCacheRepairCommand(m_file);
        ::close(fd);
        return;
    }
    if (expected > 0) {
        void* p = ::mmap(nullptr, expected, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            m_error = "cannot map array cache " + m_file.string() + ": " + std::strerror(errno);
        } else {
            m_data = static_cast<const uint8_t*>(p);
            m_size = expected;
        }
    }
    ::close(fd);
}

const uint8_t* MappedArray::data() const {
    std::call_once(m_once, [this] { map(); });
    if (!m_data) throw Error(m_error.empty() ? "array cache " + m_file.string() + " is empty" : m_error);
    return m_data;
}

}  // namespace winnow::core
