// The content hash taken at import (issue 14, schema 11): SHA-256 of an image file's bytes and
// of an array record's geometry and pixels, checked against Qt's own SHA-256; the import's count
// of exact copies (within one import and against earlier ones); the curation scan naming the
// files changed since their import; and a project from before schema 11 migrated with NULLs.
#include <QtTest>

#include <QCryptographicHash>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/curation/sample_scan.h"
#include "core/dataset/importer.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

QByteArray fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    const std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return QByteArray(s.data(), qsizetype(s.size()));
}

QByteArray qtSha256(const QByteArray& bytes) { return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256); }

// What the import should store for an array record: three native int32 (width, height,
// channels), then the pixels.
QByteArray recordHash(int w, int h, int c, const std::string& pixels) {
    const int32_t g[3] = {w, h, c};
    QByteArray b(reinterpret_cast<const char*>(g), sizeof g);
    b.append(pixels.data(), qsizetype(pixels.size()));
    return qtSha256(b);
}

void writeImage(const fs::path& p, int seed) {
    fs::create_directories(p.parent_path());
    cv::Mat m(24, 32, CV_8UC3);
    cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::circle(m, {8 + seed, 12}, 5, cv::Scalar(seed * 40 % 256, 10, 200), cv::FILLED);
    QVERIFY(cv::imwrite(p.string(), m));
}

