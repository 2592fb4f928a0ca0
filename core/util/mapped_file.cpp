#include "core/util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/error.h"

namespace winnow::core {

MappedFile::MappedFile(const std::filesystem::path& file) {
    // O_NONBLOCK: opening a FIFO must not block; it is then refused as not a regular file.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        m_reason = std::strerror(errno);
        return;
    }
    m_opened = true;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        m_reason = std::strerror(errno);
    } else if (!S_ISREG(st.st_mode)) {
        m_reason = "not a regular file";
    } else if (st.st_size > 0) {
        void* p = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            m_reason = std::strerror(errno);
        } else {
            m_data = static_cast<const uint8_t*>(p);
            m_size = size_t(st.st_size);
        }
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

std::unique_ptr<MappedFile> mapFileOfSize(const std::filesystem::path& file, size_t expectedBytes,
                                          const std::string& whenMissing, const std::string& sizeSource) {
    auto map = std::make_unique<MappedFile>(file);
    if (!map->opened()) throw Error("cannot open " + file.string() + ": " + whenMissing);
    if (!map->ok()) throw Error("cannot memory-map " + file.string() + ": " + map->reason());
    if (map->size() != expectedBytes)
        throw Error(file.string() + " has " + std::to_string(map->size()) + " bytes, " + sizeSource + " " +
                    std::to_string(expectedBytes) + " (truncated or from another run)");
    return map;
}

}  // namespace winnow::core
