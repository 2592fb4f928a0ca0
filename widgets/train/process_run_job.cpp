#include "widgets/train/process_run_job.h"

#include <signal.h>
#include <unistd.h>

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

#include "core/util/progress.h"
#include "widgets/job_runner.h"
#include "widgets/train/training_job.h"

namespace winnow::widgets {

namespace {
constexpr int kKeptStderrLines = 40;
constexpr qsizetype kMaxLine = 1 << 20;  // a longer line without a newline is dropped
const QByteArray kCliPrefix = "winnow-cli";

// Complete lines out of `buffer` (the rest stays for the next read).
QList<QByteArray> takeLines(QByteArray& buffer) {
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (qsizetype nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
        QByteArray line = buffer.mid(start, nl - start);
        if (line.endsWith('\r')) line.chop(1);
        lines << line;
        start = nl + 1;
    }
    buffer.remove(0, start);
    if (buffer.size() > kMaxLine) buffer.clear();
    return lines;
}
}  // namespace

ProcessRunJob::ProcessRunJob(JobRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {}

ProcessRunJob::~ProcessRunJob() {
    if (!m_process) return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        signalGroup(SIGTERM);
        if (!m_process->waitForFinished(std::min(m_graceMs, 3000))) signalGroup(SIGKILL);
        m_process->waitForFinished(2000);
    }
    signalGroup(SIGKILL);  // ranks the launcher left behind
    if (m_runner && m_jobId) {
        JobResult r;
        r.id = m_jobId;
        r.cancelled = true;
        m_runner->finishTracked(r);
    }
}

qint64 ProcessRunJob::processId() const { return m_pid; }

QJsonObject ProcessRunJob::rank0Object(const QByteArray& line) {
    QByteArray body = line.trimmed();
    // torchrun --tee: "[default0]:{...}" (the name, then the local rank).
    static const QRegularExpression prefix(QStringLiteral("^\\[[A-Za-z_]*(\\d+)\\]:"));
    const QRegularExpressionMatch m = prefix.match(QString::fromLatin1(body.left(64)));
    if (m.hasMatch()) {
        if (m.captured(1).toInt() != 0) return {};
        body = body.mid(m.capturedLength()).trimmed();
    }
    if (!body.startsWith('{')) return {};
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) return {};
    return doc.object();
}

QString ProcessRunJob::lastMessage(const QStringList& lines) {
    static const QRegularExpression says(QStringLiteral("[\\p{L}\\p{N}]"));
    QString launcherError, any;
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (line.startsWith(QLatin1String(kCliPrefix))) return line;
        if (launcherError.isEmpty() && line.startsWith(QLatin1String("ERROR:"))) launcherError = line;
        if (any.isEmpty() && line.contains(says)) any = line;
    }
    return launcherError.isEmpty() ? any : launcherError;
}

int ProcessRunJob::start(const QString& title, const QString& program, const QStringList& arguments) {
    if (m_jobId || !m_runner) return 0;
    m_cancelling = false;
    m_outBuffer.clear();
    m_errBuffer.clear();
    m_errLines.clear();
    m_phase.clear();
    m_lastLoss.clear();
    m_runId = 0;
    m_pid = 0;
    QPointer<ProcessRunJob> self(this);
    m_jobId = m_runner->track(title, [self] {
        if (self) self->cancel();
    });
    m_process = new QProcess(this);
    // Its own process group, so Cancel reaches the launcher and every rank it started.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProcessRunJob::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &ProcessRunJob::onStderr);
    connect(m_process, &QProcess::finished, this, &ProcessRunJob::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ProcessRunJob::onError);
    connect(m_process, &QProcess::started, this, [this] { m_pid = m_process->processId(); });
    const int id = m_jobId;
    Q_EMIT started(id);
    m_process->start(program, arguments);
    return id;  // the job may already have ended (a program that cannot start)
}

void ProcessRunJob::cancel() {
    if (!m_process || m_process->state() == QProcess::NotRunning || m_cancelling) return;
    m_cancelling = true;
    signalGroup(SIGTERM);
    const qint64 pid = m_pid;
    QTimer::singleShot(m_graceMs, this, [this, pid] {
        // Still the same child, still running: it had its chance to stop on its own.
        if (m_process && m_pid == pid && m_process->state() != QProcess::NotRunning) signalGroup(SIGKILL);
    });
}

