#include "widgets/train/training_job.h"

#include <QMetaObject>
#include <atomic>
#include <functional>
#include <mutex>

#include "core/store/project.h"
#include "core/train/trainer.h"
#include "widgets/job_runner.h"
#include "widgets/worker_link.h"

namespace winnow::widgets {

// The worker link (widgets/worker_link.h), plus the id of the run being trained.
struct TrainingJob::Link : WorkerLink<TrainingJob> {
    std::atomic<qint64> runId{0};
};

QString TrainingJob::phaseOf(const core::Progress& p) {
    // The trainer's messages (core/train) are fixed English words: match their start.
    if (p.message.rfind("writing run outputs", 0) == 0) return tr("Writing run outputs");
    if (p.message.rfind("measuring", 0) == 0) return tr("Preparing");
    return tr("Training");
}

TrainingJob::TrainingJob(JobRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {}

TrainingJob::~TrainingJob() {
    if (m_link) m_link->detach();
    cancel();
}

void TrainingJob::cancel() {
    if (m_jobId && m_runner) m_runner->cancel(m_jobId);
}

int TrainingJob::start(const std::filesystem::path& projectFile, const core::TrainConfig& cfg) {
    if (m_jobId || !m_runner) return 0;
    if (m_link) m_link->detach();
    m_link = std::make_shared<Link>();
    m_link->target = this;
    auto link = m_link;
    auto fn = [link, projectFile, cfg](const core::ProgressFn& progress,
                                       const core::CancelToken& cancel) {
        auto project = core::Project::open(projectFile);
        core::TrainCallbacks cb;
        cb.progress = progress;
        cb.cancel = &cancel;
        cb.onEpoch = [link](const nlohmann::json& row) {
            if (row.contains("run_id")) link->runId = core::jsonInt(core::jsonField(row, "run_id"));
            const QString text = QString::fromStdString(core::dumpJson(row));
            link->post([text](TrainingJob* t) { Q_EMIT t->epochFinished(text); });
        };
        const core::TrainResult r = core::trainRun(*project, cfg, cb);
        link->runId = r.runId;
    };
    const QString title = cfg.resumeRunId > 0 ? tr("Resume training run %1").arg(cfg.resumeRunId)
                                              : tr("Train %1 (%n epoch(s))", nullptr, cfg.epochs)
                                                    .arg(QString::fromStdString(cfg.model));
    m_jobId = m_runner->start(title, std::move(fn), [this, link](const JobResult& res) {
        // Runs on the runner's (GUI) thread; `link` tells whether this object still exists.
        std::lock_guard lock(link->mutex);
        if (link->target != this) return;
        m_jobId = 0;
        QMetaObject::invokeMethod(
            this,
            [this, res, runId = link->runId.load()] {
                Q_EMIT finished(res.ok, res.cancelled, runId, res.error);
            },
            Qt::QueuedConnection);
    }, &TrainingJob::phaseOf);
    Q_EMIT started(m_jobId);
    return m_jobId;
}

}  // namespace winnow::widgets
