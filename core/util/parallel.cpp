#include "core/util/parallel.h"

#include <algorithm>
#include <atomic>
#include <system_error>

#include "core/util/error.h"

namespace winnow::core {

WorkerThreads::WorkerThreads(int count, std::function<void(int)> fn, ErrorFn onError)
    : m_fn(std::move(fn)), m_onError(std::move(onError)) {
    m_threads.reserve(size_t(std::max(0, count)));
    for (int w = 0; w < count; ++w) {
        try {
            m_threads.emplace_back([this, w] { run(w); });
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones running do the work
        }
    }
}

WorkerThreads::~WorkerThreads() { join(); }

void WorkerThreads::join() {
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
}

std::exception_ptr WorkerThreads::error() const {
    std::lock_guard<std::mutex> lock(m_mu);
    return m_error;
}

void WorkerThreads::run(int worker) {
    try {
        m_fn(worker);
    } catch (...) {
        std::exception_ptr e = std::current_exception();
        {
            std::lock_guard<std::mutex> lock(m_mu);
            if (!m_error) m_error = e;
        }
        if (m_onError) {
            try {
                m_onError(e);
            } catch (...) {
                // onError only wakes a waiter; if even that fails, error() still holds the cause.
            }
        }
    }
}

void rethrowWithContext(const std::string& what, std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const Error&) {
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& x) {
        throw Error(what + " failed: " + x.what());
    } catch (...) {
        throw Error(what + " failed (an unknown exception in a worker thread)");
    }
}

void parallelFor(const std::string& what, size_t n, int threads,
                 const std::function<void(size_t, int)>& fn, const CancelToken* cancel) {
    if (n == 0) return;
    const int count = int(std::min<size_t>(size_t(std::max(1, threads)), n));
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::exception_ptr first;
    auto work = [&](int worker) {
        try {
            for (size_t i = next++; i < n && !stop; i = next++) {
                if (cancel && cancel->cancelled()) {
                    stop = true;
                    break;
                }
                fn(i, worker);
            }
        } catch (...) {
            stop = true;
            std::lock_guard<std::mutex> lock(mu);
            if (!first) first = std::current_exception();
        }
    };
    {
        // Workers 1..count-1 on their own threads, worker 0 here; all joined before leaving.
        WorkerThreads others(count - 1, [&](int w) { work(w + 1); });
        work(0);
        others.join();
    }
    if (first) rethrowWithContext(what, first);
    if (cancel) cancel->throwIfCancelled();
}

}  // namespace winnow::core
