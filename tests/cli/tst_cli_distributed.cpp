// Multi-process training (issue 12) on loopback: two winnow-cli processes started the way
// torchrun starts them (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT; torchrun itself
// is not needed) against one process with the same global batch and seed, and a rank killed
// mid-epoch. Also scoring (Influential Rank split across two ranks; a rank killed mid-scoring;
// the cheap detectors rank 0's alone) and Influential Rank's rounds (`rank`) under two ranks.
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include <torch/torch.h>

#include "train_private/net.h"
#include "train_private/train_engine.h"

#include <QtTest>
#include <QJsonArray>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/influence/detector_registry.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/train/training_dynamics.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::runCli;

namespace {

// A port nobody listens on right now (bound to 127.0.0.1:0 and released).
int freePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        if (fd >= 0) ::close(fd);
        return 0;
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

QProcessEnvironment rankEnv(int rank, int world, int port) {
    auto env = QProcessEnvironment::systemEnvironment();
    for (const QString& k : env.keys())
        if (k.startsWith("SLURM_")) env.remove(k);
    env.insert("RANK", QString::number(rank));
    env.insert("LOCAL_RANK", QString::number(rank));
    env.insert("WORLD_SIZE", QString::number(world));
    env.insert("LOCAL_WORLD_SIZE", QString::number(world));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    return env;
}

QProcessEnvironment oneProcessEnv() {
    auto env = QProcessEnvironment::systemEnvironment();
    for (const char* k : {"RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"})
        env.remove(k);
    for (const QString& k : env.keys())
        if (k.startsWith("SLURM_")) env.remove(k);
    return env;
}

// Training settings both sides share: deterministic, one compute thread per process.
QStringList trainArgs(const fs::path& file, int epochs) {
    return {"train", "--project", QString::fromStdString(file.string()), "--model", "cnn-small", "--epochs",
            QString::number(epochs), "--batch", "16", "--seed", "5", "--deterministic", "--device", "cpu",
            "--threads", "1", "--loader-threads", "1", "--json", "--dist-timeout", "20"};
}

struct Finished {
    int code = -1;
    QByteArray out, err;
};

Finished finish(QProcess& p, int ms) {
    if (!p.waitForFinished(ms)) {
        p.kill();
        p.waitForFinished();
        return {-2, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

int64_t lastRun(const fs::path& file) { return Project::openReadOnly(file)->db().queryInt64("SELECT max(id) FROM runs"); }

std::string runState(const fs::path& file, int64_t run) {
    return Project::openReadOnly(file)->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(run));
}

fs::path runDir(const fs::path& file, int64_t run) {
    return fs::path(file.string() + "-cache") / "runs" / std::to_string(run);
}

// max |a - b| / max(1, max |b|) over a tensor pair.
double relDiff(const torch::Tensor& a, const torch::Tensor& b) {
    auto ad = a.to(torch::kDouble), bd = b.to(torch::kDouble);
    return (ad - bd).abs().max().item<double>() / std::max(1.0, bd.abs().max().item<double>());
}

double relDiff(const float* a, const float* b, int64_t n) {
    double diff = 0, scale = 1;
    for (int64_t i = 0; i < n; ++i) {
        diff = std::max(diff, double(std::abs(a[i] - b[i])));
        scale = std::max(scale, double(std::abs(b[i])));
    }
    return diff / scale;
}

// The two sides compute the same sums in a different order (per-rank partial sums, then the
// all-reduce), so they differ by float rounding only: measured on this CPU, 4.6e-7 in the
// parameters and 1.1e-6 in the outputs after this test's epoch (11 steps); the difference
// grows with further steps at lr 0.1 (7.8e-5 after two epochs).
constexpr double kParamTol = 1e-5;   // parameters after one epoch: max abs diff / max(1, max |w|)
constexpr double kOutputTol = 1e-5;  // logits, features, losses: the same, per array

}  // namespace

class TestCliDistributed : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    fs::path path(const char* name) const { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void twoRanksTrainWhatOneProcessTrains() {
        const fs::path one = path("one.winnow"), two = path("two.winnow");
        array_fixture::makeArrayProject(one, 60);
        array_fixture::makeArrayProject(two, 60);

        QProcess single;
        single.setProcessEnvironment(oneProcessEnv());
        single.start(WINNOW_CLI, trainArgs(one, 1));
        const int port = freePort();
        QVERIFY(port > 0);
        std::vector<std::unique_ptr<QProcess>> ranks;
        for (int r = 0; r < 2; ++r) {
            ranks.push_back(std::make_unique<QProcess>());
            ranks.back()->setProcessEnvironment(rankEnv(r, 2, port));
            ranks.back()->start(WINNOW_CLI, trainArgs(two, 1));
        }
        const Finished s = finish(single, 240000);
        QVERIFY2(s.code == 0, s.err.constData());
        const Finished r0 = finish(*ranks[0], 240000), r1 = finish(*ranks[1], 240000);
        QVERIFY2(r0.code == 0, r0.err.constData());
        QVERIFY2(r1.code == 0, r1.err.constData());
        QVERIFY2(r1.out.isEmpty() && r1.err.isEmpty(), r1.out.constData());  // rank 1 prints nothing
        const auto done = winnow::test::lastJson(r0.out);
        QCOMPARE(done.value("event").toString(), QString("done"));
        QCOMPARE(done.value("world_size").toInt(), 2);

        // One run row, written by rank 0 only; the same epochs.
        QCOMPARE(Project::openReadOnly(two)->db().queryInt64("SELECT count(*) FROM runs"), int64_t(1));
        const int64_t runOne = lastRun(one), runTwo = lastRun(two);
        QCOMPARE(runState(two, runTwo), std::string("done"));
        QCOMPARE(Project::openReadOnly(two)->db().queryInt64("SELECT count(*) FROM run_epochs"), int64_t(1));

        // Same parameters after training (checkpoint.pt of each run).
        auto netOne = makeNet("cnn-small", "", 1, 8, 8, 0, 3), netTwo = makeNet("cnn-small", "", 1, 8, 8, 0, 3);
        QCOMPARE(loadCheckpoint(runDir(one, runOne), *netOne, nullptr), 1);
        QCOMPARE(loadCheckpoint(runDir(two, runTwo), *netTwo, nullptr), 1);
        const auto a = netOne->namedState(), b = netTwo->namedState();
        QCOMPARE(a.size(), b.size());
        double worst = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].first, b[i].first);
            if (a[i].second.is_floating_point()) worst = std::max(worst, relDiff(b[i].second, a[i].second));
            else QVERIFY(a[i].second.equal(b[i].second));
        }
        qInfo("parameters: largest relative difference %.3g (tolerance %.0e)", worst, kParamTol);
        QVERIFY2(worst <= kParamTol, qPrintable(QString::number(worst)));

