// MappedFile (core/util/mapped_file.h), the one read-only mmap of array caches and run
// outputs: bytes as written, the failures callers word their messages from, and a FIFO
// refused without blocking.
#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/error.h"
#include "core/util/mapped_file.h"

using namespace winnow::core;
namespace fs = std::filesystem;

class TestMappedFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void mapsTheBytesOfTheFile() {
        const auto f = path("a.bin");
        const std::string bytes = "\x01\x02\x03\x04\x05\x06\x07\x08";
        std::ofstream(f, std::ios::binary) << bytes;
        MappedFile m(f);
        QVERIFY(m.ok());
        QCOMPARE(m.size(), size_t(8));
        QCOMPARE(std::string(reinterpret_cast<const char*>(m.data()), 8), bytes);
        QCOMPARE(int(m.as<uint32_t>()[1] & 0xff), 5);
    }
    void anEmptyFileIsOkWithNoData() {
        const auto f = path("empty.bin");
        std::ofstream(f, std::ios::binary).flush();
        MappedFile m(f);
        QVERIFY(m.ok());
        QCOMPARE(m.size(), size_t(0));
        QVERIFY(m.data() == nullptr);
    }
    void aMissingFileIsNotOpened() {
        MappedFile m(path("nothing.bin"));
        QVERIFY(!m.opened());
        QVERIFY(!m.ok());
        QVERIFY(QString::fromStdString(m.reason()).contains("No such file"));
    }
    void aFifoIsRefusedWithoutBlocking() {
        const auto f = path("pipe");
        QCOMPARE(::mkfifo(f.c_str(), 0600), 0);
        MappedFile m(f);  // would block forever without O_NONBLOCK
        QVERIFY(m.opened());
        QVERIFY(!m.ok());
        QCOMPARE(QString::fromStdString(m.reason()), QString("not a regular file"));
    }
    void mapFileOfSizeNamesTheFileAndBothSizes() {
        const auto f = path("short.f32");
        std::ofstream(f, std::ios::binary) << std::string(12, '\0');
        try {
            (void)mapFileOfSize(f, 16, "missing run output file", "meta.json says");
            QFAIL("a 12-byte file passed as 16 bytes");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString::fromStdString(f.string()) +
                                            " has 12 bytes, meta.json says 16 (truncated or from another run)");
        }
        try {
            (void)mapFileOfSize(path("gone.f32"), 16, "missing run output file", "meta.json says");
            QFAIL("a missing file mapped");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), "cannot open " + QString::fromStdString(path("gone.f32").string()) +
                                            ": missing run output file");
        }
        QCOMPARE(mapFileOfSize(f, 12, "x", "y")->size(), size_t(12));
    }
};

QTEST_GUILESS_MAIN(TestMappedFile)
#include "tst_mapped_file.moc"
