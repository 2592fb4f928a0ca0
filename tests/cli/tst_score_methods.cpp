// `winnow-cli score --method` is core's detector registry: the installed command's --help and
// its refusal of an unknown method name every registered detector, and a detector that only
// a test registers (no other file touched) becomes a --method choice with its help line, gets
// the settings it declares (--rate) and is refused the ones it does not (--of). The second part
// defines the score command in this process (tests/CMakeLists.txt compiles cmd_score.cpp in).
#include <QtTest>

#include <CLI/CLI.hpp>

#include <filesystem>

#include "app/cli/command.h"
#include "cli_runner.h"
#include "core/influence/detector_registry.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;
using namespace winnow;
using winnow::test::CliResult;
using winnow::test::runCli;

namespace {

// What the fake detector was asked (its function has no captures: it is a plain pointer).
struct Asked {
    int calls = 0;
    std::string detector;
    double rate = 0;
} g_asked;

core::DetectorInfo fakeDetector() {
    core::DetectorInfo d;
    d.id = "test-fake";
    d.displayName = "Test fake";
    d.description = "a detector only this test registers";
    d.needs = core::kNeedsStoredScorings;
    d.settings = {"rate"};
    d.scoreStored = [](core::Project&, const core::ScoreRequest& request, const core::ProgressFn&,
                       const core::CancelToken*) {
        ++g_asked.calls;
        g_asked.detector = request.detector;
        g_asked.rate = request.selfConfidenceRate;
        core::ScoringOutcome out;
        out.summary["flagged"] = 0;
        out.summary["n"] = 0;
        out.summary["probabilities"] = "none";
        return out;
    };
    return d;
}

// Defines `score` on a fresh CLI11 app as winnow-cli's main does and parses `args`.
struct ScoreCommand {
    CLI::App app{"score", "winnow-cli score"};
    cli::Runner runner;
    ScoreCommand() { runner = cli::commandRegistry().at("score").define(app); }
    void parse(std::vector<std::string> args) {
        std::reverse(args.begin(), args.end());  // CLI11 parses from the back
        app.parse(args);
    }
};

}  // namespace

class TestCliScoreMethods : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void helpAndErrorsNameEveryRegisteredDetector() {
        const CliResult help = runCli({"score", "--help"});
        QCOMPARE(help.code, 0);
        const auto all = core::detectors();
        QCOMPARE(all.size(), size_t(8));  // the built-ins
        for (const core::DetectorInfo& d : all) {
            QVERIFY2(help.out.contains(QByteArray::fromStdString(d.id)), d.id.c_str());
            QVERIFY2(help.out.contains(QByteArray::fromStdString(d.description)), d.description.c_str());
        }
        const CliResult bad = runCli({"score", "--project", "x.winnow", "--method", "smal-loss"});
        QCOMPARE(bad.code, 2);
        for (const std::string& id : core::detectorIds())
            QVERIFY2(bad.err.contains(QByteArray::fromStdString(id)), bad.err.constData());
        // --rate names the detectors that read it.
        const CliResult rate = runCli({"score", "--project", "x.winnow", "--method", "small-loss", "--rate", "0.1"});
        QCOMPARE(rate.code, 2);
        QVERIFY2(rate.err.contains("--rate applies to --method self-confidence only"), rate.err.constData());
    }

    void aTestRegisteredDetectorBecomesAMethod() {
        const std::string file = (fs::path(m_tmp.path().toStdString()) / "p.winnow").string();
        { auto created = core::Project::create(file); }
        {
            ScoreCommand before;
            QVERIFY_THROWS_EXCEPTION(CLI::ValidationError,
                                     before.parse({"--project", file, "--method", "test-fake"}));
        }
        const core::ScopedDetectorRegistration reg(fakeDetector());
        {
            ScoreCommand score;
            const std::string help = score.app.help();
            QVERIFY2(help.find("test-fake") != std::string::npos, help.c_str());
            QVERIFY2(help.find("test-fake: a detector only this test registers") != std::string::npos, help.c_str());
            // --rate's help names every detector that reads it.
            QVERIFY2(help.find("self-confidence or test-fake: share of the samples") != std::string::npos, help.c_str());
            score.parse({"--project", file, "--method", "test-fake", "--rate", "0.2"});
            QCOMPARE(score.runner(), 0);
            QCOMPARE(g_asked.calls, 1);
            QCOMPARE(g_asked.detector, std::string("test-fake"));
            QCOMPARE(g_asked.rate, 0.2);
        }
        {
            ScoreCommand score;
            score.parse({"--project", file, "--method", "test-fake", "--of", "1,2"});
            try {
                score.runner();
                QFAIL("--of accepted for a detector that does not read it");
            } catch (const cli::UsageError& e) {
                QCOMPARE(QString::fromStdString(e.message),
                         QStringLiteral("--of applies to --method combined only"));
            }
            QCOMPARE(g_asked.calls, 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliScoreMethods)
#include "tst_score_methods.moc"
