#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace winnow::core {

// Progress of a long job. `fraction` is in [0,1]; `message` is short human text.
struct Progress {
    double fraction = 0.0;
    std::string message;
};

// Cooperative cancellation shared between the thread that runs a job and the one that
// may cancel it. Jobs poll it once per batch and throw Cancelled.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void throwIfCancelled() const;

private:
    std::atomic<bool> m_cancelled{false};
};

// Callback invoked from the worker thread. Must be cheap; GUI code forwards it as a
// queued signal.
using ProgressFn = std::function<void(const Progress&)>;

// Helper that rate-limits progress reports to about every `every` steps.
class ProgressReporter {
public:
    ProgressReporter(ProgressFn fn, const CancelToken* cancel, int64_t total,
                     int64_t every = 1024);
    // Advances by `n` steps; reports and checks cancellation when due.
    void step(int64_t n, const char* what = nullptr);
    void done(const std::string& message);
    int64_t count() const { return m_count; }

private:
    ProgressFn m_fn;
    const CancelToken* m_cancel;
    int64_t m_total;
    int64_t m_every;
    int64_t m_count = 0;
    int64_t m_nextReport = 0;
};

}  // namespace winnow::core
