// core/util/atomic_file and core/util/csv: a file appears only complete, a full disk is an
// error that names the file, CSV text fields cannot become spreadsheet formulas.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/atomic_file.h"
#include "core/util/csv.h"
#include "core/util/error.h"
#include "tests/core/file_size_limit.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::string readAll(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

int entries(const fs::path& dir) {
    int n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;
    fs::path freshDir() {
        fs::path d = fs::path(m_tmp.path().toStdString()) / ("d" + std::to_string(++m_n));
        fs::create_directories(d);
        return d;
    }

private Q_SLOTS:
    void replacesOnlyOnCommit() {
        fs::path d = freshDir();
        std::ofstream(d / "out.csv") << "old";
        {
            AtomicFile f(d / "out.csv");
            f << "new " << 42 << '\n';
            QCOMPARE(readAll(d / "out.csv"), std::string("old"));
            f.commit();
        }
        QCOMPARE(readAll(d / "out.csv"), std::string("new 42\n"));
        QCOMPARE(entries(d), 1);  // no temporary left
    }

    void abandonedLeavesOldFileAndNoTemporary() {
        fs::path d = freshDir();
        std::ofstream(d / "out.csv") << "old";
        {
            AtomicFile f(d / "out.csv");
            f << std::string(3 << 20, 'x');  // more than the buffer: really on disk
            QCOMPARE(entries(d), 2);
        }
        QCOMPARE(readAll(d / "out.csv"), std::string("old"));
        QCOMPARE(entries(d), 1);
    }

    void diskFullNamesTheFileAndKeepsTheOldOne() {
        fs::path d = freshDir();
        std::ofstream(d / "report.html") << "old report";
        std::string message;
        {
            winnow::test::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            try {
                writeFileAtomically(d / "report.html", std::string(100000, 'x'));
            } catch (const Error& e) {
                message = e.what();
            }
        }
        QVERIFY2(message.find("disk full") != std::string::npos, message.c_str());
        QVERIFY2(message.find((d / "report.html").string()) != std::string::npos, message.c_str());
        QCOMPARE(readAll(d / "report.html"), std::string("old report"));
        QCOMPARE(entries(d), 1);
    }

    void diskFullWhileCopying() {
        fs::path d = freshDir();
        std::ofstream(d / "src.bin", std::ios::binary) << std::string(50000, 'y');
        std::string message;
        {
            winnow::test::FileSizeLimit limit(8192);
            try {
                copyFileAtomically(d / "src.bin", d / "dst.bin");
            } catch (const Error& e) {
                message = e.what();
            }
        }
        QVERIFY2(message.find("disk full") != std::string::npos, message.c_str());
        QVERIFY(!fs::exists(d / "dst.bin"));
        QCOMPARE(entries(d), 1);
        copyFileAtomically(d / "src.bin", d / "dst.bin");
        QCOMPARE(fs::file_size(d / "dst.bin"), uintmax_t(50000));
    }

    void missingFolderIsAnError() {
        fs::path d = freshDir() / "no" / "such";
        QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(d / "x.csv", "a"));
    }

    void longTargetNameStillWrites() {
        fs::path d = freshDir();
        const std::string name(250, 'n');
        writeFileAtomically(d / name, "ok");
        QCOMPARE(readAll(d / name), std::string("ok"));
    }

    void csvFieldNeutralisesFormulas() {
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("=1+2"), std::string("'=1+2"));
        QCOMPARE(csvField("+1"), std::string("'+1"));
        QCOMPARE(csvField("-2"), std::string("'-2"));
        QCOMPARE(csvField("@SUM(A1)"), std::string("'@SUM(A1)"));
        QCOMPARE(csvField("\tx"), std::string("'\tx"));
        QCOMPARE(csvField("\rx"), std::string("\"'\rx\""));
        QCOMPARE(csvField("=HYPERLINK(\"http://x\",\"y\")"), std::string("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
        QCOMPARE(csvField("a=b"), std::string("a=b"));  // only a leading sign is a formula
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField(""), std::string(""));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
