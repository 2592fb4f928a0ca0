// A training run in several processes, started from the Train dialog (issue 12): the GUI
// starts `torchrun ... winnow-cli train ... --json` as a child and follows rank 0's JSON lines
// in the jobs panel. Here a fake launcher (a shell script named by WINNOW_TORCHRUN, as the
// dialog finds it) prints such lines and then exits 0, dies with status 3 and a stderr message,
// or ignores SIGTERM until killed. Also the exact command line built from dialog settings.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSet>
#include <QSpinBox>
#include <QTemporaryDir>

#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/train/multi_process_launch.h"
#include "widgets/train/process_run_job.h"
#include "widgets/train/train_dialog.h"

using namespace winnow::widgets;

namespace {

// Writes an executable sh script; `body` follows the #! line.
QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& body) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A process that exists and is not a zombie (one killed whose parent is gone may linger as a
// zombie until init reaps it; it no longer runs).
bool runs(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && close + 2 < line.size() && line[close + 2] != 'Z';
}

struct Outcome {
    bool seen = false, ok = false, cancelled = false;
    qint64 runId = -1;
    QString error;
};

// Whether 127.0.0.1:port can be bound and listened on now.
bool canListen(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(quint16(port));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(fd, 1) == 0;
    ::close(fd);
    return ok;
}

// The port of "--master_port=P" in a launch's arguments, 0 when there is none.
int masterPortOf(const QStringList& args) {
    for (const QString& a : args)
        if (a.startsWith("--master_port=")) return a.mid(14).toInt();
    return 0;
}

}  // namespace

class TestProcessRunJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("tst_process_run_job"));
        QSettings().remove(QStringLiteral("train"));
    }

    void rank0LinesOnly() {
        QCOMPARE(ProcessRunJob::rank0Object(R"({"event":"done","run_id":4})").value("run_id").toInt(), 4);
        QCOMPARE(ProcessRunJob::rank0Object(R"([default0]:{"event":"done","run_id":5})").value("run_id").toInt(), 5);
        QVERIFY(ProcessRunJob::rank0Object(R"([default1]:{"event":"done","run_id":6})").isEmpty());
        QVERIFY(ProcessRunJob::rank0Object(R"([default12]:{"event":"done"})").isEmpty());
        QVERIFY(ProcessRunJob::rank0Object("epoch 1: loss 0.3").isEmpty());
        QVERIFY(ProcessRunJob::rank0Object("[default0]:{truncated").isEmpty());
        QVERIFY(ProcessRunJob::rank0Object("[1, 2]").isEmpty());
    }

    void lastMessagePrefersWinnowCli() {
        QCOMPARE(ProcessRunJob::lastMessage({"winnow-cli train: error: disk full", "ERROR:torch...:failed (exitcode: 1)",
                                             "====", "  traceback : To enable traceback see: x"}),
                 QString("winnow-cli train: error: disk full"));
        QCOMPARE(ProcessRunJob::lastMessage({"ERROR:torch:failed (exitcode: 3) local_rank: 1", "-----", "  x : y"}),
                 QString("ERROR:torch:failed (exitcode: 3) local_rank: 1"));
        QCOMPARE(ProcessRunJob::lastMessage({"Segmentation fault", "=====", "   "}), QString("Segmentation fault"));
        QCOMPARE(ProcessRunJob::lastMessage({}), QString());
    }

    // Progress, epoch rows and the end of a run that succeeds; other ranks' lines and text
    // that is not JSON are ignored; the arguments arrive one by one, spaces included.
    void followsProgressAndFinishes() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString go = dir.filePath("go"), args = dir.filePath("args");
        const QString launcher = writeScript(dir, "launcher", QByteArray(R"(
for a in "$@"; do printf '%s\n' "$a"; done > ")" + args.toUtf8() + R"("
echo '[default0]:{"event":"progress","fraction":0.25,"message":"epoch 1/2"}'
echo '[default0]:{"event":"epoch","epoch":0,"loss_train":0.75,"acc_train":0.5}'
echo '[default1]:{"event":"progress","fraction":0.9,"message":"epoch 2/2"}'
echo 'Setting OMP_NUM_THREADS environment variable for each process'
echo '[default0]:{"event":"progress","fraction":0.75,"message":"epoch 2/2","step":3,"steps":4}'
while [ ! -e ")" + go.toUtf8() + R"(" ]; do sleep 0.05; done
echo '[default0]:{"event":"progress","fraction":0.5,"message":"writing run outputs"}'
echo '[default0]:{"event":"done","run_id":42}'
exit 0
)"));
        JobRunner runner;
        JobsPanel panel(&runner);
        ProcessRunJob job(&runner);
        QStringList epochs;
        Outcome out;
        connect(&job, &ProcessRunJob::epochFinished, this, [&](const QString& row) { epochs << row; });
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64 runId, const QString& e) {
            out = {true, ok, cancelled, runId, e};
        });
        const int id = job.start("Train cnn-small (2 processes)", launcher, {"--nproc_per_node=2", "my project.winnow"});
        QVERIFY(id > 0);
        QVERIFY(job.isRunning());
        QCOMPARE(runner.runningCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(panel.progressValue(id), 750, 20000);
        QCOMPARE(panel.phaseText(id), QString("Training"));
        QVERIFY2(panel.statusText(id).startsWith("Training: epoch 2/2 · step 3/4 · loss 0.75"),
                 qPrintable(panel.statusText(id)));
        QCOMPARE(epochs.size(), 1);
        const QJsonObject row = QJsonDocument::fromJson(epochs[0].toUtf8()).object();
        QCOMPARE(row.value("loss_train").toDouble(), 0.75);
        QCOMPARE(row.value("epoch").toInt(), 0);
        QVERIFY(!row.contains("event"));
        QCOMPARE(QString::fromUtf8(readFile(args)), QString("--nproc_per_node=2\nmy project.winnow\n"));
        QVERIFY(!out.seen);

        QFile(go).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 20000);
        QVERIFY(out.ok);
        QVERIFY(!out.cancelled);
        QCOMPARE(out.runId, qint64(42));
        QVERIFY(!job.isRunning());
        QCOMPARE(runner.runningCount(), 0);
        QVERIFY2(panel.statusText(id).startsWith("Done in"), qPrintable(panel.statusText(id)));
    }

    // A child that dies: its exit status and its last message (winnow-cli's, not torchrun's
    // ==== frame) are reported, in the job's outcome and in the jobs panel; the GUI goes on.
    void reportsADeadChild() {
        QTemporaryDir dir;
        const QString launcher = writeScript(dir, "launcher", R"(
echo '[default0]:{"event":"progress","fraction":0.1,"message":"epoch 1/5"}'
echo 'winnow-cli train: error: rank 1 stopped answering within 60 s' >&2
echo '============================================================' >&2
exit 3
)");
        JobRunner runner;
        JobsPanel panel(&runner);
        ProcessRunJob job(&runner);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64 runId, const QString& e) {
            out = {true, ok, cancelled, runId, e};
        });
        const int id = job.start("Train", launcher, {});
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 20000);
        QVERIFY(!out.ok);
        QVERIFY(!out.cancelled);
        QCOMPARE(out.runId, qint64(0));
        QVERIFY2(out.error.contains("exit status 3"), qPrintable(out.error));
        QVERIFY2(out.error.contains("winnow-cli train: error: rank 1 stopped answering within 60 s"), qPrintable(out.error));
        QVERIFY2(panel.statusText(id).startsWith("Failed: ") && panel.statusText(id).contains("exit status 3"),
                 qPrintable(panel.statusText(id)));
        // The job can be started again.
        QVERIFY(job.start("Train again", launcher, {}) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!job.isRunning(), 20000);
    }

    void reportsAProgramThatCannotStart() {
        JobRunner runner;
        JobsPanel panel(&runner);
        ProcessRunJob job(&runner);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64 runId, const QString& e) {
            out = {true, ok, cancelled, runId, e};
        });
        const int id = job.start("Train", "/nonexistent/torchrun", {});
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 20000);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains("Cannot start /nonexistent/torchrun"), qPrintable(out.error));
        QVERIFY(panel.statusText(id).startsWith("Failed: "));
        QCOMPARE(runner.runningCount(), 0);
    }

    // Cancel from the jobs panel: a launcher that ignores SIGTERM (so does its child, which
    // inherits the ignored signal) is killed with its whole process group after the grace
    // period; the event loop keeps running meanwhile.
    void cancelKillsTheProcessGroup() {
        QTemporaryDir dir;
        const QString pids = dir.filePath("pids");
        const QString launcher = writeScript(dir, "launcher", QByteArray(R"(
trap '' TERM
sleep 1000 &
echo "$$ $!" > ")" + pids.toUtf8() + R"("
echo '[default0]:{"event":"progress","fraction":0.2,"message":"epoch 1/5"}'
wait
wait
)"));
        JobRunner runner;
        JobsPanel panel(&runner);
        panel.setConfirmCancelAfterMs(3600 * 1000);
        ProcessRunJob job(&runner);
        job.setGracePeriodMs(300);
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64 runId, const QString& e) {
            out = {true, ok, cancelled, runId, e};
        });
        const int id = job.start("Train", launcher, {});
        QTRY_COMPARE_WITH_TIMEOUT(panel.progressValue(id), 200, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(readFile(pids).trimmed().split(' ').size() == 2, 20000);
        const QList<QByteArray> two = readFile(pids).trimmed().split(' ');
        const qint64 shell = two[0].toLongLong(), sleeper = two[1].toLongLong();
        QVERIFY(runs(shell));
        QVERIFY(runs(sleeper));

        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(10);
        panel.requestCancel(id);
        QCOMPARE(panel.statusText(id), QString("Cancelling…"));
        QVERIFY(!out.seen);  // Cancel does not wait for the child: the GUI returns at once
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 30000);
        QVERIFY(out.cancelled);
        QVERIFY(!out.ok);
        QVERIFY(ticks > 0);
        QCOMPARE(panel.statusText(id), QString("Cancelled."));
        QVERIFY(!runs(shell));
        QTRY_VERIFY_WITH_TIMEOUT(!runs(sleeper), 10000);
    }

    // A launcher that obeys SIGTERM ends as cancelled (not failed) without waiting for the grace.
    void cancelOfAnObedientChild() {
        QTemporaryDir dir;
        const QString launcher = writeScript(dir, "launcher", R"(
echo '[default0]:{"event":"progress","fraction":0.2,"message":"epoch 1/5"}'
exec sleep 1000
)");
        JobRunner runner;
        ProcessRunJob job(&runner);
        job.setGracePeriodMs(3600 * 1000);  // never reached: SIGTERM suffices
        Outcome out;
        connect(&job, &ProcessRunJob::finished, this, [&](bool ok, bool cancelled, qint64 runId, const QString& e) {
            out = {true, ok, cancelled, runId, e};
        });
        const int id = job.start("Train", launcher, {});
        QTRY_VERIFY_WITH_TIMEOUT(job.processId() > 0, 20000);
        runner.cancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(out.seen, 30000);
        QVERIFY(out.cancelled);
        QVERIFY(out.error.isEmpty());
    }

    // Two runs started from one GUI each get their own loopback port (torchrun's default 29500
    // made the second collide with the first), and the port the launch names was free.
    void twoLaunchesGetDifferentPorts() {
        const ProcessLaunch a = trainLaunch("torchrun", 2, "winnow-cli", "/p/a.winnow", {});
        const ProcessLaunch b = trainLaunch("torchrun", 2, "winnow-cli", "/p/b.winnow", {});
        const int pa = masterPortOf(a.arguments), pb = masterPortOf(b.arguments);
        QVERIFY2(pa > 0, qPrintable(a.arguments.join(' ')));
        QVERIFY2(pb > 0, qPrintable(b.arguments.join(' ')));
        QVERIFY(pa != pb);
        QVERIFY(a.arguments.contains("--master_addr=127.0.0.1") && b.arguments.contains("--master_addr=127.0.0.1"));
        QVERIFY(a.arguments.indexOf("--master_port=" + QString::number(pa)) < a.arguments.indexOf("--no_python"));
        QVERIFY2(canListen(pb), "the chosen port was taken");
        // Many launches in a row never repeat a port (a run just started may not have bound yet).
        QSet<int> seen{pa, pb};
        for (int i = 0; i < 50; ++i) {
            const int p = masterPortOf(trainLaunch("torchrun", 2, "winnow-cli", "/p/c.winnow", {}).arguments);
            QVERIFY2(!seen.contains(p), qPrintable(QString::number(p)));
            seen.insert(p);
        }
        // An explicit port is passed as given.
        QCOMPARE(masterPortOf(trainLaunch("torchrun", 2, "winnow-cli", "/p/a.winnow", {}, 40001).arguments), 40001);
    }

    // The Train dialog offers Processes only with a launcher, and its settings become exactly
    // this command line.
    void dialogBuildsTheCommandLine() {
        QTemporaryDir dir;
        const QString launcher = writeScript(dir, "torchrun", "exit 0\n");
        const QString cli = writeScript(dir, "winnow-cli", "exit 0\n");
        qputenv("WINNOW_TORCHRUN", "/nonexistent/torchrun");
        {
            TrainDialog dlg;
            QVERIFY(!dlg.processesOffered());
            QVERIFY(!dlg.findChild<QSpinBox*>("processes")->isEnabled());
            QCOMPARE(dlg.processes(), 1);
        }
        qputenv("WINNOW_TORCHRUN", launcher.toUtf8());
        qputenv("WINNOW_CLI", cli.toUtf8());
        TrainDialog dlg;
        QVERIFY(dlg.processesOffered());
        auto* processes = dlg.findChild<QSpinBox*>("processes");
        QVERIFY(processes->isEnabled());
        processes->setValue(3);
        dlg.findChild<QSpinBox*>("epochs")->setValue(4);
        dlg.findChild<QSpinBox*>("batchSize")->setValue(64);
        dlg.findChild<QDoubleSpinBox*>("lr")->setValue(0.05);
        auto* loss = dlg.findChild<QComboBox*>("loss");
        loss->setCurrentIndex(loss->findData("focal"));
        dlg.findChild<QDoubleSpinBox*>("focalGamma")->setValue(2);
        dlg.findChild<QCheckBox*>("hflip")->setChecked(false);
        auto* device = dlg.findChild<QComboBox*>("device");
        device->setCurrentIndex(device->findData("cpu"));
        dlg.findChild<QSpinBox*>("threads")->setValue(1);
        dlg.findChild<QSpinBox*>("seed")->setValue(9);
        QCOMPARE(dlg.validate(), QString());
        const ProcessLaunch l = trainLaunch(torchrunProgram(), dlg.processes(), winnowCliProgram(),
                                            "/data/fashion mnist.winnow", dlg.config());
        QCOMPARE(l.program, launcher);
        const int port = masterPortOf(l.arguments);
        QVERIFY2(port > 0 && port <= 65535, qPrintable(l.arguments.join(' ')));
        QCOMPARE(l.arguments,
                 QStringList({"--nproc_per_node=3", "--master_addr=127.0.0.1", "--master_port=" + QString::number(port),
                              "-r", "1", "-t", "1", "--no_python", cli, "train", "--project",
                              "/data/fashion mnist.winnow", "--epochs", "4", "--batch", "64", "--lr", "0.05",
                              "--loss", "focal", "--focal-gamma", "2", "--no-hflip", "--device", "cpu", "--threads",
                              "1", "--seed", "9", "--json"}));
        // Remembered with the settings when accepted.
        dlg.accept();
        TrainDialog again;
        QCOMPARE(again.processes(), 3);
        qunsetenv("WINNOW_TORCHRUN");
        qunsetenv("WINNOW_CLI");
    }
};

QTEST_MAIN(TestProcessRunJob)
#include "tst_process_run_job.moc"
