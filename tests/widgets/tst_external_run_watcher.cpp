// Runs another program trains into the open project (issue 12: winnow-cli, torchrun's rank 0,
// a Slurm job) appear in the jobs panel with their epochs and last loss while they run, and end
// there with their outcome; the GUI's own runs (this process or its children) are not listed
// twice. The run rows carry the owner and the latest epoch (core::RunRow).
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>

#include "core/store/project.h"
#include "core/train/run_record.h"
#include "core/train/run_rows.h"
#include "core/util/process_tag.h"
#include "widgets/job_runner.h"
#include "widgets/jobs_panel.h"
#include "widgets/train/external_run_watcher.h"

using namespace winnow;
using winnow::widgets::ExternalRunWatcher;

namespace {

std::string host() {
    char buf[256] = {};
    gethostname(buf, sizeof buf - 1);
    return buf;
}

// "host;pid;start" of a running process (as core::currentProcessTag writes it).
std::string tagOf(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray line = f.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return host() + ";" + std::to_string(pid) + ";" + fields.value(19).toStdString();  // field 22
}

// A `sleep` that is not this process's descendant (its shell parent exits at once).
qint64 startOrphan() {
    QProcess sh;
    sh.start("/bin/sh", {"-c", "sleep 300 >/dev/null 2>&1 & echo $!"});
    sh.waitForFinished(10000);
    return sh.readAllStandardOutput().trimmed().toLongLong();
}

void setOwner(const std::filesystem::path& file, int64_t runId, const std::string& tag) {
    auto p = core::Project::open(file);
    p->db().prepare("UPDATE runs SET owner=? WHERE id=?").bind(1, tag).bind(2, runId).run();
}

bool cancelShown(const widgets::JobsPanel& panel) {
    for (auto* b : panel.findChildren<QPushButton*>("jobCancel"))
        if (b->isVisibleTo(&panel)) return true;
    return false;
}

}  // namespace

class TestExternalRunWatcher : public QObject {
    Q_OBJECT
    QList<qint64> m_orphans;

private Q_SLOTS:
    void cleanupTestCase() {
        for (qint64 pid : m_orphans) ::kill(pid_t(pid), SIGKILL);
    }

    void ownersTellOthersFromThisProcess() {
        QVERIFY(core::isThisProcessOrChild(core::currentProcessTag()));
        QProcess child;
        child.start("/bin/sleep", {"30"});
        QVERIFY(child.waitForStarted());
        QVERIFY(core::isThisProcessOrChild(tagOf(child.processId())));
        child.kill();
        child.waitForFinished();
        const qint64 orphan = startOrphan();
        QVERIFY(orphan > 0);
        m_orphans << orphan;
        QVERIFY(!core::isThisProcessOrChild(tagOf(orphan)));
        QVERIFY(!core::isThisProcessOrChild("other-host;1;1"));
    }

    void followsARunTrainedElsewhere() {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath("p.winnow").toStdString();
        int64_t run = 0, own = 0;
        const qint64 orphan = startOrphan();
        m_orphans << orphan;
        {
            auto p = core::Project::create(file);
            core::TrainConfig cfg;
            cfg.epochs = 4;
            run = core::insertRunRow(p->db(), cfg, "cpu");
            core::recordRunEpoch(p->db(), run, 0, {{"epoch", 0}, {"loss_train", 1.25}});
        }
        setOwner(file, run, tagOf(orphan));
        {
            auto p = core::Project::openReadOnly(file);
            const auto row = core::findRunRow(*p, run);
            QVERIFY(row);
            QCOMPARE(row->owner, tagOf(orphan));
            QCOMPARE(row->epochsDone, int64_t(1));
            QVERIFY(QString::fromStdString(row->lastEpochJson).contains("1.25"));
            QVERIFY(core::runsElsewhere(*row));
        }

        widgets::JobRunner runner;
        widgets::JobsPanel panel(&runner);
        ExternalRunWatcher watcher(&runner);
        watcher.setIntervalMs(3600 * 1000);  // this test polls by hand
        QSignalSpy changed(&watcher, &ExternalRunWatcher::runsChanged);
        watcher.setProject(file);
        const int job = watcher.jobIdOf(run);
        QVERIFY(job > 0);
        QVERIFY2(panel.titleText(job).contains(QStringLiteral("process %1").arg(orphan)), qPrintable(panel.titleText(job)));
        QCOMPARE(panel.statusText(job), QString("epoch 1/4 done · loss 1.25"));
        QCOMPARE(panel.progressValue(job), 250);
        QVERIFY(!runner.isCancellable(job));
        QVERIFY(!cancelShown(panel));
        QCOMPARE(runner.runningCount(), 0);  // quitting would not stop it: nothing to ask about
        QCOMPARE(changed.count(), 0);

        {  // This process's own run (the GUI training in a worker thread) is not listed.
            auto p = core::Project::open(file);
            own = core::insertRunRow(p->db(), core::TrainConfig{}, "cpu");
            core::recordRunEpoch(p->db(), run, 1, {{"epoch", 1}, {"loss_train", 0.5}});
        }
        watcher.poll();
        QCOMPARE(watcher.jobIdOf(own), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.statusText(job), QString("epoch 2/4 done · loss 0.5"));
        QCOMPARE(panel.progressValue(job), 500);
        watcher.poll();
        QCOMPARE(changed.count(), 1);  // nothing new

        {
            auto p = core::Project::open(file);
            core::finishRunRow(p->db(), run, "done", "", nlohmann::json());
        }
        watcher.poll();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(watcher.jobIdOf(run), 0);
        QVERIFY2(panel.statusText(job).startsWith("Done in"), qPrintable(panel.statusText(job)));
    }

    // Its process on this host dies (kill -9, power cut of a node on this host): the row ends
    // as failed, naming the process.
    void reportsAnOwnerThatDied() {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath("p.winnow").toStdString();
        const qint64 orphan = startOrphan();
        m_orphans << orphan;
        int64_t run = 0;
        {
            auto p = core::Project::create(file);
            run = core::insertRunRow(p->db(), core::TrainConfig{}, "cpu");
        }
        setOwner(file, run, tagOf(orphan));
        widgets::JobRunner runner;
        widgets::JobsPanel panel(&runner);
        ExternalRunWatcher watcher(&runner);
        watcher.setIntervalMs(3600 * 1000);
        watcher.setProject(file);
        const int job = watcher.jobIdOf(run);
        QVERIFY(job > 0);
        QCOMPARE(panel.statusText(job), QString("epoch 0/10 done"));
        // The same pid with another start time: that process is gone (a reused pid is not it).
        const std::string gone = host() + ";" + std::to_string(orphan) + ";1";
        QCOMPARE(core::ownerState(gone), core::OwnerState::Gone);
        setOwner(file, run, gone);
        watcher.poll();
        QCOMPARE(watcher.jobIdOf(run), 0);
        QCOMPARE(panel.statusText(job),
                 QStringLiteral("Failed: process %1 on %2 ended before the run finished.")
                     .arg(orphan)
                     .arg(QString::fromStdString(host())));
    }
};

QTEST_MAIN(TestExternalRunWatcher)
#include "tst_external_run_watcher.moc"
