#include "widgets/job_runner.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <exception>
#include <mutex>

#include "core/util/error.h"

namespace winnow::widgets {

struct JobRunner::Job {
    QString title;
    core::CancelToken cancel;
    std::function<void(const JobResult&)> onDone;
};

namespace {
// Progress faster than this is coalesced: the GUI only needs a few updates per second.
constexpr qint64 kProgressIntervalMs = 40;
}  // namespace

JobRunner::JobRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<JobResult>();
    // A private pool so long jobs never starve the global pool (thumbnails, filtering).
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(5000);
}

JobRunner::~JobRunner() {
    cancelAll();
    m_pool.waitForDone();
}

QString JobRunner::title(int id) const {
    auto it = m_jobs.find(id);
    return it == m_jobs.end() ? QString() : it->second->title;
}

int JobRunner::start(const QString& title, JobFn fn,
                     std::function<void(const JobResult&)> onDone, PhaseFn phaseOf) {
    const int id = m_nextId++;
    auto job = std::make_shared<Job>();
    job->title = title;
    job->onDone = std::move(onDone);
    m_jobs[id] = job;
    Q_EMIT jobStarted(id, title);

    m_pool.start([this, id, job, fn = std::move(fn), phaseOf = std::move(phaseOf)]() {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        auto lastReport = std::make_shared<qint64>(-kProgressIntervalMs);
        auto mutex = std::make_shared<std::mutex>();
        auto phase = std::make_shared<QString>();
        core::ProgressFn progress = [this, id, timer, lastReport, mutex, phase,
                                     phaseOf](const core::Progress& p) {
            {
                // Jobs may report from several of their own threads.
                std::lock_guard lock(*mutex);
                const qint64 now = timer->elapsed();
                // A new phase is never coalesced away: its first report always goes out.
                const QString name = phaseOf ? phaseOf(p) : QString();
                if (name != *phase) {
                    *phase = name;
                    *lastReport = -kProgressIntervalMs;
                    QMetaObject::invokeMethod(
                        this, [this, id, name] { Q_EMIT jobPhase(id, name); }, Qt::QueuedConnection);
                }
                if (now - *lastReport < kProgressIntervalMs && p.fraction < 1.0) return;
                *lastReport = now;
            }
            const QString message = QString::fromStdString(p.message);
            const double fraction = p.fraction;
            QMetaObject::invokeMethod(
                this, [this, id, fraction, message] { Q_EMIT jobProgress(id, fraction, message); },
                Qt::QueuedConnection);
        };
        JobResult r;
        r.id = id;
        try {
            fn(progress, job->cancel);
            r.ok = !job->cancel.cancelled();
            r.cancelled = job->cancel.cancelled();
        } catch (const core::Cancelled&) {
            r.cancelled = true;
        } catch (const std::bad_alloc&) {
            r.error = tr("Out of memory.");
        } catch (const std::exception& e) {
            r.error = QString::fromUtf8(e.what());
            if (r.error.isEmpty()) r.error = tr("Unknown error.");
        } catch (...) {
            r.error = tr("Unknown error.");
        }
        // The runner's destructor waits for the pool, so `this` outlives this lambda; the
        // queued call is dropped if the runner is being destroyed.
        QMetaObject::invokeMethod(this, [this, id, r] { finish(id, r); }, Qt::QueuedConnection);
    });
    return id;
}

void JobRunner::finish(int id, const JobResult& result) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return;
    auto job = it->second;
    m_jobs.erase(it);
    if (job->onDone) job->onDone(result);
    Q_EMIT jobFinished(result);
}

void JobRunner::cancel(int id) {
    auto it = m_jobs.find(id);
    if (it != m_jobs.end()) it->second->cancel.cancel();
}

void JobRunner::cancelAll() {
    for (auto& [id, job] : m_jobs) job->cancel.cancel();
}

void JobRunner::waitForAll() { m_pool.waitForDone(); }

}  // namespace winnow::widgets
