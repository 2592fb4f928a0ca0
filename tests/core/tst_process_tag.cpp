// Run ownership: a tag names this process; a process that has exited, or a pid now used by a
// different process (other start time), reads as gone; another host as unknown. Opening a
// project turns 'running' runs of a gone owner into 'interrupted' (resumable) and leaves the
// others alone; resuming a run a live process is training is refused.
#include <QtTest>

#include <fstream>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "array_project_fixture.h"
#include "core/store/project.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "core/util/process_tag.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// Forks a child that reports its own tag and waits until told to exit; returns {pid, tag}.
// The child only writes to a pipe and exits (no threads, no torch).
struct Child {
    pid_t pid = -1;
    std::string tag;
    int release = -1;
    void finish() {
        if (release >= 0) {
            (void)!write(release, "x", 1);
            close(release);
            release = -1;
        }
        if (pid > 0) waitpid(pid, nullptr, 0);
        pid = -1;
    }
};

Child startChild() {
    int toParent[2], toChild[2];
    if (pipe(toParent) != 0 || pipe(toChild) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        const std::string tag = currentProcessTag();
        (void)!write(toParent[1], tag.data(), tag.size());
        close(toParent[1]);
        char c;
        (void)!read(toChild[0], &c, 1);
        _exit(0);
    }
    close(toParent[1]);
    close(toChild[0]);
    Child ch;
    ch.pid = pid;
    char buf[512];
    const ssize_t n = read(toParent[0], buf, sizeof buf);
    close(toParent[0]);
    ch.tag.assign(buf, size_t(std::max<ssize_t>(n, 0)));
    ch.release = toChild[1];
    return ch;
}

}  // namespace

