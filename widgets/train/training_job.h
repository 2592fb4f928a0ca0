#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <filesystem>
#include <memory>

#include "core/train/train_config.h"
#include "core/util/progress.h"

namespace winnow::widgets {

class JobRunner;

// Runs core::trainRun as a JobRunner job. The worker opens its own Project connection (one
// per thread); epoch metrics rows reach this object on the GUI thread as queued signals
// carrying the row's JSON text, so no core or torch type crosses threads. Progress, ETA and
// Cancel go through the runner (JobsPanel).
class TrainingJob : public QObject {
    Q_OBJECT
public:
    explicit TrainingJob(JobRunner* runner, QObject* parent = nullptr);
    ~TrainingJob() override;  // cancels a running job; later rows are dropped

    // Starts training; returns the runner's job id (0 when one is already running).
    int start(const std::filesystem::path& projectFile, const core::TrainConfig& cfg);
    bool isRunning() const { return m_jobId != 0; }
    int jobId() const { return m_jobId; }
    void cancel();
    // The phase of one of the trainer's progress reports, as the jobs panel shows it:
    // "Preparing" (input statistics), "Training" (the epochs) and "Writing run outputs"
    // (every sample through the final model after the last epoch, which on a large project
    // takes minutes of its own).
    static QString phaseOf(const core::Progress& p);

Q_SIGNALS:
    void started(int jobId);
    void epochFinished(const QString& metricsJson);
    // runId is 0 when training failed before its run row existed.
    void finished(bool ok, bool cancelled, qint64 runId, const QString& error);

private:
    struct Link;
    QPointer<JobRunner> m_runner;  // may go first when both are children of one window
    std::shared_ptr<Link> m_link;
    int m_jobId = 0;
};

}  // namespace winnow::widgets
