#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <filesystem>
#include <memory>

#include "widgets/retrieval/builtin_train_dialog.h"

namespace winnow::widgets {

class JobRunner;

// Trains the built-in dual encoder (core::trainBuiltinEncoderToFile) as a JobRunner job: the
// worker opens the project read-only, loads the stored caption set, trains and writes the
// model and its history. Progress, ETA and Cancel go through the runner (JobsPanel); each
// training step and each epoch's end reach this object on the GUI thread as queued signals.
// A cancelled job writes no file.
class BuiltinTrainJob : public QObject {
    Q_OBJECT
public:
    explicit BuiltinTrainJob(JobRunner* runner, QObject* parent = nullptr);
    ~BuiltinTrainJob() override;  // cancels a running job; later reports are dropped

    // Starts training; returns the runner's job id (0 when one is already running).
    int start(const std::filesystem::path& projectFile, const BuiltinTrainRequest& request);
    bool isRunning() const { return m_jobId != 0; }
    int jobId() const { return m_jobId; }
    void cancel();

Q_SIGNALS:
    // epoch is 1-based; step counts the steps of the whole run.
    void stepDone(int epoch, qint64 step, qint64 steps, double loss, double temperature);
    // valI2T / valT2I: validation R@1 in [0, 1], or -1 without held-out images.
    void epochDone(int epoch, int epochs, qint64 step, double meanLoss, double temperature, double valI2T,
                   double valT2I);
    // model: the written file when ok.
    void finished(bool ok, bool cancelled, const QString& model, const QString& error);

private:
    struct Link;
    QPointer<JobRunner> m_runner;
    std::shared_ptr<Link> m_link;
    int m_jobId = 0;
};

}  // namespace winnow::widgets
