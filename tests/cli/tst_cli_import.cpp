// CLI round trip: winnow-cli import, then info --json, as a user or a script would run them.
#include <QtTest>

#include <signal.h>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "tests/cli/cli_runner.h"

namespace fs = std::filesystem;

namespace {

using Result = winnow::test::CliResult;
using winnow::test::lastJson;
using winnow::test::runCli;

void image(const fs::path& p, int w, int h) {
    fs::create_directories(p.parent_path());
    QVERIFY(cv::imwrite(p.string(), cv::Mat(h, w, CV_8UC3, cv::Scalar(1, 2, 3))));
}

}  // namespace

class TestCliImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }
    QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

private Q_SLOTS:
    void importThenInfo() {
        fs::path root = dir("data");
        image(root / "ant" / "1.png", 4, 4);
        image(root / "ant" / "2.png", 4, 4);
        image(root / "bee" / "3.jpg", 4, 4);
        std::ofstream(root / "bee" / "broken.png") << "\x89PNG\r\n\x1a\n not really";
        std::ofstream(root / "bee" / "list.txt") << "x";
        fs::path project = dir("p.winnow");

        Result r = runCli({"import", "--project", qs(project), "--format", "imagefolder", "--source", qs(root)});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("imported 4 samples"));
        QVERIFY(r.out.contains("1 unreadable"));
        QVERIFY(r.out.contains("list.txt"));  // the first issues are listed with file and reason
        // ant/1.png and ant/2.png hold the same bytes (the same flat image, PNG-encoded alike).
        QVERIFY2(r.out.contains("1 of them are exact copies of another sample's content"), r.out.constData());

        Result info = runCli({"info", "--project", qs(project), "--json"});
        QCOMPARE(info.code, 0);
        QJsonObject j = lastJson(info.out);
        QCOMPARE(j["samples"].toInt(), 4);
        QCOMPARE(j["unreadable"].toInt(), 1);
        QCOMPARE(j["trusted"].toInt(), 0);
        QCOMPARE(j["splits"].toObject()["train"].toInt(), 4);
        QJsonArray classes = j["classes"].toArray();
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes[0].toObject()["name"].toString(), QString("ant"));
        QCOMPARE(classes[0].toObject()["count"].toInt(), 2);
        QCOMPARE(classes[1].toObject()["train"].toInt(), 2);
        QCOMPARE(j["issue_count"].toInt(), 2);
        QCOMPARE(j["imports"].toArray().size(), 1);
        QCOMPARE(j["imports"].toArray()[0].toObject()["state"].toString(), QString("done"));
        bool sawBroken = false;
        for (const auto& v : j["issues"].toArray())
            sawBroken |= v.toObject()["path"].toString().endsWith("broken.png");
        QVERIFY(sawBroken);
    }

    void csvImportWithJsonSummaryAndSplit() {
        fs::path root = dir("csvdata");
        image(root / "a.png", 2, 2);
        image(root / "b.png", 2, 2);
        std::ofstream(root / "m.csv") << "path,label\na.png,\"x, y\"\nb.png,\nc.png,z\n";
        fs::path project = dir("c.winnow");
        Result r = runCli({"import", "--project", qs(project), "--format", "csv", "--source", qs(root / "m.csv"),
                           "--split", "test", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QJsonObject j = lastJson(r.out);
        QCOMPARE(j["event"].toString(), QString("done"));
        QCOMPARE(j["imported"].toInt(), 1);
        QCOMPARE(j["skipped"].toInt(), 2);
        QCOMPARE(j["exact_copies"].toInt(), 0);  // b.png, a copy of a.png, had no label
        QJsonArray issues = j["issues"].toArray();
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues[0].toObject()["line"].toInt(), 3);

        Result info = runCli({"info", "--project", qs(project), "--json"});
        QJsonObject i = lastJson(info.out);
        QCOMPARE(i["splits"].toObject()["test"].toInt(), 1);
        QCOMPARE(i["classes"].toArray()[0].toObject()["name"].toString(), QString("x, y"));
    }

    void ctrlCCancelsCleanly() {
        fs::path root = dir("big");
        image(root / "a.png", 2, 2);
        fs::path project = dir("keep.winnow");
        QCOMPARE(runCli({"import", "--project", qs(project), "--format", "imagefolder", "--source", qs(dir("data"))}).code, 0);
        {
            // Many rows (all the same file) keep the import busy long enough to interrupt it.
            std::ofstream csv(root / "m.csv");
            for (int i = 0; i < 2000000; ++i) csv << "a.png,x\n";
        }
        QProcess p;
        p.start(WINNOW_CLI, {"import", "--project", qs(project), "--format", "csv", "--source",
                             qs(root / "m.csv"), "--json"});
        QVERIFY(p.waitForReadyRead(60000));  // the first progress line: the import is running
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        // Exit 0 is what a broken Ctrl-C looks like (the import ran on to the end), so it fails:
        // 2,000,000 rows take the import far longer than the signal takes to arrive.
        QVERIFY2(p.exitCode() != 0, "Ctrl-C did not stop the import: it finished and exited 0");
        QCOMPARE(p.exitCode(), 130);
        QJsonObject done = lastJson(p.readAllStandardOutput());
        QCOMPARE(done["cancelled"].toBool(), true);
        QJsonObject info = lastJson(runCli({"info", "--project", qs(project), "--json"}).out);
        QCOMPARE(info["samples"].toInt(), 4);  // what the first import left, nothing more
        QJsonArray imports = info["imports"].toArray();
        QCOMPARE(imports.last().toObject()["state"].toString(), QString("cancelled"));
    }

    void failedImportKeepsACacheFolderItDidNotCreate() {
        // Issue 15 item 2: the failed import of a new project deleted X.winnow-cache/ with
        // whatever the user kept there.
        fs::create_directories(dir("orphan.winnow-cache"));
        std::ofstream(dir("orphan.winnow-cache") / "notes.txt") << "notes";
        Result r = runCli({"import", "--project", qs(dir("orphan.winnow")), "--format", "imagefolder", "--source",
                           qs(dir("no-such-folder"))});
        QCOMPARE(r.code, 1);
        QVERIFY(!fs::exists(dir("orphan.winnow")));
        QVERIFY(fs::exists(dir("orphan.winnow-cache") / "notes.txt"));
        // The same with an import that reads its source and adds nothing (a damaged header).
        fs::path idx = dir("badidx");
        fs::create_directories(idx);
        std::ofstream(idx / "train-images-idx3-ubyte", std::ios::binary) << std::string("\0\0\x08\x03", 4);
        std::ofstream(idx / "train-labels-idx1-ubyte", std::ios::binary) << std::string("\0\0\x08\x01", 4);
        r = runCli({"import", "--project", qs(dir("orphan.winnow")), "--format", "idx", "--source", qs(idx)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("truncated IDX header"), r.out.constData());
        QVERIFY(!fs::exists(dir("orphan.winnow")));
        QVERIFY(fs::exists(dir("orphan.winnow-cache") / "notes.txt"));
    }

    void nothingImportedIsAFailureAndLeavesNoProject() {
        // Issue 15 item 14: exit 0 and an empty new project when nothing was imported.
        fs::path root = dir("nothing");
        fs::create_directories(root / "cls");
        std::ofstream(root / "cls" / "readme.txt") << "x";
        Result r = runCli({"import", "--project", qs(dir("nothing.winnow")), "--format", "imagefolder", "--source",
                           qs(root)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("nothing usable was imported"), r.err.constData());
        QVERIFY(!fs::exists(dir("nothing.winnow")));
        QVERIFY(!fs::exists(dir("nothing.winnow-cache")));
        // Into an existing project: still a failure, the project stays.
        image(root / "cls" / "a.png", 3, 3);
        QCOMPARE(runCli({"import", "--project", qs(dir("nothing.winnow")), "--format", "imagefolder", "--source",
                         qs(root)}).code, 0);
        r = runCli({"import", "--project", qs(dir("nothing.winnow")), "--format", "imagefolder", "--source", qs(root),
                    "--json"});
        QCOMPARE(r.code, 1);
        QCOMPARE(lastJson(r.out)["imported"].toInt(), 0);
        QVERIFY(fs::exists(dir("nothing.winnow")));
    }

    void invalidUtf8NamesKeepInfoJsonValid() {
        // Issue 15 item 13: a class folder named with invalid UTF-8 made `info --json` invalid.
        fs::path root = dir("utf8");
        image(root / "ok" / "1.png", 3, 3);
        image(root / "bad\xff" / "2.png", 3, 3);
        fs::path project = dir("utf8.winnow");
        Result r = runCli({"import", "--project", qs(project), "--format", "imagefolder", "--source", qs(root),
                           "--json"});
        QCOMPARE(r.code, 0);
        QJsonParseError err{};
        QJsonDocument::fromJson(r.out.trimmed().split('\n').last(), &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        Result info = runCli({"info", "--project", qs(project), "--json"});
        QCOMPARE(info.code, 0);
        QJsonDocument doc = QJsonDocument::fromJson(info.out.trimmed().split('\n').last(), &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        QCOMPARE(doc.object()["samples"].toInt(), 1);
        QCOMPARE(doc.object()["classes"].toArray().size(), 1);
    }

    void repairRebuildsAMissingArrayCache() {
        // Issue 15 item 11: "import the source again" did not work (already imported).
        fs::path idx = dir("goodidx");
        fs::create_directories(idx);
        auto be32 = [](uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
        std::ofstream(idx / "train-images-idx3-ubyte", std::ios::binary)
            << std::string("\0\0\x08\x03", 4) + be32(2) + be32(2) + be32(2) + "abcdefgh";
        std::ofstream(idx / "train-labels-idx1-ubyte", std::ios::binary)
            << std::string("\0\0\x08\x01", 4) + be32(2) + std::string("\x00\x01", 2);
        fs::path project = dir("repair.winnow");
        QCOMPARE(runCli({"import", "--project", qs(project), "--format", "idx", "--source", qs(idx)}).code, 0);
        fs::path arrays = dir("repair.winnow-cache") / "arrays";
        QCOMPARE(int(std::distance(fs::directory_iterator(arrays), fs::directory_iterator())), 1);
        fs::path cache = fs::directory_iterator(arrays)->path();
        fs::remove(cache);
        Result r = runCli({"repair", "--project", qs(project)});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("rebuilt 1"));
        std::ifstream in(cache, std::ios::binary);
        QCOMPARE(std::string(std::istreambuf_iterator<char>(in), {}), std::string("abcdefgh"));
    }

    void badArgumentsAndSources() {
        Result r = runCli({"import", "--project", qs(dir("x.winnow")), "--format", "csv"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--source"));
        r = runCli({"import", "--project", qs(dir("y.winnow")), "--format", "imagefolder", "--source",
                    qs(dir("missing-folder"))});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("missing-folder"));
        r = runCli({"info", "--project", qs(dir("never-made.winnow"))});
        QCOMPARE(r.code, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
