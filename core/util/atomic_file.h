#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace winnow::core {

// The reason text for an errno from a write: "disk full (No space left on device)" for
// ENOSPC, EFBIG and EDQUOT, otherwise strerror's text.
std::string ioErrorReason(int err);

// Throws Error("<action> <file> failed: <reason>") for errno `err`.
[[noreturn]] void throwIoError(const std::string& action, const std::filesystem::path& file, int err);

// A file that appears under its final name only when complete. Content goes to a temporary
// file in the target's own folder; every write, the flush, fsync and close are checked, and
// commit() renames the temporary over the target. Until then an existing target is left as it
// was; an AtomicFile destroyed without commit() removes its temporary. Errors are Error
// naming the file ("disk full" when the device or a size limit is reached).
class AtomicFile {
public:
    enum class Sync { Yes, No };  // No: skip fsync (many small files; close is still checked)

    explicit AtomicFile(std::filesystem::path target, Sync sync = Sync::Yes);
    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(const void* data, size_t size);
    void write(std::string_view text) { write(text.data(), text.size()); }
    AtomicFile& operator<<(std::string_view text) {
        write(text);
        return *this;
    }
    AtomicFile& operator<<(char c) {
        write(&c, 1);
        return *this;
    }
    AtomicFile& operator<<(long long v) { return *this << std::string_view(std::to_string(v)); }
    AtomicFile& operator<<(long v) { return *this << static_cast<long long>(v); }
    AtomicFile& operator<<(int v) { return *this << static_cast<long long>(v); }

    // Flushes, syncs, closes and renames the temporary over the target.
    void commit();
    // Removes the temporary now (also done by the destructor).
    void discard() noexcept;

    const std::filesystem::path& target() const { return m_target; }
    const std::filesystem::path& tempPath() const { return m_temp; }
    uint64_t bytesWritten() const { return m_written; }

private:
    void flushBuffer();
    std::filesystem::path m_target, m_temp;
    Sync m_sync = Sync::Yes;
    int m_fd = -1;
    std::string m_buf;
    uint64_t m_written = 0;
};

// Writes `content` to `target` through an AtomicFile.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content,
                         AtomicFile::Sync sync = AtomicFile::Sync::Yes);

// Copies the regular file `source` to `target` through an AtomicFile (every read and write
// checked).
void copyFileAtomically(const std::filesystem::path& source, const std::filesystem::path& target,
                        AtomicFile::Sync sync = AtomicFile::Sync::Yes);

}  // namespace winnow::core