        // Same per-sample outputs, merged by rank 0 into exactly the files one process writes.
        auto o1 = RunOutputs::open(runDir(one, runOne)), o2 = RunOutputs::open(runDir(two, runTwo));
        QCOMPARE(o2->meta().n, o1->meta().n);
        QCOMPARE(o2->meta().features, o1->meta().features);
        const int64_t n = o1->meta().n;
        QVERIFY(std::equal(o1->sampleIds(), o1->sampleIds() + n, o2->sampleIds()));
        for (const auto& name : {"meta.json", "sample_ids.i64", "logits.f32", "features.f32", "loss.f32"}) {
            QVERIFY2(fs::exists(runDir(two, runTwo) / name), name);
            QCOMPARE(fs::file_size(runDir(two, runTwo) / name), fs::file_size(runDir(one, runOne) / name));
        }
        for (const auto& e : fs::directory_iterator(runDir(two, runTwo)))
            QVERIFY2(e.path().filename().string().rfind("shard-", 0) != 0, "a shard folder was left behind");
        const double dl = relDiff(o2->logits(), o1->logits(), n * 3);
        const double df = relDiff(o2->features(), o1->features(), n * o1->meta().features);
        const double ds = relDiff(o2->loss(), o1->loss(), n);
        qInfo("outputs: logits %.3g, features %.3g, loss %.3g (tolerance %.0e)", dl, df, ds, kOutputTol);
        QVERIFY(dl <= kOutputTol && df <= kOutputTol && ds <= kOutputTol);

