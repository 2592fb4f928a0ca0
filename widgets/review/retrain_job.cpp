#include "widgets/review/retrain_job.h"

#include <atomic>
#include <mutex>

#include "core/influence/detector_registry.h"
#include "core/influence/scoring_rows.h"
#include "core/review/label_versions.h"
#include "core/store/project.h"
#include "core/train/run_record.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "widgets/job_runner.h"

namespace winnow::widgets {

std::string runLabelVersionKey(qint64 runId) { return "run_label_version." + std::to_string(runId); }

RetrainPlan planRetrain(core::Project& project, qint64 baseRun) {
    RetrainPlan plan;
    plan.baseRun = baseRun > 0 ? baseRun : core::latestRun(project, true);
    plan.config = core::loadRunConfig(project.db(), plan.baseRun);
    // A fresh model on the cleaned labels: not a resume, not a fine-tune of older weights.
    plan.config.resumeRunId = 0;
    plan.config.initCheckpoint.clear();
    if (plan.config.kind == "post-train") plan.config.kind = "train";
    plan.config.parentRun = plan.baseRun;
    plan.config.writeOutputs = true;
    plan.labelVersion = core::currentLabelVersion(project);

    // Each detector once, with the parameters of its newest scoring of the base run.
    for (const auto& row : core::newestScoringPerDetector(project, int64_t(plan.baseRun))) {
        core::ScoreRequest r;
        r.detector = row.detector;
        const nlohmann::json p = core::parseJson(row.paramsJson, "parameters of a " + r.detector + " scoring");
        if (const auto info = core::findDetector(r.detector); info && info->restoreSettings) info->restoreSettings(p, r);
        plan.scorings.push_back(r);
    }
    if (plan.scorings.empty()) plan.scorings.push_back(core::ScoreRequest{});
    return plan;
}

// Shared with the workers, which only touch the atomics and the plan copy they were given.
struct RetrainJob::State {
    std::filesystem::path file;
    RetrainPlan plan;
    std::atomic<qint64> runId{0};
    std::mutex mutex;
    QList<qint64> scoringIds;  // guarded by mutex
};

RetrainJob::RetrainJob(JobRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {}

RetrainJob::~RetrainJob() { cancel(); }

void RetrainJob::cancel() {
    if (m_jobId && m_runner) m_runner->cancel(m_jobId);
}

int RetrainJob::start(const std::filesystem::path& projectFile, const RetrainPlan& plan) {
    if (m_jobId || !m_runner) return 0;
    auto state = std::make_shared<State>();
    state->file = projectFile;
    state->plan = plan;
    m_state = state;
    auto fn = [state](const core::ProgressFn& progress, const core::CancelToken& cancel) {
        auto project = core::Project::open(state->file);
        core::TrainCallbacks cb;
        cb.progress = progress;
        cb.cancel = &cancel;
        cb.onEpoch = [state](const nlohmann::json& row) {
            if (row.contains("run_id")) state->runId = core::jsonInt(core::jsonField(row, "run_id"));
        };
        const int64_t version = core::currentLabelVersion(*project);
        const core::TrainResult r = core::trainRun(*project, state->plan.config, cb);
        state->runId = r.runId;
        // Runs carry no label version of their own; record the one this run trained on.
        project->setMeta(runLabelVersionKey(r.runId), std::to_string(version));
    };
    QPointer<RetrainJob> self(this);
    m_jobId = m_runner->start(
        tr("Retrain on the cleaned labels (%n epoch(s))", nullptr, plan.config.epochs), std::move(fn),
        [self, state](const JobResult& res) {
            if (!self || self->m_state != state) return;
            self->m_jobId = 0;
            if (!res.ok) {
                self->end(false, res.cancelled, res.error);
                return;
            }
            Q_EMIT self->trained(state->runId.load());
            self->startScoring();
        });
    if (m_jobId) Q_EMIT stageChanged(tr("Training run on label version %1…").arg(plan.labelVersion));
    return m_jobId;
}

void RetrainJob::startScoring() {
    auto state = m_state;
    if (!m_runner || !state) return;
    auto fn = [state](const core::ProgressFn& progress, const core::CancelToken& cancel) {
        auto project = core::Project::open(state->file);
        const size_t n = state->plan.scorings.size();
        for (size_t i = 0; i < n; ++i) {
            core::ScoreRequest req = state->plan.scorings[i];
            req.runId = state->runId.load();
            // Each detector is one slice of the bar.
            core::ProgressFn part = [&progress, i, n, &req](const core::Progress& p) {
                if (progress)
                    progress({(double(i) + p.fraction) / double(n), req.detector + ": " + p.message});
            };
            const auto out = core::scoreProject(*project, req, part, &cancel);
            std::lock_guard lock(state->mutex);
            state->scoringIds << qint64(out.scoringId);
        }
    };
    QPointer<RetrainJob> self(this);
    m_jobId = m_runner->start(tr("Re-score run %1").arg(state->runId.load()), std::move(fn),
                              [self, state](const JobResult& res) {
                                  if (!self || self->m_state != state) return;
                                  self->m_jobId = 0;
                                  self->end(res.ok, res.cancelled, res.error);
                              });
    Q_EMIT stageChanged(tr("Scoring run %1…").arg(state->runId.load()));
}

void RetrainJob::end(bool ok, bool cancelled, const QString& error) {
    QList<qint64> ids;
    {
        std::lock_guard lock(m_state->mutex);
        ids = m_state->scoringIds;
    }
    Q_EMIT finished(ok, cancelled, m_state->runId.load(), ids, error);
}

}  // namespace winnow::widgets
