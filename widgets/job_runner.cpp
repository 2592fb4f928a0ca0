#include "widgets/job_runner.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <exception>
#include <mutex>
#include <vector>

#include "core/util/error.h"

namespace winnow::widgets {

struct JobRunner::Job {
    QString title;
    core::CancelToken cancel;
    std::function<void(const JobResult&)> onDone;
    bool tracked = false;               // runs elsewhere (track)
    std::function<void()> cancelTracked;  // empty: watch-only
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

int JobRunner::track(const QString& title, std::function<void()> cancel) {
    const int id = m_nextId++;
    auto job = std::make_shared<Job>();
    job->title = title;
    job->tracked = true;
    job->cancelTracked = std::move(cancel);
    m_jobs[id] = job;
    Q_EMIT jobStarted(id, title);
    return id;
}

void JobRunner::reportProgress(int id, double fraction, const QString& message) {
    if (m_jobs.count(id)) Q_EMIT jobProgress(id, fraction, message);
}

void JobRunner::reportPhase(int id, const QString& phase) {
    if (m_jobs.count(id)) Q_EMIT jobPhase(id, phase);
}

void JobRunner::finishTracked(const JobResult& result) {
    auto it = m_jobs.find(result.id);
    if (it == m_jobs.end() || !it->second->tracked) return;
    finish(result.id, result);
}

bool JobRunner::isCancellable(int id) const {
    auto it = m_jobs.find(id);
    return it != m_jobs.end() && (!it->second->tracked || it->second->cancelTracked);
}

int JobRunner::runningCount() const {
    int n = 0;
    for (const auto& [id, job] : m_jobs) n += !job->tracked || job->cancelTracked ? 1 : 0;
    return n;
}

void JobRunner::cancel(int id) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return;
    auto job = it->second;  // a tracked job's cancel may finish it (and erase the entry)
    job->cancel.cancel();
    if (job->tracked && job->cancelTracked) job->cancelTracked();
}

void JobRunner::cancelAll() {
    std::vector<int> ids;
    for (auto& [id, job] : m_jobs) ids.push_back(id);
    for (int id : ids) cancel(id);
}

void JobRunner::waitForAll() { m_pool.waitForDone(); }

}  // namespace winnow::widgets