void ProcessRunJob::signalGroup(int sig) {
    if (m_pid > 0) ::kill(-pid_t(m_pid), sig);
}

void ProcessRunJob::onStdout() {
    m_outBuffer += m_process->readAllStandardOutput();
    for (const QByteArray& line : takeLines(m_outBuffer)) handleLine(line);
}

void ProcessRunJob::onStderr() {
    m_errBuffer += m_process->readAllStandardError();
    for (const QByteArray& line : takeLines(m_errBuffer)) {
        if (line.trimmed().isEmpty()) continue;
        m_errLines << QString::fromUtf8(line);
        if (m_errLines.size() > kKeptStderrLines) m_errLines.removeFirst();
    }
}

void ProcessRunJob::handleLine(const QByteArray& line) {
    const QJsonObject o = rank0Object(line);
    const QString event = o.value(QLatin1String("event")).toString();
    if (event == QLatin1String("progress")) {
        const double fraction = o.value(QLatin1String("fraction")).toDouble();
        const QString message = o.value(QLatin1String("message")).toString();
        const QString phase = TrainingJob::phaseOf(core::Progress{fraction, message.toStdString()});
        if (phase != m_phase) {
            m_phase = phase;
            m_runner->reportPhase(m_jobId, phase);
        }
        QStringList parts;
        if (!message.isEmpty()) parts << message;
        if (o.contains(QLatin1String("step")) && o.contains(QLatin1String("steps")))
            parts << tr("step %1/%2")
                         .arg(o.value(QLatin1String("step")).toInteger())
                         .arg(o.value(QLatin1String("steps")).toInteger());
        // The trainer's epoch messages read "epoch E/N" (core/train); the loss belongs to them.
        if (!m_lastLoss.isEmpty() && message.startsWith(QLatin1String("epoch ")))
            parts << tr("loss %1").arg(m_lastLoss);
        m_runner->reportProgress(m_jobId, fraction, parts.join(QStringLiteral(" · ")));
    } else if (event == QLatin1String("epoch")) {
        QJsonObject metrics = o;
        metrics.remove(QLatin1String("event"));
        if (metrics.value(QLatin1String("loss_train")).isDouble())
            m_lastLoss = QString::number(metrics.value(QLatin1String("loss_train")).toDouble(), 'g', 4);
        if (metrics.value(QLatin1String("run_id")).isDouble())
            m_runId = metrics.value(QLatin1String("run_id")).toInteger();
        Q_EMIT epochFinished(QString::fromUtf8(QJsonDocument(metrics).toJson(QJsonDocument::Compact)));
    } else if (event == QLatin1String("done")) {
        m_runId = o.value(QLatin1String("run_id")).toInteger();
    }
}

void ProcessRunJob::onFinished(int exitCode, QProcess::ExitStatus status) {
    onStdout();
    onStderr();
    if (!m_errBuffer.trimmed().isEmpty()) m_errLines << QString::fromUtf8(m_errBuffer);
    if (!m_outBuffer.isEmpty()) handleLine(m_outBuffer);
    const bool ok = status == QProcess::NormalExit && exitCode == 0 && !m_cancelling;
    if (!ok) signalGroup(SIGKILL);  // ranks a dead or cancelled launcher left behind
    if (ok || m_cancelling) {
        end(ok, m_cancelling, {});
        return;
    }
    const QString last = lastMessage(m_errLines);
    const QString how = status == QProcess::CrashExit
                            ? tr("The training processes were killed (signal %1).").arg(exitCode)
                            : tr("The training processes ended with exit status %1.").arg(exitCode);
    end(false, false, last.isEmpty() ? how : tr("%1 Last message: %2").arg(how, last));
}

void ProcessRunJob::onError(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // the others end in finished()
    end(false, false, tr("Cannot start %1: %2").arg(m_process->program(), m_process->errorString()));
}

void ProcessRunJob::end(bool ok, bool cancelled, const QString& error) {
    if (!m_jobId) return;
    JobResult r;
    r.id = m_jobId;
    r.ok = ok;
    r.cancelled = cancelled;
    r.error = error;
    m_jobId = 0;
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_pid = 0;
    if (m_runner) m_runner->finishTracked(r);
    Q_EMIT finished(ok, cancelled, m_runId, error);
}

}  // namespace winnow::widgets
