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
            for (int i = 0; i < 400000; ++i) csv << "a.png,x\n";
        }
        QProcess p;
        p.start(WINNOW_CLI, {"import", "--project", qs(project), "--format", "csv", "--source",
                             qs(root / "m.csv"), "--json"});
        QVERIFY(p.waitForReadyRead(60000));  // the first progress line: the import is running
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        if (p.exitCode() == 0) QSKIP("the import finished before the signal arrived");
        QCOMPARE(p.exitCode(), 130);
        QJsonObject done = lastJson(p.readAllStandardOutput());
        QCOMPARE(done["cancelled"].toBool(), true);
        QJsonObject info = lastJson(runCli({"info", "--project", qs(project), "--json"}).out);
        QCOMPARE(info["samples"].toInt(), 4);  // what the first import left, nothing more
        QJsonArray imports = info["imports"].toArray();
        QCOMPARE(imports.last().toObject()["state"].toString(), QString("cancelled"));
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
