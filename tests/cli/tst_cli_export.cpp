// CLI exports from the review side: corrected labels, the cleaned ImageFolder tree, report.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "tests/cli/cli_runner.h"

namespace fs = std::filesystem;

namespace {

using Result = winnow::test::CliResult;
using winnow::test::runCli;

QStringList readLines(const fs::path& f) {
    QFile file(QString::fromStdString(f.string()));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestCliExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }
    QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

private Q_SLOTS:
    void initTestCase() {
        Result r = winnow::test::importThreeImages(dir("data"), dir("p.winnow"));
        QVERIFY2(r.code == 0, r.err.constData());
    }

    void labelsCsvHasEverySample() {
        fs::path out = dir("labels.csv");
        Result r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "labels",
                           "--out", qs(out)});
        QVERIFY2(r.code == 0, r.err.constData());
        QStringList lines = readLines(out);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("sample_id,path,split,original_label,final_label"));
        QCOMPARE(lines.filter(",train,ant,ant,").size(), 2);
        QCOMPARE(lines.filter(",train,bee,bee,").size(), 1);
    }

    void imageFolderRefusesNonEmptyTarget() {
        fs::path target = dir("clean");
        fs::create_directories(target);
        std::ofstream(target / "keep.txt") << "mine";
        Result r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "imagefolder",
                           "--out", qs(target)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
        r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "imagefolder",
                    "--out", qs(target), "--force", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("\"written\":3"));
        QVERIFY(fs::exists(target / "keep.txt"));
        QVERIFY(fs::exists(target / "train" / "bee"));
    }

    void reportAndBadFormat() {
        fs::path html = dir("report.html");
        Result r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "report",
                           "--out", qs(html)});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(fs::file_size(html) > 500);
        r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "pdf", "--out",
                    qs(dir("x"))});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--format must be"));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
