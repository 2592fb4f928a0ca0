#pragma once
// Lets a test running as root see chmod 000 the way a user does: clears CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH from the calling thread's effective capabilities (threads it starts
// afterwards inherit that) and puts them back when destroyed. Root keeps them in its permitted
// set, so taking them back needs no privilege. Not root: nothing to do.
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <initializer_list>

namespace winnow::test {

class WithoutRootFileAccess {
public:
    WithoutRootFileAccess() {
        if (::geteuid() != 0) {
            m_ok = true;
            return;
        }
        if (!get(m_saved)) return;
        __user_cap_data_struct data[2] = {m_saved[0], m_saved[1]};
        for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH}) data[cap / 32].effective &= ~(1u << (cap % 32));
        m_ok = set(data);
        m_dropped = m_ok;
    }
    ~WithoutRootFileAccess() {
        if (m_dropped) set(m_saved);
    }
    WithoutRootFileAccess(const WithoutRootFileAccess&) = delete;
    WithoutRootFileAccess& operator=(const WithoutRootFileAccess&) = delete;
    // False where the capabilities could not be changed (the test then cannot run as root).
    bool ok() const { return m_ok; }

private:
    static bool get(__user_cap_data_struct* data) {
        __user_cap_header_struct h{_LINUX_CAPABILITY_VERSION_3, 0};
        return ::syscall(SYS_capget, &h, data) == 0;
    }
    static bool set(__user_cap_data_struct* data) {
        __user_cap_header_struct h{_LINUX_CAPABILITY_VERSION_3, 0};
        return ::syscall(SYS_capset, &h, data) == 0;
    }
    __user_cap_data_struct m_saved[2]{};
    bool m_ok = false;
    bool m_dropped = false;
};

}  // namespace winnow::test
