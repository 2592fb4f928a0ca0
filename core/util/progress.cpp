#include "core/util/progress.h"

#include "core/util/error.h"

namespace winnow::core {

void CancelToken::throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
}

ProgressReporter::ProgressReporter(ProgressFn fn, const CancelToken* cancel, int64_t total,
                                   int64_t every)
    : m_fn(std::move(fn)), m_cancel(cancel), m_total(total), m_every(every < 1 ? 1 : every) {}

void ProgressReporter::step(int64_t n, const char* what) {
    m_count += n;
    if (m_count < m_nextReport) return;
    m_nextReport = m_count + m_every;
    if (m_cancel) m_cancel->throwIfCancelled();
    if (m_fn) {
        Progress p;
        p.fraction = m_total > 0 ? double(m_count) / double(m_total) : 0.0;
        if (p.fraction > 1.0) p.fraction = 1.0;
        if (what) p.message = what;
        m_fn(p);
    }
}

void ProgressReporter::done(const std::string& message) {
    if (m_fn) m_fn(Progress{1.0, message});
}

}  // namespace winnow::core
