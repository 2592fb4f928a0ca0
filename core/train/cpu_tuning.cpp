#include "core/train/cpu_tuning.h"

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <mutex>

namespace winnow::core {

namespace {

using SetFn = void (*)(int);
using GetFn = int (*)();

// Looked up at run time: the BLAS is whatever libblas.so.3 the system resolved for
// LibTorch, and the symbols exist only when that is OpenBLAS.
struct OpenBlas {
    SetFn set = nullptr;
    GetFn get = nullptr;
    OpenBlas() {
        set = reinterpret_cast<SetFn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        get = reinterpret_cast<GetFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        if (!set || !get) set = nullptr, get = nullptr;
    }
};

const OpenBlas& openBlas() {
    static const OpenBlas b;
    return b;
}

std::mutex g_mu;
int g_holders = 0;
int g_saved = 0;

}  // namespace

SingleThreadedBlas::SingleThreadedBlas() {
    const OpenBlas& b = openBlas();
    if (!b.set) return;
    std::lock_guard<std::mutex> lock(g_mu);
    if (g_holders++ == 0) {
        g_saved = b.get();
        b.set(1);
    }
}

SingleThreadedBlas::~SingleThreadedBlas() {
    const OpenBlas& b = openBlas();
    if (!b.set) return;
    std::lock_guard<std::mutex> lock(g_mu);
    if (--g_holders == 0 && g_saved > 0) b.set(g_saved);
}

int openBlasThreads() {
    const OpenBlas& b = openBlas();
    return b.get ? b.get() : -1;
}

bool setOpenBlasThreads(int n) {
    const OpenBlas& b = openBlas();
    if (!b.set || n < 1) return false;
    b.set(n);
    return true;
}

void keepTrainingBuffersMapped() {
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum on 64-bit
        mallopt(M_TRIM_THRESHOLD, 128 << 20);
    });
#endif
}

}  // namespace winnow::core