        // The same training dynamics: each rank recorded its shard of every batch, rank 0
        // wrote the sums of both (the training forward's logits differ by float rounding).
        auto d1 = TrainingDynamics::open(runDir(one, runOne)), d2 = TrainingDynamics::open(runDir(two, runTwo));
        QVERIFY2(d1, "the one-process run has no training dynamics");
        QVERIFY2(d2, "the two-process run has no training dynamics");
        QCOMPARE(d2->epochs(), d1->epochs());
        QCOMPARE(d2->n(), d1->n());
        QCOMPARE(d2->classes(), d1->classes());
        QCOMPARE(d2->earlyEpoch(), d1->earlyEpoch());
        QVERIFY(std::equal(d1->ids(), d1->ids() + d1->n(), d2->ids()));
        const int64_t cells = d1->epochs() * d1->n();
        for (int64_t i = 0; i < cells; ++i)  // every training sample was drawn once: no NaN
            QVERIFY2(std::isfinite(d2->margin()[i]) && std::isfinite(d2->loss()[i]), qPrintable(QString::number(i)));
        const double dm = relDiff(d2->margin(), d1->margin(), cells), dd = relDiff(d2->loss(), d1->loss(), cells);
        const double dp = relDiff(d2->earlyProbs(), d1->earlyProbs(), d1->n() * d1->classes());
        qInfo("dynamics: margin %.3g, loss %.3g, early probabilities %.3g (tolerance %.0e)", dm, dd, dp, kOutputTol);
        QVERIFY(dm <= kOutputTol && dd <= kOutputTol && dp <= kOutputTol);

