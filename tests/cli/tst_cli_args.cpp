// winnow-cli's command line as a careless user types it: every value outside its declared
// range, a missing value, a single-dash option, a typo and a stray argument is a usage error
// (exit 2) whose message names the option and the range, and the project is left exactly as
// it was (same bytes, no run row). A full valid command still trains; --help shows the
// ranges and the exit codes.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::CliResult;
using winnow::test::runCli;

namespace {

std::string bytesOf(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int64_t runRows(const fs::path& f) {
    auto p = Project::openReadOnly(f);
    return p->db().queryInt64("SELECT count(*) FROM runs");
}

}  // namespace

class TestCliArgs : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;
    QString m_p;

    // Runs `args`, expects a usage error naming every string of `mentions`, and the project
    // file byte for byte as it was.
    void expectUsageError(const QStringList& args, const QStringList& mentions) {
        const std::string before = bytesOf(m_project);
        const CliResult r = runCli(args);
        const QByteArray what = args.join(' ').toUtf8();
        QVERIFY2(r.code == 2, (what + " -> exit " + QByteArray::number(r.code) + ": " + r.err).constData());
        for (const QString& m : mentions)
            QVERIFY2(r.err.contains(m.toUtf8()), (what + " -> stderr lacks '" + m.toUtf8() + "': " + r.err).constData());
        QVERIFY2(bytesOf(m_project) == before, (what + " changed the project file").constData());
        QCOMPARE(runRows(m_project), int64_t(0));
    }

private Q_SLOTS:
    void initTestCase() {
        m_project = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_project, 20);  // 60 labelled training samples
        m_p = QString::fromStdString(m_project.string());
        QVERIFY(fs::exists(m_project));
        QVERIFY(!fs::exists(m_project.string() + "-wal"));  // closed: every byte is in the file
    }

    void outOfRangeValuesAreUsageErrors() {
        expectUsageError({"train", "--project", m_p, "--subset", "-10"}, {"--subset", ">= 1", "'-10'"});
        expectUsageError({"train", "--project", m_p, "--subset", "0"}, {"--subset", ">= 1"});
        expectUsageError({"train", "--project", m_p, "--threads", "-1"}, {"--threads", "[1, 1024]"});
        expectUsageError({"train", "--project", m_p, "--threads", "0"}, {"--threads", "[1, 1024]"});
        expectUsageError({"info", "--project", m_p, "--issues", "-5"}, {"--issues", "[0, 1000000]"});
        expectUsageError({"score", "--project", m_p, "--method", "self-confidence", "--rate", "5"},
                         {"--rate", "(0, 1)"});
        expectUsageError({"score", "--project", m_p, "--method", "self-confidence", "--rate", "-1"},
                         {"--rate", "(0, 1)"});
        expectUsageError({"train", "--project", m_p, "--lr", "-0.1"}, {"--lr", "(0, 10]"});
        expectUsageError({"train", "--project", m_p, "--weight-decay", "-1"}, {"--weight-decay", "[0, 1]"});
        expectUsageError({"train", "--project", m_p, "--epochs", "abc"}, {"--epochs", "whole number"});
        expectUsageError({"train", "--project", m_p, "--lr", "nan"}, {"--lr"});
        expectUsageError({"import", "--project", m_p, "--format", "video-folder", "--source", m_tmp.path(),
                          "--frames-per-clip", "100000000000"},
                         {"--frames-per-clip", "[1, 1024]"});
        expectUsageError({"train", "--project", m_p, "--model", "cnn-big"}, {"--model", "cnn-small"});
    }

    void crossValIsCheckedAgainstTheProjectBeforeARunExists() {
        // Needs the project (60 labelled training samples): the CLI opens it, then refuses.
        const CliResult r = runCli({"train", "--project", m_p, "--cross-val", "100000", "--device", "cpu"});
        QVERIFY2(r.code == 2, r.err.constData());
        QVERIFY2(r.err.contains("--cross-val") && r.err.contains("[2, 60]"), r.err.constData());
        QCOMPARE(runRows(m_project), int64_t(0));
        const CliResult subset = runCli({"train", "--project", m_p, "--cross-val", "11", "--subset", "10"});
        QVERIFY2(subset.code == 2 && subset.err.contains("[2, 10]"), subset.err.constData());
        QCOMPARE(runRows(m_project), int64_t(0));
    }

    void badCommandLinesAreUsageErrors() {
        expectUsageError({"train", "--project", m_p, "-epochs", "5"}, {"-epochs", "--epochs"});
        expectUsageError({"train", "--project", m_p, "--epochs", "--lr", "0.5"}, {"--epochs needs a value", "--lr"});
        expectUsageError({"train", "--project", m_p, "--epochs"}, {"--epochs needs a value"});
        expectUsageError({"train", "--project", m_p, "--epoch", "5"}, {"--epoch", "did you mean --epochs"});
        expectUsageError({"info", "--project", m_p, "extra"}, {"unexpected argument 'extra'"});
        expectUsageError({"train", "--project", m_p, "--epochs", "2", "3"}, {"unexpected argument '3'"});
        expectUsageError({"train", "--project", m_p, "--epochs", "2", "--epochs", "3"}, {"--epochs"});
        expectUsageError({"train", "--project", m_p, "--resume", "1", "--epochs", "3"}, {"--epochs", "--resume"});
        expectUsageError({"score", "--project", m_p, "--method", "small-loss", "--rate", "0.1"},
                         {"--rate", "self-confidence"});
        expectUsageError({"score", "--project", m_p, "--method", "combined", "--of", "1,x"}, {"--of", "'x'"});
        expectUsageError({"train", "--epochs", "2"}, {"--project"});
        // A negative number is a value, not an option: here --rounds is what is wrong.
        expectUsageError({"rank", "--project", m_p, "--accept-margin", "-1", "--rounds", "9"}, {"--rounds", "[1, 5]"});
        // A project that does not exist is not created by a refused import.
        const fs::path fresh = fs::path(m_tmp.path().toStdString()) / "fresh.winnow";
        const CliResult r = runCli({"import", "--project", QString::fromStdString(fresh.string()), "--format",
                                    "imagefolder", "--source", m_tmp.path(), "--verify", "fast"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--verify") && r.err.contains("header, full"), r.err.constData());
        QVERIFY(!fs::exists(fresh));
        QCOMPARE(runCli({"no-such-command"}).code, 2);
        QCOMPARE(runCli({}).code, 2);
    }

    void helpListsRangesAndExitCodes() {
        CliResult r = runCli({"train", "--help"});
        QCOMPARE(r.code, 0);
        for (const char* s : {"--epochs", "[1, 100000]", "--lr", "(0, 10]", "--threads", "[1, 1024]", "--subset",
                              "--cross-val", "--weight-decay", "Exit codes", "130"})
            QVERIFY2(r.out.contains(s), (QByteArray("train --help lacks ") + s + ":\n" + r.out).constData());
        r = runCli({"score", "-h"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("--rate") && r.out.contains("(0, 1)"), r.out.constData());
        r = runCli({"--help"});
        QCOMPARE(r.code, 0);
        for (const char* s : {"train", "rank", "Exit codes", "usage error", "cancelled"})
            QVERIFY2(r.out.contains(s), (QByteArray("--help lacks ") + s + ":\n" + r.out).constData());
    }

    // Last: it adds the project's first run.
    void aFullValidCommandStillTrains() {
        const CliResult r = runCli({"train", "--project", m_p, "--model", "cnn-small", "--epochs", "1", "--batch=16",
                                    "--lr", "0.05", "--momentum", "0.9", "--weight-decay", "0.0005", "--schedule",
                                    "constant", "--crop-padding", "1", "--seed", "3", "--device", "cpu", "--threads",
                                    "1", "--loader-threads", "1", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(winnow::test::lastJson(r.out)["event"].toString(), QString("done"));
        auto p = Project::openReadOnly(m_project);
        QCOMPARE(p->db().queryText("SELECT state FROM runs"), std::string("done"));
        const nlohmann::json cfg = parseJson(p->db().queryText("SELECT config_json FROM runs"), "config_json");
        QCOMPARE(jsonInt(jsonField(cfg, "batchSize")), int64_t(16));
        QCOMPARE(jsonString(jsonField(cfg, "schedule")), std::string("constant"));
        QCOMPARE(jsonDouble(jsonField(cfg, "lr")), 0.05);
    }
};

QTEST_GUILESS_MAIN(TestCliArgs)
#include "tst_cli_args.moc"
