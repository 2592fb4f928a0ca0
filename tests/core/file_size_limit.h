#pragma once
// Fault injection for "disk full" without privileges: while a FileSizeLimit lives, this
// process cannot make any file larger than `bytes` (RLIMIT_FSIZE). SIGXFSZ is ignored, so a
// write past the limit fails with EFBIG, as a write to a full disk fails with ENOSPC.
#include <csignal>
#include <sys/resource.h>

namespace winnow::test {

class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit l = m_old;
        l.rlim_cur = bytes < m_old.rlim_max ? bytes : m_old.rlim_max;
        m_ok = setrlimit(RLIMIT_FSIZE, &l) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_handler);
    }
    bool active() const { return m_ok; }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
    void (*m_handler)(int) = SIG_DFL;
    bool m_ok = false;
};

}  // namespace winnow::test
