// A training process killed with SIGKILL mid-run (as a crash or power loss would end it):
// the next opening of the project marks the run 'interrupted' with the epochs it finished,
// and `winnow-cli train --resume` finishes it from its last checkpoint.
#include <QtTest>

#include <filesystem>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::runCli;

class TestCliInterrupted : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void killedRunIsInterruptedThenResumed() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "killed.winnow";
        array_fixture::makeArrayProject(file, 300);
        const QString project = QString::fromStdString(file.string());
        QProcess train;
        train.start(WINNOW_CLI, {"train", "--project", project, "--epochs", "8", "--batch", "16", "--device", "cpu",
                                 "--threads", "1", "--json"});
        QVERIFY(train.waitForStarted());
        QByteArray seen;
        while (!seen.contains("\"event\":\"epoch\"") && train.state() == QProcess::Running) {
            train.waitForReadyRead(100);
            seen += train.readAllStandardOutput();
        }
        QVERIFY2(train.state() == QProcess::Running, "the run ended before it could be killed");
        train.kill();  // SIGKILL: no handler runs, the row stays 'running'
        QVERIFY(train.waitForFinished());

        int64_t run = 0;
        {
            auto p = Project::open(file);
            run = p->db().queryInt64("SELECT max(id) FROM runs");
            QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(run)), std::string("interrupted"));
            const int64_t done = p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(run));
            QVERIFY(done >= 1 && done < 8);
            const std::string msg = p->db().queryText("SELECT message FROM runs WHERE id=" + std::to_string(run));
            QVERIFY2(msg.find("--resume " + std::to_string(run)) != std::string::npos, msg.c_str());
        }
        auto r = runCli({"train", "--project", project, "--resume", QString::number(run), "--device", "cpu", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        auto p = Project::open(file);
        QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(run)), std::string("done"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(run)), int64_t(8));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM runs"), int64_t(1));  // resumed, not restarted
    }
};

QTEST_GUILESS_MAIN(TestCliInterrupted)
#include "tst_cli_interrupted.moc"
