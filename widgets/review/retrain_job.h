#pragma once
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/influence/project_scoring.h"
#include "core/train/train_config.h"

namespace winnow::core {
class Project;
}

namespace winnow::widgets {

class JobRunner;

// What "Retrain and re-score" will do: train a fresh model with the base run's config on
// the project's current (cleaned) labels — samples a reviewer excluded are left out by the
// trainer — then score the new run with every detector that scored the base run, with the
// parameters it used.
struct RetrainPlan {
    qint64 baseRun = 0;
    core::TrainConfig config;
    std::vector<core::ScoreRequest> scorings;  // runId filled in once the new run exists
    qint64 labelVersion = 0;                   // the version the new run trains on
};

// Meta key under which a retrain records the label version its run trained on (runs made
// elsewhere have none; loadRuns then infers it from the creation times).
std::string runLabelVersionKey(qint64 runId);

// Builds the plan; throws core::Error when the base run does not exist. `baseRun` 0 = the
// latest finished run. Detectors default to influential-rank when the run was never scored.
RetrainPlan planRetrain(core::Project& project, qint64 baseRun = 0);

// Runs a plan as two JobRunner jobs (train, then score), each with progress and Cancel in
// the jobs panel. Workers open their own project connection; results come back as signals
// on the GUI thread.
class RetrainJob : public QObject {
    Q_OBJECT
public:
    explicit RetrainJob(JobRunner* runner, QObject* parent = nullptr);
    ~RetrainJob() override;  // cancels what is running

    // Returns the id of the training job (0 when busy or without a runner).
    int start(const std::filesystem::path& projectFile, const RetrainPlan& plan);
    bool isRunning() const { return m_jobId != 0; }
    int currentJobId() const { return m_jobId; }
    void cancel();

Q_SIGNALS:
    void stageChanged(const QString& text);
    void trained(qint64 runId);
    // runId 0 when training failed before its run row existed; scoringIds newest last.
    void finished(bool ok, bool cancelled, qint64 runId, const QList<qint64>& scoringIds,
                  const QString& error);

private:
    struct State;
    void startScoring();
    void end(bool ok, bool cancelled, const QString& error);

    QPointer<JobRunner> m_runner;
    std::shared_ptr<State> m_state;
    int m_jobId = 0;
};

}  // namespace winnow::widgets
