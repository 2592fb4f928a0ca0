#include "widgets/retrieval/builtin_train_job.h"

#include <QMetaObject>
#include <functional>
#include <mutex>

#include "core/retrieval/builtin_training_run.h"
#include "core/retrieval/preprocessing_file.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"
#include "widgets/worker_link.h"

namespace winnow::widgets {

// The worker link (widgets/worker_link.h).
struct BuiltinTrainJob::Link : WorkerLink<BuiltinTrainJob> {
};

BuiltinTrainJob::BuiltinTrainJob(JobRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {}

BuiltinTrainJob::~BuiltinTrainJob() {
    if (m_link) m_link->detach();
    cancel();
}

void BuiltinTrainJob::cancel() {
    if (m_jobId && m_runner) m_runner->cancel(m_jobId);
}

int BuiltinTrainJob::start(const std::filesystem::path& projectFile, const BuiltinTrainRequest& request) {
    if (m_jobId || !m_runner) return 0;
    if (m_link) m_link->detach();
    m_link = std::make_shared<Link>();
    m_link->target = this;
    auto link = m_link;
    auto fn = [link, projectFile, request](const core::ProgressFn& progress, const core::CancelToken& cancel) {
        core::CaptionSet set;
        {
            auto project = core::Project::openReadOnly(projectFile);
            project->refuseProtectedPath(request.model);
            set = core::loadStoredCaptionSet(project->db(), request.setId);
        }
        core::BuiltinTrainOptions options = request.options;
        if (options.merges.empty()) options.merges = core::findDefaultMerges(request.model);
        auto report = [&progress, link](const core::BuiltinTrainProgress& p) {
            progress(core::builtinTrainingProgress(p));
            if (p.epochEnd)
                link->post([p](BuiltinTrainJob* t) {
                    Q_EMIT t->epochDone(p.epoch + 1, p.epochs, p.step, p.loss, p.temperature, p.validationI2T_R1,
                                        p.validationT2I_R1);
                });
            else
                link->post([p](BuiltinTrainJob* t) {
                    Q_EMIT t->stepDone(p.epoch + 1, p.step, p.steps, p.loss, p.temperature);
                });
        };
        core::trainBuiltinEncoderToFile(set, options, request.model, report, &cancel);
    };
    const QString model = QString::fromStdString(request.model.string());
    const QString title = tr("Train built-in encoder on %1 (%n epoch(s))", nullptr, request.options.epochs)
                              .arg(request.setName);
    m_jobId = m_runner->start(title, std::move(fn), [this, link, model](const JobResult& res) {
        // Runs on the runner's (GUI) thread; `link` tells whether this object still exists.
        std::lock_guard lock(link->mutex);
        if (link->target != this) return;
        m_jobId = 0;
        // Queued behind the step and epoch signals the worker posted before it ended.
        QMetaObject::invokeMethod(
            this, [this, res, model] { Q_EMIT finished(res.ok, res.cancelled, res.ok ? model : QString(), res.error); },
            Qt::QueuedConnection);
    });
    return m_jobId;
}

}  // namespace winnow::widgets