void copyFile(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

// The stored hash of the sample at `path` (and record), empty when NULL.
QByteArray storedHash(Project& p, const fs::path& path, int64_t item = -1) {
    auto st = p.db().prepare("SELECT content_sha256 FROM samples WHERE path=? AND item_index=?");
    st.bind(1, fs::absolute(path).lexically_normal().string()).bind(2, item);
    if (!st.step()) return "missing";
    const std::vector<uint8_t> b = st.blob(0);
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

}  // namespace

class TestImportContentHash : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void imageFilesAreHashedAndCopiesCounted() {
        const fs::path d = dir("images");
        writeImage(d / "cat" / "x.png", 1);
        writeImage(d / "cat" / "y.png", 2);
        copyFile(d / "cat" / "x.png", d / "dog" / "x_again.png");  // a byte copy under another class
        fs::create_directories(d / "dog");
        std::ofstream(d / "dog" / "broken.png", std::ios::binary) << "\x89PNG\r\n\x1a\n";  // truncated
        auto p = Project::create(dir("images.winnow"));
        const ImportReport r = importDataset(*p, {"imagefolder", d, {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(4));
        QCOMPARE(r.unreadable, int64_t(1));
        QCOMPARE(r.exactCopies, int64_t(1));
        for (const char* f : {"cat/x.png", "cat/y.png", "dog/x_again.png"})
            QCOMPARE(storedHash(*p, d / f).toHex(), qtSha256(fileBytes(d / f)).toHex());
        QCOMPARE(storedHash(*p, d / "cat" / "x.png"), storedHash(*p, d / "dog" / "x_again.png"));
        QVERIFY(storedHash(*p, d / "dog" / "broken.png").isEmpty());  // unreadable: no hash

        // A later import: one file copies a sample of the first import, one is new, and two
        // copy each other. Copies of the project's content count; the first of a new pair does not.
        const fs::path e = dir("more");
        copyFile(d / "cat" / "y.png", e / "cat" / "y_later.png");
        writeImage(e / "cat" / "z.png", 3);
        copyFile(e / "cat" / "z.png", e / "dog" / "z_twin.png");
        writeImage(e / "dog" / "w.png", 4);
        const ImportReport r2 = importDataset(*p, {"imagefolder", e, {}, VerifyMode::Full, 8});
        QCOMPARE(r2.imported, int64_t(4));
        QCOMPARE(r2.exactCopies, int64_t(2));
        QCOMPARE(storedHash(*p, e / "cat" / "y_later.png").toHex(), qtSha256(fileBytes(d / "cat" / "y.png")).toHex());
    }

    void arrayRecordsAreHashedAsTheScanDoes() {
        // Four 2x3 grey records; record 3 repeats record 1.
        const std::vector<std::string> recs = {"\x01\x02\x03\x04\x05\x06", "\x10\x20\x30\x40\x50\x60",
                                               "\x07\x07\x07\x07\x07\x07", "\x10\x20\x30\x40\x50\x60"};
        const fs::path d = dir("idx");
        fs::create_directories(d);
        std::string images = std::string("\0\0\x08\x03", 4) + be32(4) + be32(2) + be32(3);
        for (const auto& r : recs) images += r;
        std::ofstream(d / "train-images-idx3-ubyte", std::ios::binary) << images;
        std::ofstream(d / "train-labels-idx1-ubyte", std::ios::binary)
            << std::string("\0\0\x08\x01", 4) + be32(4) + std::string("\x00\x01\x00\x01", 4);
        auto p = Project::create(dir("idx.winnow"));
        const ImportReport r = importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(4));
        QCOMPARE(r.exactCopies, int64_t(1));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(storedHash(*p, d / "train-images-idx3-ubyte", i).toHex(),
                     recordHash(3, 2, 1, recs[size_t(i)]).toHex());
        // The scan hashes the decoded records the same way: nothing reads as changed.
        const SampleScan scan = scanSamples(*p, {}, nullptr, 1);
        QCOMPARE(scan.n(), int64_t(4));
        QCOMPARE(scan.changedSinceImport, int64_t(0));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(scan.hash[1].data()), 32).toHex(),
                 recordHash(3, 2, 1, recs[1]).toHex());
    }

    void scanNamesFilesChangedSinceImport() {
        const fs::path d = dir("changing");
        writeImage(d / "a" / "keep.png", 5);
        writeImage(d / "a" / "edit.png", 6);
        auto p = Project::create(dir("changing.winnow"));
        QCOMPARE(importDataset(*p, {"imagefolder", d, {}, VerifyMode::Header, 8}).imported, int64_t(2));
        writeImage(d / "a" / "edit.png", 7);  // edited in place after the import
        const SampleScan scan = scanSamples(*p, {}, nullptr, 1);
        QCOMPARE(scan.n(), int64_t(2));
        QCOMPARE(scan.failed, int64_t(0));
        QCOMPARE(scan.changedSinceImport, int64_t(1));
        QCOMPARE(scan.changed.size(), size_t(1));
        QVERIFY2(scan.changed[0].find("edit.png") != std::string::npos, scan.changed[0].c_str());
        // Scanned as it is now: the scan's hash is of the edited bytes.
        const QByteArray now = qtSha256(fileBytes(d / "a" / "edit.png"));
        bool found = false;
        for (const auto& h : scan.hash) found = found || QByteArray(reinterpret_cast<const char*>(h.data()), 32) == now;
        QVERIFY(found);
    }

    void projectFromBeforeSchema11IsMigratedWithoutHashes() {
        const fs::path d = dir("old");
        writeImage(d / "a" / "one.png", 8);
        const fs::path file = dir("old.winnow");
        {
            auto p = Project::create(file);
            QCOMPARE(importDataset(*p, {"imagefolder", d, {}, VerifyMode::Header, 8}).imported, int64_t(1));
        }
        {
            // What a schema-10 build wrote: no content_sha256 column.
            Database db(file, Database::Mode::ReadWrite);
            db.exec("ALTER TABLE samples DROP COLUMN content_sha256");
            db.exec("PRAGMA user_version=10");
        }
        auto p = Project::open(file);
        QCOMPARE(p->schemaVersion(), latestSchemaVersion());
        QVERIFY(storedHash(*p, d / "a" / "one.png").isEmpty());
        writeImage(d / "a" / "one.png", 9);  // no import hash: a change cannot be told, and is not claimed
        const SampleScan scan = scanSamples(*p, {}, nullptr, 1);
        QCOMPARE(scan.n(), int64_t(1));
        QCOMPARE(scan.changedSinceImport, int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestImportContentHash)
#include "tst_import_content_hash.moc"
