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
    int start(const QString& title, JobFn fn,
              std::function<void(const JobResult&)> onDone = {});
    void cancel(int id);
    void cancelAll();
    bool isRunning(int id) const { return m_jobs.count(id) > 0; }
    int runningCount() const { return int(m_jobs.size()); }
    QString title(int id) const;
    // Blocks until every job ended (tests, shutdown). Finished callbacks still need the
    // event loop to run.
    void waitForAll();

Q_SIGNALS:
    void jobStarted(int id, const QString& title);
    void jobProgress(int id, double fraction, const QString& message);
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
