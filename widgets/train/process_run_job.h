#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QStringList>

namespace winnow::widgets {

class JobRunner;

// A training run in child processes (issue 12: the Train dialog's "Processes: N" starts
// `torchrun ... winnow-cli train ... --json`). The child gets its own process group; the job is
// listed in the runner's jobs panel (JobRunner::track) and follows rank 0's JSON lines on
// stdout: "progress" (fraction, message; optional phase/step/steps), "epoch" (metrics),
// "done" (run_id). Cancel sends SIGTERM to the whole group and SIGKILL after the grace
// period. A child that dies is reported with its exit status and its last stderr message.
// Everything happens on the GUI thread through QProcess's signals: the GUI never waits on it.
class ProcessRunJob : public QObject {
    Q_OBJECT
public:
    explicit ProcessRunJob(JobRunner* runner, QObject* parent = nullptr);
    ~ProcessRunJob() override;  // a child still running is terminated (group), waited for briefly

    // Starts `program arguments`; returns the runner's job id, 0 when a child already runs.
    // A program that cannot start ends the job at once (finished with the reason).
    int start(const QString& title, const QString& program, const QStringList& arguments);
    bool isRunning() const { return m_jobId != 0; }
    int jobId() const { return m_jobId; }
    qint64 processId() const;
    void cancel();
    void setGracePeriodMs(int ms) { m_graceMs = ms; }

    // One stdout line → rank 0's JSON object: "{...}", or "[default0]:{...}" as torchrun's
    // --tee prefixes it. Empty for another rank's line and for anything that is not an object.
    static QJsonObject rank0Object(const QByteArray& line);
    // What to report of a dead child's last stderr lines: the last line winnow-cli wrote
    // ("winnow-cli train: error: …"), else the launcher's last ERROR line, else the last line
    // that says something (torchrun's ==== frames do not).
    static QString lastMessage(const QStringList& stderrLines);

Q_SIGNALS:
    void started(int jobId);
    void epochFinished(const QString& metricsJson);
    // runId: from the child's "done" line, 0 when it never got there.
    void finished(bool ok, bool cancelled, qint64 runId, const QString& error);

private:
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void handleLine(const QByteArray& line);
    void end(bool ok, bool cancelled, const QString& error);
    void signalGroup(int sig);

    QPointer<JobRunner> m_runner;
    QProcess* m_process = nullptr;
    int m_jobId = 0;
    qint64 m_pid = 0;  // the child's pid = its process group
    bool m_cancelling = false;
    int m_graceMs = 10000;
    QByteArray m_outBuffer, m_errBuffer;
    QStringList m_errLines;  // the last ones
    QString m_phase;
    QString m_lastLoss;
    qint64 m_runId = 0;
};

}  // namespace winnow::widgets
