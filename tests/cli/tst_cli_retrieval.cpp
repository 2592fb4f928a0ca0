// winnow-cli retrieval import / eval / results / export, run as a user would, with the
// hash-demo baseline encoder on the hand-built set of tests/core/retrieval_fixture.h.
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "core/store/project.h"
#include "tests/core/retrieval_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::test;

namespace {

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

class TestCliRetrieval : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

    // A project with the hand-built set imported (set 1).
    fs::path importedProject(const std::string& name) {
        const fs::path d = dir() / name;
        fs::create_directories(d);
        FakeEncoder unused;
        writeHandBuiltSet(d, unused);
        const fs::path p = d / "p.winnow";
        const auto r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "handbuilt.json"),
                               "--images", q(d / "images"), "--json"});
        if (r.code != 0) qWarning() << r.err;
        return p;
    }

private Q_SLOTS:
    void importListsMissingImagesAndImportsTheRest() {
        const fs::path d = dir() / "imp";
        fs::create_directories(d);
        FakeEncoder unused;
        writeHandBuiltSet(d, unused);
        const fs::path p = d / "p.winnow";
        const auto r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "handbuilt.json"),
                               "--images", q(d / "images"), "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["set_id"].toInt(), 1);
        QCOMPARE(j["images"].toInt(), 5);
        QCOMPARE(j["ground_truth_captions"].toInt(), 26);  // 5 + 6 + 5 + 5 + 5
        QCOMPARE(j["adversarial_captions"].toInt(), 25);
        QCOMPARE(j["rococo"].toBool(), true);
        QCOMPARE(j["missing_images"].toInt(), 1);
        QVERIFY(r.err.contains("image not found"));
        QVERIFY(r.err.contains("e.png"));
        // Text output says the same in words.
        const auto t = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "attack2.json")});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.contains("caption set 2"));
        QVERIFY(t.out.contains("RoCOCO attack file"));
    }

    void importErrorsAreClear() {
        const fs::path d = dir() / "err";
        fs::create_directories(d);
        const fs::path p = d / "p.winnow";
        // A caption file in neither format: exit 1, the file and the expected formats named,
        // and no project left behind.
        std::ofstream(d / "notes.json") << "{\"hello\": [1, 2]}";
        auto r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "notes.json")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(q(d / "notes.json").toUtf8()));
        QVERIFY(r.err.contains("Karpathy"));
        QVERIFY(r.err.contains("COCO"));
        QVERIFY(!fs::exists(p));
        // An image folder that does not exist.
        std::ofstream(d / "list.json") << "[{\"image\": \"a.png\", \"caption\": [\"a cat\"]}]";
        r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "list.json"), "--images",
                    q(d / "nowhere")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("does not exist"));
        QVERIFY(r.err.contains(q(d / "nowhere").toUtf8()));
        // A folder missing every image: nothing imported, exit 1.
        fs::create_directories(d / "empty");
        r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "list.json"), "--images",
                    q(d / "empty")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("nothing imported"));
        QVERIFY(!fs::exists(p));
        // --format that does not match.
        r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "list.json"), "--format", "coco"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("not coco"));
    }

    void evalResultsAndExports() {
        const fs::path p = importedProject("eval");
        const fs::path d = p.parent_path();
        auto r = runCli({"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "hash-demo", "--attacks",
                         q(d / "attack2.json"), "--json", "--batch-size", "2"});
        QCOMPARE(r.code, 0);
        const QJsonObject done = lastJson(r.out);
        QCOMPARE(done["event"].toString(), QString("done"));
        QCOMPARE(done["images_used"].toInt(), 4);
        QCOMPARE(done["images_excluded"].toInt(), 1);
        QCOMPARE(done["model"].toString(), QString("demo:hash-demo-v2"));
        QVERIFY(done["ties"].toString().contains("ties count against the ground truth"));
        const QJsonArray rows = done["results"].toArray();
        // i2t clean, the set's own attack, attack2; t2i clean.
        QCOMPARE(rows.size(), 4);
        QStringList attacks;
        for (const auto& v : rows) attacks << v.toObject()["attack"].toString();
        QCOMPARE(attacks, (QStringList{"clean", "handbuilt", "attack2", "clean"}));
        QVERIFY(r.out.contains("\"event\":\"progress\""));
        // The attack file was imported once; a second run reuses it.
        r = runCli({"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "hash-demo", "--attacks",
                    q(d / "attack2.json")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("ties count against the ground truth"));

        auto res = runCli({"retrieval", "results", "--project", q(p), "--json"});
        QCOMPARE(res.code, 0);
        const QJsonObject rj = lastJson(res.out);
        QCOMPARE(rj["sets"].toArray().size(), 2);
        QCOMPARE(rj["runs"].toArray().size(), 2);
        QCOMPARE(rj["columns"].toArray().size(), 1);  // one model: its latest run
        QCOMPARE(rj["columns"].toArray()[0].toObject()["run_id"].toInt(), 2);
        res = runCli({"retrieval", "results", "--project", q(p)});
        QCOMPARE(res.code, 0);
        QVERIFY(res.out.contains("demo:hash-demo-v2"));
        QVERIFY(res.out.contains("ties count against the ground truth"));

        const fs::path table = d / "out" / "table.csv", failures = d / "out" / "failures.csv",
                       report = d / "out" / "report.html";
        fs::create_directories(d / "out");
        auto e = runCli({"retrieval", "export", "--project", q(p), "--table", q(table), "--failures", q(failures),
                         "--report", q(report), "--json"});
        QCOMPARE(e.code, 0);
        QCOMPARE(lastJson(e.out)["table_rows"].toInt(), 8);
        QVERIFY(readAll(table).find("demo:hash-demo-v2") != std::string::npos);
        QVERIFY(readAll(table).find("ties count against the ground truth") != std::string::npos);
        QVERIFY(readAll(failures).rfind("run,attack,direction,seed,query,ground_truth,top1_item", 0) == 0);
        QVERIFY(readAll(report).find("demo:hash-demo-v2") != std::string::npos);
        // The project file itself is refused.
        e = runCli({"retrieval", "export", "--project", q(p), "--table", q(p)});
        QCOMPARE(e.code, 1);
        QVERIFY(fs::file_size(p) > 0);
        // Nothing to export: a usage error.
        e = runCli({"retrieval", "export", "--project", q(p)});
        QCOMPARE(e.code, 2);
    }

    void evalErrors() {
        const fs::path p = importedProject("evalerr");
        auto r = runCli({"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "clip.pt"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("clip.pt"));
        QVERIFY(r.err.contains("hash-demo"));
        r = runCli({"retrieval", "eval", "--project", q(p), "--set", "9", "--model", "hash-demo"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("No caption set 9"));
        r = runCli({"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "hash-demo", "--image-attacks",
                    "blur"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("mix and/or patch"));
        // A set imported without its image folder: the error says what to do.
        r = runCli({"retrieval", "import", "--project", q(p), "--captions", q(p.parent_path() / "attack2.json")});
        QCOMPARE(r.code, 0);
        r = runCli({"retrieval", "eval", "--project", q(p), "--set", "2", "--model", "hash-demo"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("No image of"));
        QVERIFY(r.err.contains("import it again with --images"));
        // A file that is not a RoCOCO attack file, given second after --attacks (every value
        // up to the next option belongs to --attacks).
        std::ofstream(p.parent_path() / "plain.json") << "[{\"image\": \"a.png\", \"caption\": [\"a cat\"]}]";
        r = runCli({"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "hash-demo", "--attacks",
                    q(p.parent_path() / "attack2.json"), q(p.parent_path() / "plain.json")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("not a RoCOCO attack file"));
    }

    void ctrlCRecordsTheRunAsCancelled() {
        // 2,000 names for one large noisy image (symbolic links): decoding takes long enough
        // for Ctrl-C to arrive mid-way.
        const fs::path d = dir() / "sigint";
        fs::create_directories(d / "images");
        cv::Mat noise(1024, 1024, CV_8UC3);
        cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
        QVERIFY(cv::imwrite((d / "big.png").string(), noise));
        std::ofstream csv(d / "set.csv");
        csv << "image,caption\n";
        for (int i = 0; i < 2000; ++i) {
            fs::create_symlink(d / "big.png", d / "images" / (std::to_string(i) + ".png"));
            csv << i << ".png,photo number " << i << "\n";
        }
        csv.close();
        const fs::path p = d / "p.winnow";
        QCOMPARE(runCli({"retrieval", "import", "--project", q(p), "--captions", q(d / "set.csv"), "--images",
                         q(d / "images")})
                     .code,
                 0);
        QProcess eval;
        eval.start(WINNOW_CLI, {"retrieval", "eval", "--project", q(p), "--set", "1", "--model", "hash-demo",
                                "--batch-size", "1", "--json"});
        QVERIFY(eval.waitForStarted());
        QByteArray seen;
        while (!seen.contains("\"event\":\"progress\"") && eval.state() == QProcess::Running) {
            eval.waitForReadyRead(100);
            seen += eval.readAllStandardOutput();
        }
        QVERIFY2(eval.state() == QProcess::Running, "the evaluation ended before Ctrl-C");
        ::kill(pid_t(eval.processId()), SIGINT);
        QVERIFY(eval.waitForFinished(60000));
        QCOMPARE(eval.exitStatus(), QProcess::NormalExit);
        QCOMPARE(eval.exitCode(), 130);
        auto project = winnow::core::Project::openReadOnly(p);
        QCOMPARE(project->db().queryText("SELECT status FROM retrieval_runs"), std::string("cancelled"));
        QCOMPARE(project->db().queryInt64("SELECT count(*) FROM retrieval_results"), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCliRetrieval)
#include "tst_cli_retrieval.moc"