        // The same flagged set after scoring each run, Influential Rank under its default
        // (data-driven) gamma rule, which reads the training dynamics.
        for (const char* method : {"influential-rank", "small-loss", "aum"}) {
            ScoreRequest req;
            req.detector = method;
            auto p1 = Project::open(one);
            auto p2 = Project::open(two);
            const auto s1 = scoreProject(*p1, req), s2 = scoreProject(*p2, req);
            if (std::string(method) == "influential-rank") {
                QCOMPARE(jsonString(jsonField(s1.summary, "gamma_rule")), std::string("data"));
                QCOMPARE(jsonString(jsonField(s2.summary, "gamma_rule")), std::string("data"));
                QCOMPARE(jsonInt(jsonField(s2.summary, "gamma")), jsonInt(jsonField(s1.summary, "gamma")));
            }
            auto f1 = s1.flaggedIds, f2 = s2.flaggedIds;
            std::sort(f1.begin(), f1.end());
            std::sort(f2.begin(), f2.end());
            QVERIFY(!f1.empty());
            QCOMPARE(f2, f1);
        }
    }

    // `winnow-cli score` of one run by two ranks (Influential Rank's Hessian, trusted solves
    // and per-sample influence split across them) against one process: rank 0 stores the
    // same scoring; a rank that dies stops the other with its name.
    void twoRanksScoreWhatOneProcessScores() {
        const fs::path file = path("score.winnow");
        array_fixture::makeArrayProject(file, 60);
        QProcess train;
        train.setProcessEnvironment(oneProcessEnv());
        train.start(WINNOW_CLI, trainArgs(file, 2));
        const Finished t = finish(train, 240000);
        QVERIFY2(t.code == 0, t.err.constData());
        const QString project = QString::fromStdString(file.string());
        auto scorings = [&] { return Project::openReadOnly(file)->db().queryInt64("SELECT count(*) FROM scorings"); };
        const fs::path cache = fs::path(file.string() + "-cache");

        const std::vector<QStringList> methods = {
            {"--method", "influential-rank"},
            {"--method", "influential-rank", "--solver", "kfac"},
        };
        for (const QStringList& method : methods) {
            const QString what = method.join(' ');
            QStringList args = QStringList{"score", "--project", project, "--json", "--dist-timeout", "20"} + method;
            const int64_t before = scorings();
            QElapsedTimer clock;
            clock.start();
            QProcess single;
            single.setProcessEnvironment(oneProcessEnv());
            single.start(WINNOW_CLI, args);
            const Finished s = finish(single, 120000);
            const qint64 msOne = clock.restart();
            QVERIFY2(s.code == 0, s.err.constData());
            const int port = freePort();
            QVERIFY(port > 0);
            std::vector<std::unique_ptr<QProcess>> ranks;
            for (int r = 0; r < 2; ++r) {
                ranks.push_back(std::make_unique<QProcess>());
                ranks.back()->setProcessEnvironment(rankEnv(r, 2, port));
                ranks.back()->start(WINNOW_CLI, args);
            }
            const Finished r0 = finish(*ranks[0], 120000), r1 = finish(*ranks[1], 120000);
            const qint64 msTwo = clock.elapsed();
            QVERIFY2(r0.code == 0, r0.err.constData());
            QVERIFY2(r1.code == 0, r1.err.constData());
            QVERIFY2(r1.out.isEmpty() && r1.err.isEmpty(), r1.out.constData());  // rank 1 prints nothing
            qInfo("%s: one process %lld ms, two ranks %lld ms (informative)", qPrintable(what), msOne, msTwo);
            QCOMPARE(scorings(), before + 2);  // one row each: rank 1 stored nothing

            const auto one = winnow::test::lastJson(s.out), two = winnow::test::lastJson(r0.out);
            QCOMPARE(two.value("world_size").toInt(), 2);  // both ranks took part
            QVERIFY(!one.contains("world_size"));
            const auto a = ScoreFile::read(cache / one.value("result_file").toString().toStdString());
            const auto b = ScoreFile::read(cache / two.value("result_file").toString().toStdString());
            QCOMPARE(b.sampleIds, a.sampleIds);
            QCOMPARE(b.givenLabel, a.givenLabel);
            QCOMPARE(b.flag, a.flag);  // the same flagged set
            QVERIFY2(std::count(a.flag.begin(), a.flag.end(), 1) > 0, qPrintable(what));
            const double ds = relDiff(b.score.data(), a.score.data(), a.n());
            qInfo("%s: scores differ by %.3g relative (tolerance 1e-5)", qPrintable(what), ds);
            QVERIFY2(ds <= 1e-5, qPrintable(what + " " + QString::number(ds)));
            // Stored as one process stores it: the same summary but for the timings.
            QCOMPARE(b.meta.value("flagged", -1), a.meta.value("flagged", -2));
            QCOMPARE(b.meta.value("params", nlohmann::json()), a.meta.value("params", nlohmann::json()));
            if (method[1] == "influential-rank") {
                QCOMPARE(b.consensus, a.consensus);
                QCOMPARE(b.inDM, a.inDM);
                QCOMPARE(b.candidate, a.candidate);
                QVERIFY(relDiff(b.osm.data(), a.osm.data(), a.n()) <= 1e-5);
                QCOMPARE(b.meta.value("gamma", -1), a.meta.value("gamma", -2));
                QCOMPARE(b.meta.value("gamma_rule", std::string("?")), std::string("data"));
            }
        }

        // Rank 1 dies before its first collective (a run that does not exist): rank 0 stops
        // with a message naming it and stores nothing.
        const int64_t before = scorings();
        const int port = freePort();
        QVERIFY(port > 0);
        QProcess r0, r1;
        r0.setProcessEnvironment(rankEnv(0, 2, port));
        r1.setProcessEnvironment(rankEnv(1, 2, port));
        const QStringList args{"score", "--project", project, "--method", "influential-rank", "--dist-timeout", "20"};
        r0.start(WINNOW_CLI, args);
        r1.start(WINNOW_CLI, args + QStringList{"--run", "999"});
        const Finished f1 = finish(r1, 120000), f0 = finish(r0, 120000);
        QVERIFY2(f1.code == 1 && f1.err.contains("run 999"), f1.err.constData());
        QVERIFY2(f0.code == 1, qPrintable(QString::number(f0.code) + " " + f0.err));
        QVERIFY2(f0.err.contains("rank 1 died or stopped answering"), f0.err.constData());
        QCOMPARE(scorings(), before);
        QCOMPARE(Project::openReadOnly(file)->db().queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    // A rank killed (SIGKILL) in the middle of Influential Rank's scoring, after the ranks
    // agreed and began the Hessian: the survivor stops on its own with a message naming the
    // lost rank, nothing is stored (no scorings row, no result folder), the project passes
    // SQLite's integrity check, and one process then scores it.
    void aRankKilledMidScoringStopsTheOther() {
        const fs::path file = path("killscore.winnow");
        array_fixture::makeArrayProject(file, 60);
        QProcess train;
        train.setProcessEnvironment(oneProcessEnv());
        train.start(WINNOW_CLI, trainArgs(file, 2));
        const Finished t = finish(train, 240000);
        QVERIFY2(t.code == 0, t.err.constData());
        const QString project = QString::fromStdString(file.string());
        const fs::path results = fs::path(file.string() + "-cache") / "scorings";
        auto resultFolders = [&] {
            int n = 0;
            if (fs::exists(results))
                for (const auto& e : fs::directory_iterator(results)) n += e.is_directory() ? 1 : 0;
            return n;
        };
        const QStringList args{"score", "--project", project, "--method", "influential-rank", "--json",
                               "--dist-timeout", "10"};
        auto scorings = [&] { return Project::openReadOnly(file)->db().queryInt64("SELECT count(*) FROM scorings"); };
        // Influential Rank's scoring under two ranks enters 6 collectives here (the barrier after
        // rank 0 opened the project, the agreement check, then the Hessian, the trusted solves
        // and the per-sample passes): the victim dies as it enters the 4th (or, for rank 0, the
        // 5th), with the other rank waiting for it.
        struct Kill {
            int victim, at;
        };
        for (const Kill k : {Kill{1, 4}, Kill{0, 5}}) {
            const int survivor = 1 - k.victim;
            const int64_t rows = scorings();
            const int folders = resultFolders();
            const int port = freePort();
            QVERIFY(port > 0);
            QProcess ranks[2];
            for (int r = 0; r < 2; ++r) {
                auto env = rankEnv(r, 2, port);
                if (r == k.victim) env.insert("WINNOW_TEST_KILL_AT_COLLECTIVE", QString::number(k.at));
                ranks[r].setProcessEnvironment(env);
                ranks[r].start(WINNOW_CLI, args);
            }
            const Finished dead = finish(ranks[k.victim], 120000);
            QVERIFY2(dead.code == -1, qPrintable(QString::number(dead.code) + " " + dead.err));  // SIGKILL
            // The survivor stops on its own (the test's bound is far above --dist-timeout).
            const Finished s = finish(ranks[survivor], 120000);
            QVERIFY2(s.code == 1, qPrintable(QString::number(s.code) + " " + s.err));
            const QString named = "rank " + QString::number(k.victim);
            QVERIFY2(s.err.contains(qPrintable(named)) && s.err.contains("died or stopped answering"), s.err.constData());
            QVERIFY2(s.err.startsWith("winnow-cli score: error: rank " + QByteArray::number(survivor) + ":"),
                     s.err.constData());
            QCOMPARE(scorings(), rows);
            QCOMPARE(resultFolders(), folders);
            QCOMPARE(Project::openReadOnly(file)->db().queryText("PRAGMA integrity_check"), std::string("ok"));
        }
        // One process scores the project afterwards.
        QProcess single;
        single.setProcessEnvironment(oneProcessEnv());
        single.start(WINNOW_CLI, args);
        const Finished s = finish(single, 120000);
        QVERIFY2(s.code == 0, s.err.constData());
        QCOMPARE(scorings(), int64_t(1));
        QCOMPARE(resultFolders(), 1);
        QVERIFY(winnow::test::lastJson(s.out).value("flagged").toInt() > 0);
        QCOMPARE(Project::openReadOnly(file)->db().queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    // `winnow-cli rank --rounds 1` under two ranks (the round's scoring split as `score` splits
    // it, its post-training data-parallel as `train`) against one process on a copy of the same
    // project with the same base run: the same flagged set, the same removals and verdict,
    // written once by rank 0.
    void twoRanksRunARoundAsOneProcessDoes() {
        const fs::path one = path("rank-one.winnow"), two = path("rank-two.winnow");
        for (const fs::path& f : {one, two}) {
            array_fixture::makeArrayProject(f, 60);
            QProcess t;  // the same base run in each (deterministic, one process, same seed)
            t.setProcessEnvironment(oneProcessEnv());
            t.start(WINNOW_CLI, trainArgs(f, 2));
            const Finished r = finish(t, 240000);
            QVERIFY2(r.code == 0, r.err.constData());
        }
        auto rankArgs = [](const fs::path& f) {
            // Every round accepted (margin -100), so the +Longer control and the automatic
            // application of the suggestions (with its fine-tune) run too.
            return QStringList{"rank", "--project", QString::fromStdString(f.string()), "--rounds", "1", "--budget",
                               "-1", "--epochs", "2", "--device", "cpu", "--json", "--dist-timeout", "20",
                               "--accept-margin", "-100", "--control-longer", "--auto-apply"};
        };
        QProcess single;
        single.setProcessEnvironment(oneProcessEnv());
        single.start(WINNOW_CLI, rankArgs(one));
        const Finished s = finish(single, 240000);
        QVERIFY2(s.code == 0, s.err.constData());
        const int port = freePort();
        QVERIFY(port > 0);
        QProcess ranks[2];
        for (int r = 0; r < 2; ++r) {
            ranks[r].setProcessEnvironment(rankEnv(r, 2, port));
            ranks[r].start(WINNOW_CLI, rankArgs(two));
        }
        const Finished r0 = finish(ranks[0], 240000), r1 = finish(ranks[1], 240000);
        QVERIFY2(r0.code == 0, r0.err.constData());
        QVERIFY2(r1.code == 0, r1.err.constData());
        QVERIFY2(r1.out.isEmpty() && r1.err.isEmpty(), r1.out.constData());  // rank 1 prints nothing
        const QJsonObject a = winnow::test::lastJson(s.out), b = winnow::test::lastJson(r0.out);
        QCOMPARE(b.value("world_size").toInt(), 2);
        QVERIFY(!a.contains("world_size"));
        const QJsonObject ra = a.value("rounds").toArray().at(0).toObject(), rb = b.value("rounds").toArray().at(0).toObject();
        QVERIFY2(!ra.isEmpty() && !rb.isEmpty(), r0.out.constData());
        QVERIFY(ra.value("flagged").toInt() > 0);
        QCOMPARE(rb.value("flagged").toInt(), ra.value("flagged").toInt());
        QCOMPARE(rb.value("accepted").toBool(), ra.value("accepted").toBool());
        QCOMPARE(rb.value("reason").toString(), ra.value("reason").toString());
        for (const char* k : {"acc_trusted", "acc_val"}) {
            const double x = ra.value("after").toObject().value(k).toDouble(), y = rb.value("after").toObject().value(k).toDouble();
            qInfo("%s after the round: one process %.6f, two ranks %.6f", k, x, y);
            QCOMPARE(y, x);  // the post-trained weights differ by float rounding only (1e-5, above)
        }

        // The same flagged samples (the round's scoring files) and removals.
        auto flaggedOf = [](const fs::path& f, int64_t scoring) {
            const std::string rel = Project::openReadOnly(f)->db().queryText(
                "SELECT result_file FROM scorings WHERE id=" + std::to_string(scoring));
            const auto file = ScoreFile::read(fs::path(f.string() + "-cache") / rel);
            std::vector<int64_t> ids;
            for (int64_t i = 0; i < file.n(); ++i)
                if (file.flag[size_t(i)]) ids.push_back(file.sampleIds[size_t(i)]);
            return ids;
        };
        const auto fa = flaggedOf(one, ra.value("scoring_id").toInteger()), fb = flaggedOf(two, rb.value("scoring_id").toInteger());
        QVERIFY(!fa.empty());
        QCOMPARE(fb, fa);
        auto idsOf = [](const fs::path& f, const char* sql) {
            std::vector<int64_t> ids;
            auto p = Project::openReadOnly(f);
            auto st = p->db().prepare(sql);
            while (st.step()) ids.push_back(st.int64(0));
            return ids;
        };
        const char* removed = "SELECT sample_id FROM working_set_removed ORDER BY sample_id";
        QCOMPARE(idsOf(two, removed), idsOf(one, removed));
        const char* suggested = "SELECT sample_id FROM suggestions ORDER BY sample_id";
        QCOMPARE(idsOf(two, suggested), idsOf(one, suggested));
        // The +Longer control trained the same, and the same suggestions became the same label
        // version (relabels and exclusions, sample by sample).
        QVERIFY(ra.value("accepted").toBool());
        const QJsonObject la = a.value("longer_control").toObject(), lb = b.value("longer_control").toObject();
        QVERIFY2(!la.isEmpty() && !lb.isEmpty(), r0.out.constData());
        for (const char* k : {"acc_trusted", "acc_val"})
            QCOMPARE(lb.value("accuracy").toObject().value(k).toDouble(), la.value("accuracy").toObject().value(k).toDouble());
        const char* changes = "SELECT sample_id * 1000 + coalesce(new_label, 0) * 10 + (action='relabel') FROM label_changes ORDER BY sample_id";
        QVERIFY(!idsOf(one, changes).empty());
        QCOMPARE(idsOf(two, changes), idsOf(one, changes));
        // Written once, by rank 0: one round, one scoring; the base, the round's post-training,
        // the control and the fine-tune after applying, as in one process.
        auto p = Project::openReadOnly(two);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM influence_rounds WHERE round > 0"), int64_t(1));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings"), int64_t(1));
        const char* runs = "SELECT id * 10 + (state='done') FROM runs ORDER BY id";
        QCOMPARE(idsOf(two, runs), idsOf(one, runs));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM runs WHERE state='done'"), int64_t(4));
        QCOMPARE(p->db().queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    // A detector that combines stored scorings is rank 0's alone: another rank leaves at once,
    // touching nothing (no process group to join).
    void combiningOnANonZeroRankTouchesNothing() {
        const fs::path file = path("combine.winnow");
        array_fixture::makeArrayProject(file, 30);
        QProcess score;
        score.setProcessEnvironment(rankEnv(1, 2, 29500));
        score.start(WINNOW_CLI, {"score", "--project", QString::fromStdString(file.string()), "--method", "combined"});
        const Finished s = finish(score, 240000);
        QVERIFY2(s.code == 0, s.err.constData());
        QVERIFY(s.out.isEmpty());
        QCOMPARE(s.err, QByteArray("rank 1 of 2: combined is computed by rank 0 alone; nothing to do here\n"));
        QCOMPARE(Project::openReadOnly(file)->db().queryInt64("SELECT count(*) FROM scorings"), int64_t(0));
    }

    // The detectors other than Influential Rank are cheap (O(n·K)) and computed by rank 0 alone:
    // rank 0 scores with no other rank there (it forms no process group: nobody listens on its
    // port), and rank 1 says so in one line, exits 0 and touches nothing.
    void cheapDetectorsAreRankZerosAlone() {
        const fs::path file = path("cheap.winnow");
        array_fixture::makeArrayProject(file, 30);
        QProcess train;
        train.setProcessEnvironment(oneProcessEnv());
        train.start(WINNOW_CLI, trainArgs(file, 2));
        const Finished t = finish(train, 240000);
        QVERIFY2(t.code == 0, t.err.constData());
        auto scorings = [&] { return Project::openReadOnly(file)->db().queryInt64("SELECT count(*) FROM scorings"); };
        std::vector<DetectorInfo> cheap;
        for (const DetectorInfo& d : detectors())
            if (!d.splitsAcrossProcesses && !d.scoreStored) cheap.push_back(d);
        QVERIFY(cheap.size() >= 6);  // small-loss, confident learning, self-confidence, aum, ... (combined: above)
        for (const DetectorInfo& d : cheap) {
            const QString id = QString::fromStdString(d.id);
            const QStringList args{"score", "--project", QString::fromStdString(file.string()), "--method", id,
                                   "--json", "--dist-timeout", "5"};
            const int port = freePort();
            QVERIFY(port > 0);
            const int64_t before = scorings();
            QProcess other;
            other.setProcessEnvironment(rankEnv(1, 2, port));
            other.start(WINNOW_CLI, args);
            const Finished o = finish(other, 60000);
            QVERIFY2(o.code == 0, o.err.constData());
            QVERIFY(o.out.isEmpty());
            QCOMPARE(QString(o.err), "rank 1 of 2: " + id + " is computed by rank 0 alone; nothing to do here\n");
            QCOMPARE(scorings(), before);
            QProcess zero;
            zero.setProcessEnvironment(rankEnv(0, 2, port));
            zero.start(WINNOW_CLI, args);
            const Finished z = finish(zero, 120000);
            QVERIFY2(z.code == 0, qPrintable(id + ": " + z.err));
            const auto done = winnow::test::lastJson(z.out);
            QCOMPARE(done.value("detector").toString(), id);
            QVERIFY(!done.contains("world_size"));
            QCOMPARE(scorings(), before + 1);
        }
        QCOMPARE(Project::openReadOnly(file)->db().queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    void killedRankStopsTheOtherAndTheRunResumes() {
        const fs::path file = path("killed.winnow");
        array_fixture::makeArrayProject(file, 100);
        const int port = freePort();
        QVERIFY(port > 0);
        QProcess r0, r1;
        r0.setProcessEnvironment(rankEnv(0, 2, port));
        r1.setProcessEnvironment(rankEnv(1, 2, port));
        QStringList args = trainArgs(file, 40);
        args.replace(args.indexOf("20"), "10");  // --dist-timeout 10
        r0.start(WINNOW_CLI, args);
        r1.start(WINNOW_CLI, args);
        QVERIFY(r0.waitForStarted() && r1.waitForStarted());
        QByteArray seen;
        while (!seen.contains("\"event\":\"epoch\"") && r0.state() == QProcess::Running) {
            r0.waitForReadyRead(100);
            seen += r0.readAllStandardOutput();
        }
        QVERIFY2(r1.state() == QProcess::Running, "rank 1 ended before it could be killed");
        r1.kill();  // SIGKILL mid-epoch
        QVERIFY(r1.waitForFinished());
        // The survivor stops on its own (well within the test's bound) and names the dead rank.
        const Finished s = finish(r0, 120000);
        QVERIFY2(s.code == 1, qPrintable(QString::number(s.code) + " " + s.err));
        QVERIFY2(s.err.contains("rank 1 died or stopped answering"), s.err.constData());

        const int64_t run = lastRun(file);
        QCOMPARE(runState(file, run), std::string("failed"));
        {
            auto p = Project::openReadOnly(file);
            QCOMPARE(p->db().queryText("PRAGMA integrity_check"), std::string("ok"));
            const std::string msg = p->db().queryText("SELECT message FROM runs WHERE id=" + std::to_string(run));
            QVERIFY2(msg.find("rank 1") != std::string::npos, msg.c_str());
            const int64_t epochs = p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(run));
            QVERIFY(epochs >= 1 && epochs < 40);
        }
        // Resumed from its last checkpoint by one process.
        QProcess resume;
        resume.setProcessEnvironment(oneProcessEnv());
        resume.start(WINNOW_CLI, {"train", "--project", QString::fromStdString(file.string()), "--resume",
                                  QString::number(run), "--device", "cpu", "--threads", "1", "--json"});
        const Finished rr = finish(resume, 240000);
        QVERIFY2(rr.code == 0, rr.err.constData());
        QCOMPARE(runState(file, run), std::string("done"));
        auto p = Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(run)), int64_t(40));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM runs"), int64_t(1));
        QCOMPARE(p->db().queryText("PRAGMA integrity_check"), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "tst_cli_distributed.moc"