class TestProcessTag : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void ownersAliveGoneUnknown() {
        const std::string me = currentProcessTag();
        QCOMPARE(ownerState(me), OwnerState::Alive);
        Child ch = startChild();
        QVERIFY(ch.pid > 0);
        QVERIFY(ch.tag != me);
        QCOMPARE(ownerState(ch.tag), OwnerState::Alive);
        ch.finish();
        QCOMPARE(ownerState(ch.tag), OwnerState::Gone);
        // Same pid, other start time: the pid was reused by another process.
        const std::string host = me.substr(0, me.find(';'));
        QCOMPARE(ownerState(host + ";" + std::to_string(getpid()) + ";1"), OwnerState::Gone);
        QCOMPARE(ownerState("another-host.example;" + std::to_string(getpid()) + ";1"), OwnerState::Unknown);
        QCOMPARE(ownerState("garbage"), OwnerState::Unknown);
        QCOMPARE(ownerState(""), OwnerState::Unknown);
    }

    void openingMarksRunsOfGoneOwnersInterrupted() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "owners.winnow";
        Child ch = startChild();
        const pid_t childPid = ch.pid;
        ch.finish();
        {
            auto p = Project::create(file);
            auto& db = p->db();
            auto ins = db.prepare("INSERT INTO runs(created_at, state, kind, config_json, owner) VALUES('t', 'running', 'train', '{}', ?)");
            ins.bind(1, ch.tag).run();                // 1: its process is gone
            ins.bind(1, currentProcessTag()).run();   // 2: this process, alive
            ins.bindNull(1).run();                    // 3: from before owners were recorded
            ins.bind(1, "another-host.example;1;1").run();  // 4: cannot tell
            db.exec("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(1, 0, '{}'), (1, 1, '{}')");
            // Rank rounds: 1 accepted earlier, 2 was running when its process died, 3 runs now.
            db.exec("INSERT INTO classes(idx, name) VALUES(0, 'a')");
            for (int i = 1; i <= 9; ++i) db.exec("INSERT INTO samples(media_kind, path, split) VALUES(0, '/x" + std::to_string(i) + "', 0)");
            auto round = db.prepare("INSERT INTO influence_rounds(created_at, session, round, base_run, state, owner) VALUES('t', 1, ?, 1, ?, ?)");
            round.bind(1, 1).bind(2, "accepted").bindNull(3).run();
            round.bind(1, 2).bind(2, "running").bind(3, ch.tag).run();
            round.bind(1, 3).bind(2, "running").bind(3, currentProcessTag()).run();
            db.exec("INSERT INTO working_set_removed(sample_id, round_id, created_at) VALUES"
                    "(1, 1, 't'), (2, 1, 't'), (3, 2, 't'), (4, 2, 't'), (5, 2, 't'), (6, 3, 't')");
        }
        auto p = Project::open(file);
        auto& db = p->db();
        QCOMPARE(db.queryText("SELECT state FROM runs WHERE id=1"), std::string("interrupted"));
        const std::string msg = db.queryText("SELECT message FROM runs WHERE id=1");
        QVERIFY2(msg.find("after 2 epoch") != std::string::npos && msg.find("--resume 1") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("process " + std::to_string(childPid)) != std::string::npos, msg.c_str());
        QCOMPARE(db.queryInt64("SELECT count(*) FROM runs WHERE id=1 AND owner IS NULL AND finished_at IS NOT NULL"), int64_t(1));
        for (int id : {2, 3, 4})
            QCOMPARE(db.queryText("SELECT state FROM runs WHERE id=" + std::to_string(id)), std::string("running"));
        // The dead round's removals are undone; the accepted and the live round keep theirs.
        QCOMPARE(db.queryText("SELECT group_concat(state) FROM (SELECT state FROM influence_rounds ORDER BY id)"),
                 std::string("accepted,interrupted,running"));
        QCOMPARE(db.queryText("SELECT group_concat(sample_id) FROM (SELECT sample_id FROM working_set_removed ORDER BY sample_id)"),
                 std::string("1,2,6"));
    }

    // A scoring whose process died between its row and its result file is forgotten on open,
    // with its half-written folder; finished, live, old (no owner) and unknown ones stay.
    void openingForgetsScoringsOfGoneOwners() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "scorings.winnow";
        Child ch = startChild();
        ch.finish();
        fs::path cache;
        {
            auto p = Project::create(file);
            cache = p->cacheDir();
            auto& db = p->db();
            db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
            auto ins = db.prepare("INSERT INTO scorings(run_id, detector, created_at, params_json, result_file, owner) "
                                  "VALUES(1, 'small-loss', 't', '{}', ?, ?)");
            ins.bind(1, "scorings/1").bindNull(2).run();                       // 1: finished
            ins.bindNull(1).bind(2, ch.tag).run();                               // 2: its process died
            ins.bindNull(1).bind(2, currentProcessTag()).run();                  // 3: being written now
            ins.bindNull(1).bindNull(2).run();                                   // 4: before schema 10
            ins.bindNull(1).bind(2, "another-host.example;1;1").run();           // 5: cannot tell
            db.exec("INSERT INTO influence_rounds(created_at, session, round, base_run, scoring_id, state) "
                    "VALUES('t', 1, 1, 1, 2, 'rejected')");
            for (int id : {1, 2, 3}) {
                fs::create_directories(p->cacheSubdir("scorings") / std::to_string(id));
                std::ofstream(p->cacheSubdir("scorings") / std::to_string(id) / "score.f32") << "half";
            }
        }
        auto p = Project::open(file);
        auto& db = p->db();
        QCOMPARE(db.queryText("SELECT group_concat(id) FROM (SELECT id FROM scorings ORDER BY id)"), std::string("1,3,4,5"));
        QVERIFY(!fs::exists(cache / "scorings" / "2"));
        QVERIFY(fs::exists(cache / "scorings" / "1" / "score.f32"));
        QVERIFY(fs::exists(cache / "scorings" / "3" / "score.f32"));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM influence_rounds WHERE scoring_id IS NULL"), int64_t(1));
        QCOMPARE(db.queryText("PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM pragma_foreign_key_check"), int64_t(0));
    }

    void resumingARunALiveProcessTrainsIsRefused() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "busy.winnow";
        array_fixture::makeArrayProject(file, 20);
        auto p = Project::open(file);
        const int64_t run = trainRun(*p, array_fixture::tinyConfig(1), {}).runId;
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM runs WHERE owner IS NULL"), int64_t(1));  // cleared at the end
        // As if another live process (here: this one) were training it.
        p->db().prepare("UPDATE runs SET state='running', owner=? WHERE id=?").bind(1, currentProcessTag()).bind(2, run).run();
        TrainConfig c = array_fixture::tinyConfig(2);
        c.resumeRunId = run;
        try {
            trainRun(*p, c, {});
            QFAIL("resuming a run that a live process trains was allowed");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("being trained right now") != std::string::npos, e.what());
        }
        QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(run)), std::string("running"));
    }
};

QTEST_GUILESS_MAIN(TestProcessTag)
#include "tst_process_tag.moc"
