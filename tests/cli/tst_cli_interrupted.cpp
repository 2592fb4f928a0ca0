// A training process killed with SIGKILL mid-run (as a crash or power loss would end it):
// the next opening of the project marks the run 'interrupted' with the epochs it finished,
// and `winnow-cli train --resume` finishes it from its last checkpoint. A scoring killed
// between its files and its row's result is forgotten on the next opening.
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
        p.reset();

        // A scoring killed after writing its files but before recording them: the next opening
        // forgets the row and the folder; scoring again stores a complete result.
        QProcess score;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("WINNOW_TEST_KILL_BEFORE_SCORING_RESULT", "1");
        score.setProcessEnvironment(env);
        score.start(WINNOW_CLI, {"score", "--project", project, "--method", "small-loss", "--json"});
        QVERIFY(score.waitForFinished(60000));
        QCOMPARE(score.exitStatus(), QProcess::CrashExit);
        const fs::path half = fs::path(file.string() + "-cache") / "scorings" / "1";
        QVERIFY(fs::exists(half / "meta.json"));  // what the killed process left
        {
            auto q = Project::open(file);
            QCOMPARE(q->db().queryInt64("SELECT count(*) FROM scorings"), int64_t(0));
            QVERIFY(!fs::exists(half));
        }
        r = runCli({"score", "--project", project, "--method", "small-loss", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        auto q = Project::open(file);
        QCOMPARE(q->db().queryText("SELECT result_file FROM scorings WHERE id=1"), std::string("scorings/1"));
        QCOMPARE(q->db().queryInt64("SELECT count(*) FROM scorings WHERE owner IS NOT NULL"), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCliInterrupted)
#include "tst_cli_interrupted.moc"
