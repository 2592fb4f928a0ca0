#pragma once
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <functional>
#include <map>
#include <memory>

#include "core/util/progress.h"

namespace winnow::widgets {

// A unit of long work: runs on a worker thread, reports progress through the callback and
// polls the token. Throwing core::Cancelled ends it as cancelled; any other exception ends
// it with the exception's message as a readable error.
using JobFn = std::function<void(const core::ProgressFn&, const core::CancelToken&)>;

// Names the phase a progress report belongs to (empty: the job has no phases). Called on
// the worker thread for every report, so it must be cheap and touch nothing shared. A job
// with phases reports each phase's own fraction from 0 to 1 (training: the epochs, then
// writing the run outputs), and the panel times each phase on its own.
using PhaseFn = std::function<QString(const core::Progress&)>;

struct JobResult {
    int id = 0;
    bool ok = false;
    bool cancelled = false;
    QString error;  // empty unless failed
};

// Runs jobs off the GUI thread. Progress arrives as queued signals (rate-limited so a
// chatty job cannot flood the event loop); `jobFinished` and the per-job completion callback
// are delivered on the thread that owns the runner (the GUI thread).
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    // Starts `fn`; `onDone` (optional) runs on the runner's thread after the job ends.
    // `phaseOf` (optional) names the phase of each progress report; `jobPhase` fires when
    // it changes, before that report's `jobProgress`.
    int start(const QString& title, JobFn fn,
              std::function<void(const JobResult&)> onDone = {}, PhaseFn phaseOf = {});
    // A job that runs elsewhere (a child process, another program training into the project)
    // is listed like the runner's own so the jobs panel shows it: its owner reports through
    // reportProgress/reportPhase on this thread and ends it with finishTracked. cancel(id)
    // calls `cancel`; an empty one makes the job watch-only (no Cancel button, and it does not
    // count in runningCount: quitting leaves it running).
    int track(const QString& title, std::function<void()> cancel);
    void reportProgress(int id, double fraction, const QString& message);
    void reportPhase(int id, const QString& phase);
    void finishTracked(const JobResult& result);
    bool isCancellable(int id) const;

    void cancel(int id);
    void cancelAll();
    bool isRunning(int id) const { return m_jobs.count(id) > 0; }
    // Jobs this process can cancel (its own and its child processes).
    int runningCount() const;
    QString title(int id) const;
    // Blocks until every job ended (tests, shutdown). Finished callbacks still need the
    // event loop to run.
    void waitForAll();

Q_SIGNALS:
    void jobStarted(int id, const QString& title);
    void jobProgress(int id, double fraction, const QString& message);
    void jobPhase(int id, const QString& phase);
    void jobFinished(const winnow::widgets::JobResult& result);

private:
    struct Job;
    void finish(int id, const JobResult& result);

    QThreadPool m_pool;
    int m_nextId = 1;
    std::map<int, std::shared_ptr<Job>> m_jobs;
};

}  // namespace winnow::widgets

Q_DECLARE_METATYPE(winnow::widgets::JobResult)
