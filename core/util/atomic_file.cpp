#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <utility>

#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr size_t kBufferBytes = size_t(1) << 20;

// A name no other writer uses: hidden, beside the target, bounded so that a long target
// name still leaves a valid temporary name.
std::string tempName(const fs::path& target, unsigned attempt) {
    static std::atomic<unsigned> counter{0};
    std::string base = target.filename().string();
    if (base.size() > 180) base.resize(180);
    const auto tick = uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
    const uint64_t mix = (tick ^ (uint64_t(::getpid()) << 20)) + counter.fetch_add(1) * 7919u + attempt;
    char tag[32];
    std::snprintf(tag, sizeof tag, "%012llx", static_cast<unsigned long long>(mix & 0xffffffffffffULL));
    return "." + base + ".tmp-" + tag;
}

void syncFolder(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);  // best effort: some file systems refuse fsync on a folder
    ::close(fd);
}

}  // namespace

std::string ioErrorReason(int err) {
    const std::string text = std::strerror(err);
    if (err == ENOSPC || err == EFBIG || err == EDQUOT) return "disk full (" + text + ")";
    return text;
}

void throwIoError(const std::string& action, const fs::path& file, int err) {
    throw Error(action + " " + file.string() + " failed: " + ioErrorReason(err));
}

AtomicFile::AtomicFile(fs::path target, Sync sync) : m_target(std::move(target)), m_sync(sync) {
    if (m_target.filename().empty()) throw Error("cannot write " + m_target.string() + ": not a file name");
    const fs::path dir = m_target.parent_path();
    for (unsigned attempt = 0; attempt < 64 && m_fd < 0; ++attempt) {
        m_temp = dir / tempName(m_target, attempt);
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST) throwIoError("creating a file beside", m_target, errno);
    }
    if (m_fd < 0) throwIoError("creating a file beside", m_target, EEXIST);
    // Replacing a file keeps its permissions.
    struct stat st {};
    if (::stat(m_target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) ::fchmod(m_fd, st.st_mode & 07777);
    m_buf.reserve(kBufferBytes);
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : m_target(std::move(o.m_target)), m_temp(std::move(o.m_temp)), m_sync(o.m_sync),
      m_fd(std::exchange(o.m_fd, -1)), m_buf(std::move(o.m_buf)), m_written(o.m_written) {
    o.m_temp.clear();
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() noexcept {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    if (!m_temp.empty()) ::unlink(m_temp.c_str());
    m_temp.clear();
    m_buf.clear();
}

void AtomicFile::write(const void* data, size_t size) {
    if (m_fd < 0) throw Error("writing " + m_target.string() + " failed: the file is already closed");
    const char* p = static_cast<const char*>(data);
    if (m_buf.size() + size > kBufferBytes) flushBuffer();
    if (size >= kBufferBytes) {
        m_buf.assign(p, size);  // one large block: written straight through
        flushBuffer();
        m_buf.reserve(kBufferBytes);
        return;
    }
    m_buf.append(p, size);
}

void AtomicFile::flushBuffer() {
    size_t done = 0;
    while (done < m_buf.size()) {
        ssize_t n = ::write(m_fd, m_buf.data() + done, m_buf.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            discard();
            throwIoError("writing", m_target, err);
        }
        done += size_t(n);
        m_written += uint64_t(n);
    }
    m_buf.clear();
}

void AtomicFile::commit() {
    if (m_fd < 0) throw Error("writing " + m_target.string() + " failed: the file is already closed");
    flushBuffer();
    if (m_sync == Sync::Yes && ::fsync(m_fd) != 0) {
        const int err = errno;
        discard();
        throwIoError("writing", m_target, err);
    }
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0) {
        const int err = errno;
        discard();
        throwIoError("writing", m_target, err);
    }
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        discard();
        throwIoError("replacing", m_target, err);
    }
    m_temp.clear();
    if (m_sync == Sync::Yes) syncFolder(m_target.parent_path());
}

void writeFileAtomically(const fs::path& target, std::string_view content, AtomicFile::Sync sync) {
    AtomicFile f(target, sync);
    f.write(content);
    f.commit();
}

void copyFileAtomically(const fs::path& source, const fs::path& target, AtomicFile::Sync sync) {
    int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (in < 0) throwIoError("reading", source, errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{in};
    struct stat st {};
    if (::fstat(in, &st) != 0) throwIoError("reading", source, errno);
    if (!S_ISREG(st.st_mode)) throw Error("cannot copy " + source.string() + ": not a regular file");
    AtomicFile out(target, sync);
    std::string chunk(kBufferBytes, '\0');
    for (;;) {
        ssize_t n = ::read(in, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throwIoError("reading", source, errno);
        if (n == 0) break;
        out.write(chunk.data(), size_t(n));
    }
    out.commit();
}

}  // namespace winnow::core
