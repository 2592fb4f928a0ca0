#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <filesystem>
#include <map>
#include <optional>

namespace winnow::widgets {

class JobRunner;

// Follows the training runs another program writes into the open project (issue 12: a
// `winnow-cli train`, torchrun's rank 0, a Slurm job on a shared project folder). Every
// interval it reads the runs (core::listRunRows, read-only); each run in progress elsewhere
// (core::runsElsewhere) is listed in the jobs panel as a watch-only job (no Cancel: it is
// not this program's) with its epochs done and last loss. When such a run ends — or its
// process on this host is gone — its row ends with the outcome. runsChanged fires whenever
// the project's runs changed (a new run, a state, an epoch), so the run list can refresh.
class ExternalRunWatcher : public QObject {
    Q_OBJECT
public:
    explicit ExternalRunWatcher(JobRunner* runner, QObject* parent = nullptr);
    ~ExternalRunWatcher() override;

    // Empty: no project. Rows of the previous project's runs end (they are no longer followed).
    void setProject(const std::filesystem::path& file);
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    // Reads the runs now (the timer calls this).
    void poll();
    // The jobs-panel id of a watched run, 0 when it is not watched.
    int jobIdOf(qint64 runId) const;

Q_SIGNALS:
    void runsChanged();

private:
    void endAll(const QString& why);

    QPointer<JobRunner> m_runner;  // may go first when both are children of one window
    QTimer m_timer;
    std::filesystem::path m_file;
    std::map<qint64, int> m_watched;  // run id -> job id
    std::optional<QString> m_signature;  // of the runs read last
};

}  // namespace winnow::widgets
