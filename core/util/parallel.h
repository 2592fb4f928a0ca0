#pragma once
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/util/progress.h"  // CancelToken

// The one way core runs work on several threads. Nothing escapes a worker thread (that would
// call std::terminate and take the user's work with it): a worker's exception reaches the
// thread that waits for it as an ordinary exception.
namespace winnow::core {

// Threads running fn(worker) for worker = 0 .. count-1, joined by join() or the destructor.
// An exception escaping fn is caught on its thread; the first one is kept (error()) and
// passed to onError, which may wake whoever waits on the workers. A thread that the system
// refuses to start is left out (started() says how many run); one that starts always joins.
class WorkerThreads {
public:
    using ErrorFn = std::function<void(std::exception_ptr)>;
    WorkerThreads(int count, std::function<void(int worker)> fn, ErrorFn onError = {});
    ~WorkerThreads();
    WorkerThreads(const WorkerThreads&) = delete;
    WorkerThreads& operator=(const WorkerThreads&) = delete;

    void join();
    int started() const { return int(m_threads.size()); }
    std::exception_ptr error() const;

private:
    void run(int worker);
    std::function<void(int)> m_fn;
    ErrorFn m_onError;
    mutable std::mutex m_mu;
    std::exception_ptr m_error;
    std::vector<std::thread> m_threads;
};

// Calls fn(i, worker) once for every i in [0, n), spread over up to `threads` threads (the
// calling thread is worker 0; worker < threads, for per-worker state). Returns when every
// thread has finished. The first exception a call throws stops the other workers before their
// next index and is rethrown here: Error and Cancelled as they are, any other exception as an
// Error "`what` failed: <its text>". A cancelled token stops the workers the same way and
// throws Cancelled. A worker thread the system will not start leaves its share to the others.
void parallelFor(const std::string& what, size_t n, int threads,
                 const std::function<void(size_t i, int worker)>& fn,
                 const CancelToken* cancel = nullptr);

// Rethrows `e` as parallelFor does: Error and Cancelled unchanged, anything else as an Error
// naming `what`.
[[noreturn]] void rethrowWithContext(const std::string& what, std::exception_ptr e);

}  // namespace winnow::core
