// The Train dialog's multi-process command through the real torchrun (python3-torch), with a
// stand-in for winnow-cli so no training runs (issue 12): rank 0's "[default0]:" lines reach
// the jobs panel through torchrun's --tee; a rank that fails is reported with torchrun's exit
// status and the rank's own message; Cancel stops torchrun and every rank. Skipped (and shown
// as skipped) where torchrun is not installed.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>

#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/train/multi_process_launch.h"
#include "widgets/train/process_run_job.h"

using namespace winnow::widgets;

namespace {

QString writeScript(const QTemporaryDir& dir, const QByteArray& body) {
    const QString path = dir.filePath("fake-winnow-cli");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

bool runs(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && close + 2 < line.size() && line[close + 2] != 'Z';
}

struct Outcome {
    bool seen = false, ok = false, cancelled = false;
    QString error;
};

}  // namespace

class TestProcessRunTorchrun : public QObject {
    Q_OBJECT
    QString m_torchrun;

private Q_SLOTS:
    void initTestCase() {
        qunsetenv("WINNOW_TORCHRUN");
        m_torchrun = torchrunProgram();
        if (m_torchrun.isEmpty()) QSKIP("torchrun is not installed (python3-torch)");
    }

    void aFailingRankIsReported() {
        QTemporaryDir dir;
        const QString cli = writeScript(dir, R"(
echo '{"event":"progress","fraction":0.5,"message":"epoch 1/2"}'
if [ "$RANK" = 1 ]; then echo "winnow-cli train: error: rank 1 lost its input" >&2; exit 3; fi
exec sleep 60
)");
        JobRunner runner;
        JobsPanel panel(&runner);
        ProcessRunJob job(&runner);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64, const QString& e) {
            out = {true, ok, cancelled, e};
        });
        const ProcessLaunch l = trainLaunch(m_torchrun, 2, cli, dir.filePath("p.winnow").toStdString(), {});
        const int id = job.start("Train (2 processes)", l.program, l.arguments);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 120000);
        QVERIFY(!out.ok);
        QVERIFY(!out.cancelled);
        QVERIFY2(out.error.contains("exit status 1"), qPrintable(out.error));  // torchrun's own
        QVERIFY2(out.error.contains("winnow-cli train: error: rank 1 lost its input"), qPrintable(out.error));
        QVERIFY(panel.statusText(id).startsWith("Failed: "));
    }

    // The GUI's port was free when chosen, but another program took it before torchrun bound
    // it: torchrun's own failure reaches the jobs panel, as any launcher failure does.
    void aPortTakenBeforeTheLaunchIsReported() {
        QTemporaryDir dir;
        const QString cli = writeScript(dir, "exec sleep 60\n");
        const int taken = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(taken >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        QVERIFY(::bind(taken, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(taken, 1) == 0 &&
                ::getsockname(taken, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        const int port = ntohs(a.sin_port);
        JobRunner runner;
        JobsPanel panel(&runner);
        ProcessRunJob job(&runner);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64, const QString& e) {
            out = {true, ok, cancelled, e};
        });
        const ProcessLaunch l = trainLaunch(m_torchrun, 2, cli, dir.filePath("p.winnow").toStdString(), {}, port);
        QVERIFY(l.arguments.contains("--master_port=" + QString::number(port)));
        const int id = job.start("Train (2 processes)", l.program, l.arguments);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 120000);
        ::close(taken);
        QVERIFY(!out.ok);
        QVERIFY(!out.cancelled);
        QVERIFY2(out.error.contains("exit status 1"), qPrintable(out.error));
        QVERIFY2(out.error.contains(QString::number(port)) && out.error.contains("Address already in use"),
                 qPrintable(out.error));
        QVERIFY(panel.statusText(id).startsWith("Failed: "));
    }

    void cancelStopsEveryRank() {
        QTemporaryDir dir;
        const QString cli = writeScript(dir, QByteArray(R"(
echo $$ > ")" + dir.path().toUtf8() + R"(/rank$RANK"
echo '{"event":"progress","fraction":0.5,"message":"epoch 1/2"}'
exec sleep 300
)"));
        JobRunner runner;
        JobsPanel panel(&runner);
        panel.setConfirmCancelAfterMs(3600 * 1000);
        ProcessRunJob job(&runner);
        job.setGracePeriodMs(3000);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64, const QString& e) {
            out = {true, ok, cancelled, e};
        });
        const ProcessLaunch l = trainLaunch(m_torchrun, 2, cli, dir.filePath("p.winnow").toStdString(), {});
        const int id = job.start("Train (2 processes)", l.program, l.arguments);
        // Rank 0's line comes through torchrun's tee ("[default0]:"); rank 1's is ignored.
        QTRY_COMPARE_WITH_TIMEOUT(panel.progressValue(id), 500, 120000);
        QVERIFY(QFile::exists(dir.filePath("rank0")) && QFile::exists(dir.filePath("rank1")));
        const auto pidIn = [&](const char* name) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pidIn("rank0") > 0 && pidIn("rank1") > 0, 20000);
        const qint64 r0 = pidIn("rank0"), r1 = pidIn("rank1");
        QVERIFY(runs(r0) && runs(r1));
        panel.requestCancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 60000);
        QVERIFY(out.cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!runs(r0) && !runs(r1), 20000);
    }
};

QTEST_MAIN(TestProcessRunTorchrun)
#include "tst_process_run_torchrun.moc"
