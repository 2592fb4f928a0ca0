// Issue 15: hostile inputs to the importers. Damaged IDX headers, images whose header claims
// billions of pixels, FIFOs listed as files, unreadable folders and symbolic links out of the
// tree or round a loop, invalid UTF-8 names, cache folders the import did not create, and
// missing array caches (repair). Each case hung, crashed, lost files or lied before.
#include <QtTest>

#include <fcntl.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "core/dataset/importer.h"
#include "core/dataset/repair.h"
#include "core/dataset/image_loader.h"
#include "core/store/project.h"
#include "import_issue_fixture.h"
#include "without_root_file_access.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

void writeBytes(const fs::path& p, const std::string& b) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << b;
}

// An IDX images file with the given header and `records` records of h x w bytes actually present.
std::string idxImages(uint32_t count, uint32_t h, uint32_t w, size_t presentBytes) {
    std::string s = std::string("\0\0\x08\x03", 4) + be32(count) + be32(h) + be32(w);
    for (size_t i = 0; i < presentBytes; ++i) s += char(i * 7 % 251);
    return s;
}

std::string idxLabels(uint32_t count, size_t present) {
    std::string s = std::string("\0\0\x08\x01", 4) + be32(count);
    for (size_t i = 0; i < present; ++i) s += char(i % 3);
    return s;
}

void writeImage(const fs::path& p, int w = 4, int h = 4) {
    fs::create_directories(p.parent_path());
    QVERIFY(cv::imwrite(p.string(), cv::Mat(h, w, CV_8UC3, cv::Scalar(10, 20, 30))));
}

// A well-formed PNG signature + IHDR claiming w x h, and an IEND: the probe accepts the
// header, a decoder would try to allocate w * h pixels.
std::string pngClaiming(uint32_t w, uint32_t h) {
    std::string ihdr = "IHDR" + be32(w) + be32(h) + std::string("\x08\x02\x00\x00\x00", 5);
    std::string s = std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr +
                    be32(uint32_t(crc32(0, reinterpret_cast<const Bytef*>(ihdr.data()), uInt(ihdr.size()))));
    std::string idat = "IDAT" + std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
    s += be32(8) + idat + be32(uint32_t(crc32(0, reinterpret_cast<const Bytef*>(idat.data()), uInt(idat.size()))));
    s += be32(0) + "IEND" + be32(uint32_t(crc32(0, reinterpret_cast<const Bytef*>("IEND"), 4)));
    return s;
}

int64_t count(Project& p, const std::string& sql) { return p.db().queryInt64(sql); }

using winnow::test::hasIssue;

std::string allIssues(Project& p) {
    std::string out;
    auto st = p.db().prepare("SELECT path, coalesce(line,-1), reason FROM import_issues");
    while (st.step()) out += st.text(0) + ":" + std::to_string(st.int64(1)) + ": " + st.text(2) + "\n";
    return out;
}

// Caps the address space of this process for a scope: an import that sizes an allocation
// from a lying header fails inside it instead of quietly taking gigabytes.
struct AddressSpaceCap {
    rlimit old{};
    explicit AddressSpaceCap(size_t extraBytes) {
        getrlimit(RLIMIT_AS, &old);
        long pages = 0, page = sysconf(_SC_PAGESIZE);
        if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
            if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
            std::fclose(f);
        }
        rlimit cap = old;
        cap.rlim_cur = rlim_t(pages) * rlim_t(page) + extraBytes;
        if (old.rlim_max != RLIM_INFINITY && cap.rlim_cur > old.rlim_max) cap.rlim_cur = old.rlim_max;
        setrlimit(RLIMIT_AS, &cap);
    }
    ~AddressSpaceCap() { setrlimit(RLIMIT_AS, &old); }
};

// Removes a tree whose paths may be longer than PATH_MAX (relative *at() calls only).
void removeTreeAt(int parent, const char* name) {
    int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd < 0) {
        ::unlinkat(parent, name, 0);
        return;
    }
    DIR* d = ::fdopendir(fd);
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d))
        if (std::strcmp(e->d_name, ".") && std::strcmp(e->d_name, "..")) names.push_back(e->d_name);
    for (const auto& n : names) removeTreeAt(::dirfd(d), n.c_str());
    ::closedir(d);
    ::unlinkat(parent, name, AT_REMOVEDIR);
}

}  // namespace

class TestImportHostile : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

    ImportReport import(Project& p, const std::string& format, const fs::path& source,
                        VerifyMode verify = VerifyMode::Header) {
        ImportOptions o;
        o.format = format;
        o.source = source;
        o.verify = verify;
        return importDataset(p, o);
    }

private Q_SLOTS:
    // --- item 4: IDX headers are checked before anything is sized from them -------------

    void idxZeroDimensionIsAnIssueNotAHang() {
        fs::path d = dir("idx-zero");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(10, 0, 28, 280));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(10, 10));
        auto p = Project::create(dir("idx-zero.winnow"));
        ImportReport r = import(*p, "idx", d);
        QCOMPARE(r.imported, int64_t(0));
        QVERIFY2(hasIssue(*p, "train-images-idx3-ubyte", "a dimension of 0"), allIssues(*p).c_str());
        QCOMPARE(count(*p, "SELECT count(*) FROM arrays"), int64_t(0));
    }

    void idxHugeDimensionsAreRefused() {
        fs::path d = dir("idx-huge");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(2, 0x80000000u, 0x80000000u, 64));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(2, 2));
        auto p = Project::create(dir("idx-huge.winnow"));
        ImportReport r = import(*p, "idx", d);
        QCOMPARE(r.imported, int64_t(0));
        QVERIFY2(hasIssue(*p, "train-images-idx3-ubyte", "at most 16384 per side"), allIssues(*p).c_str());
    }

    void idxLyingCountAllocatesNothingFromIt() {
        // The header claims 0xFFFFFFF0 records; the file holds 5. Under a 512 MB address-space
        // cap a 4.3 GB allocation sized from the header fails; reading what is there does not.
        fs::path d = dir("idx-count");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(0xFFFFFFF0u, 28, 28, 5 * 28 * 28));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(0xFFFFFFF0u, 5));
        auto p = Project::create(dir("idx-count.winnow"));
        ImportReport r;
        {
            AddressSpaceCap cap(size_t(512) << 20);
            r = import(*p, "idx", d);
        }
        QCOMPARE(r.imported, int64_t(5));
        QVERIFY2(hasIssue(*p, "train-images-idx3-ubyte", "only 5 of the 4294967280 records"), allIssues(*p).c_str());
        QCOMPARE(count(*p, "SELECT count FROM arrays"), int64_t(5));
        fs::path cache = p->cacheDir() / p->db().queryText("SELECT cache_file FROM arrays");
        QCOMPARE(int64_t(fs::file_size(cache)), int64_t(5 * 28 * 28));
    }

    void orphanedArrayCacheIsRemoved() {
        // A crashed import (kill -9) leaves arrays/import*.u8 without an `arrays` row.
        fs::path d = dir("idx-ok");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(3, 2, 2, 12));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(3, 3));
        auto p = Project::create(dir("orphan.winnow"));
        fs::path orphan = p->cacheSubdir("arrays") / "import7-0-train-images-idx3-ubyte.u8";
        writeBytes(orphan, std::string(100, 'x'));
        fs::path userFile = p->cacheSubdir("arrays") / "notes.txt";
        writeBytes(userFile, "mine");
        ImportReport r = import(*p, "idx", d);
        QCOMPARE(r.imported, int64_t(3));
        QVERIFY(!fs::exists(orphan));
        QVERIFY(fs::exists(userFile));  // only import*.u8 leftovers go
        QVERIFY(hasIssue(*p, "import7-0", "left behind by an import that did not finish"));
        // The cache this import wrote is referenced and stays.
        QCOMPARE(int64_t(fs::file_size(p->cacheDir() / p->db().queryText("SELECT cache_file FROM arrays"))), int64_t(12));
    }

    // --- item 2: a failed or cancelled import removes only what it created -------------

    void failedImportKeepsAPreexistingCacheFolder() {
        fs::path d = dir("idx-ok2");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(3, 2, 2, 12));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(3, 3));
        auto p = Project::create(dir("precache.winnow"));
        writeBytes(p->cacheDir() / "notes.txt", "the user's notes");
        CancelToken c;
        ImportOptions o;
        o.format = "idx";
        o.source = d;
        // The first progress report comes after the first chunk is in the cache file.
        ImportReport r = importDataset(*p, o, [&](const Progress&) { c.cancel(); }, &c);
        QVERIFY(r.cancelled);
        QVERIFY(fs::exists(p->cacheDir() / "notes.txt"));
        QVERIFY(!fs::exists(p->cacheDir() / "arrays"));  // made by the import, removed with it
    }

    // --- item 5: a header claiming 100000 x 100000 pixels is that file's issue -------------

    void hugeImageHeaderIsAPerFileIssueInFullVerify() {
        for (int good : {3, 70}) {  // below and above the batcher's threading threshold
            fs::path root = dir("huge" + std::to_string(good));
            for (int i = 0; i < good; ++i) writeImage(root / "ok" / (std::to_string(i) + ".png"));
            writeBytes(root / "ok" / "zz-huge.png", pngClaiming(100000, 100000));
            auto p = Project::create(dir("huge" + std::to_string(good) + ".winnow"));
            ImportReport r = import(*p, "imagefolder", root, VerifyMode::Full);
            QCOMPARE(r.imported, int64_t(good + 1));
            QCOMPARE(r.unreadable, int64_t(1));
            QVERIFY2(hasIssue(*p, "zz-huge.png", "100000x100000"), allIssues(*p).c_str());
        }
    }

    void hugeImageIsRefusedBeforeDecoding() {
        fs::path f = dir("solo") / "huge.png";
        writeBytes(f, pngClaiming(100000, 100000));
        try {
            ImageLoader::decodeFile(f);
            QFAIL("decoded an image claiming 10^10 pixels");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("100000x100000") != std::string::npos, e.what());
        }
    }

    // --- item 6: FIFOs and devices are never opened for reading -----------------------------

    void fifoInCsvIsSkippedWithoutBlocking() {
        fs::path root = dir("fifo");
        writeImage(root / "a.png");
        QCOMPARE(::mkfifo((root / "pipe.png").c_str(), 0644), 0);
        fs::create_symlink("/dev/zero", root / "zero.png");
        std::ofstream(root / "m.csv") << "a.png,x\npipe.png,x\nzero.png,x\n";
        for (VerifyMode mode : {VerifyMode::Header, VerifyMode::Full}) {
            auto p = Project::create(dir(mode == VerifyMode::Full ? "fifo-full.winnow" : "fifo.winnow"));
            ImportReport r = import(*p, "csv", root / "m.csv", mode);
            QCOMPARE(r.imported, int64_t(3));  // a.png; the FIFO and the device as unreadable samples
            QCOMPARE(r.unreadable, int64_t(2));
            QVERIFY2(hasIssue(*p, "pipe.png", "not a regular file (a FIFO)", 2), allIssues(*p).c_str());
            QVERIFY2(hasIssue(*p, "zero.png", "not a regular file (a character device)", 3), allIssues(*p).c_str());
        }
    }

    void fifoAsTheSourceIsAnErrorNotAHang() {
        fs::path root = dir("fifosrc");
        fs::create_directories(root);
        QCOMPARE(::mkfifo((root / "m.csv").c_str(), 0644), 0);
        QCOMPARE(::mkfifo((root / "data_batch_1.bin").c_str(), 0644), 0);
        auto p = Project::create(dir("fifosrc.winnow"));
        try {
            import(*p, "csv", root / "m.csv");
            QFAIL("a FIFO was read as a CSV");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("FIFO") != std::string::npos, e.what());
        }
        ImportReport r = import(*p, "cifar", root / "data_batch_1.bin");
        QCOMPARE(r.imported, int64_t(0));
        QVERIFY2(hasIssue(*p, "data_batch_1.bin", "FIFO"), allIssues(*p).c_str());
    }

    // --- item 7: the folder walk -----------------------------------------------------------

    void symlinksOutOfTheTreeOrInALoopAreNotFollowed() {
        fs::path root = dir("links");
        writeImage(root / "cat" / "1.png");
        writeImage(root / "cat" / "sub" / "2.png");
        writeImage(root / "dog" / "3.png");
        fs::create_directory_symlink("/", root / "cat" / "rootlink");
        fs::create_directory_symlink(".", root / "cat" / "loop");
        fs::create_directory_symlink("..", root / "dog" / "up");
        fs::create_directory_symlink("/", root / "rootclass");
        fs::create_directory_symlink(".", root / "loopclass");
        fs::create_directory_symlink("cat/sub", root / "sub-again");  // inside, but walked already
        auto p = Project::create(dir("links.winnow"));
        ImportReport r = import(*p, "imagefolder", root);
        QCOMPARE(r.imported, int64_t(3));
        QCOMPARE(count(*p, "SELECT count(*) FROM classes"), int64_t(2));
        const std::string issues = allIssues(*p);
        QVERIFY2(hasIssue(*p, "cat/rootlink", "outside the source folder"), issues.c_str());
        QVERIFY2(hasIssue(*p, "rootclass", "outside the source folder"), issues.c_str());
        QVERIFY2(hasIssue(*p, "cat/loop", "already walked"), issues.c_str());
        QVERIFY2(hasIssue(*p, "dog/up", "already walked"), issues.c_str());
        QVERIFY2(hasIssue(*p, "loopclass", "already walked"), issues.c_str());
        QVERIFY2(hasIssue(*p, "sub-again", "already walked"), issues.c_str());
    }

    void unreadableFolderIsReportedByItsOwnPathAndTheWalkGoesOn() {
        // A folder that cannot be listed, even by root: its path is longer than PATH_MAX.
        fs::path root = dir("deep");
        for (const char* n : {"a", "c", "e", "g", "i"}) writeImage(root / "cls" / n / "x.png");
        for (const char* n : {"b", "d", "f", "h"}) writeImage(root / "cls" / (std::string(n) + ".png"));
        fs::create_directories(root / "cls" / "m");
        int fd = ::open((root / "cls" / "m").c_str(), O_RDONLY | O_DIRECTORY);
        QVERIFY(fd >= 0);
        const std::string name(250, 'n');
        std::string deepPath = (root / "cls" / "m").string();
        std::string failing;
        for (int level = 0; level < 20; ++level) {
            QCOMPARE(::mkdirat(fd, name.c_str(), 0755), 0);
            int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
            ::close(fd);
            QVERIFY(next >= 0);
            fd = next;
            deepPath += "/" + name;
            if (failing.empty() && deepPath.size() >= PATH_MAX) failing = deepPath;
        }
        ::close(fd);
        auto p = Project::create(dir("deep.winnow"));
        ImportReport r = import(*p, "imagefolder", root);
        const std::string issues = allIssues(*p);
        int fdm = ::open((root / "cls").c_str(), O_RDONLY | O_DIRECTORY);
        removeTreeAt(fdm, "m");
        ::close(fdm);
        QCOMPARE(r.imported, int64_t(9));  // every readable image, before and after the bad folder
        bool named = false;
        auto st = p->db().prepare("SELECT path, reason FROM import_issues");
        while (st.step()) named |= st.text(0) == failing && st.text(1).find("cannot read") != std::string::npos;
        QVERIFY2(named, issues.substr(0, 2000).c_str());
    }

    void permissionDeniedFolderIsReportedByItsOwnPath() {
        // As root (CI containers) the test first gives up root's right to read any folder.
        winnow::test::WithoutRootFileAccess asUser;
        if (!asUser.ok()) QSKIP("running as root and the capabilities cannot be changed: chmod 000 does not stop root");
        fs::path root = dir("perm");
        for (const char* n : {"a", "c", "e"}) writeImage(root / "cls" / n / "x.png");
        writeImage(root / "cls" / "b" / "hidden-from-us.png");
        fs::permissions(root / "cls" / "b", fs::perms::none);
        auto p = Project::create(dir("perm.winnow"));
        ImportReport r = import(*p, "imagefolder", root);
        fs::permissions(root / "cls" / "b", fs::perms::owner_all);
        QCOMPARE(r.imported, int64_t(3));
        QVERIFY2(hasIssue(*p, "cls/b", "cannot read folder"), allIssues(*p).c_str());
    }

    // --- item 13: invalid UTF-8 never enters a project -------------------------------------

    void invalidUtf8ClassFolderIsRejectedPerFile() {
        fs::path root = dir("utf8");
        writeImage(root / "good" / "1.png");
        writeImage(root / "bad\xff\xfe" / "2.png");
        writeImage(root / "good" / "n\xc3(.png");
        auto p = Project::create(dir("utf8.winnow"));
        ImportReport r = import(*p, "imagefolder", root);
        QCOMPARE(r.imported, int64_t(1));
        QCOMPARE(count(*p, "SELECT count(*) FROM classes"), int64_t(1));
        QVERIFY2(hasIssue(*p, "bad\\xFF\\xFE/2.png", "not valid UTF-8"), allIssues(*p).c_str());
        QVERIFY2(hasIssue(*p, "n\\xC3(.png", "file name is not valid UTF-8"), allIssues(*p).c_str());
        // Everything stored is valid text.
        for (const char* sql : {"SELECT name FROM classes", "SELECT path FROM import_issues",
                                "SELECT reason FROM import_issues", "SELECT path FROM samples", "SELECT source FROM imports"}) {
            auto st = p->db().prepare(sql);
            while (st.step()) QVERIFY2(isValidUtf8(st.text(0)), sql);
        }
    }

    void invalidUtf8LabelInVideoCsvIsRejected() {
        fs::path root = dir("vcsv");
        fs::create_directories(root);
        std::ofstream(root / "m.csv") << "path,label\nmissing.mp4,walk\xff\nother.mp4,run\n";
#ifndef WINNOW_HAVE_FFMPEG
        QSKIP("built without FFmpeg");
#endif
        auto p = Project::create(dir("vcsv.winnow"));
        import(*p, "video-csv", root / "m.csv");
        // Issue 13: the CSV reader refuses the row itself, naming the manifest, line and column.
        QVERIFY2(hasIssue(*p, "m.csv", "m.csv, line 2, column 17: not valid UTF-8: byte FF", 2), allIssues(*p).c_str());
        QCOMPARE(count(*p, "SELECT count(*) FROM classes WHERE name LIKE 'walk%'"), int64_t(0));
        QVERIFY2(hasIssue(*p, "other.mp4", "file not found", 3), allIssues(*p).c_str());
    }

    void malformedCsvRowsAreIssuesNamingLineAndColumn() {
        // Issue 13: `"b.png"x` was read as the path "b.pngx" and a surrogate in a label was only
        // "not valid UTF-8"; both are now the row's issue naming the manifest, line and column,
        // and the rows around them are imported.
        fs::path root = dir("strictcsv");
        for (const char* n : {"a.png", "b.png", "c.png", "d.png"}) writeImage(root / n);
        writeBytes(root / "m.csv", "path,label\na.png,cat\n\"b.png\"x,cat\nc.png,d\xED\xA0\x80g\nd.png,dog\n");
        auto p = Project::create(dir("strictcsv.winnow"));
        ImportReport r = import(*p, "csv", root / "m.csv", VerifyMode::Full);
        QCOMPARE(r.imported, int64_t(2));
        QCOMPARE(count(*p, "SELECT count(*) FROM samples WHERE path LIKE '%b.png%' OR path LIKE '%c.png'"), int64_t(0));
        QVERIFY2(hasIssue(*p, "m.csv", "m.csv, line 3, column 8: text after the closing quote", 3), allIssues(*p).c_str());
        QVERIFY2(hasIssue(*p, "m.csv", "m.csv, line 4, column 8: not valid UTF-8: UTF-16 surrogate encoded as UTF-8", 4),
                 allIssues(*p).c_str());
    }

    void utf8Validation() {
        QVERIFY(isValidUtf8("plain"));
        QVERIFY(isValidUtf8("고양이 🐈"));
        QVERIFY(!isValidUtf8("\xC3"));
        QVERIFY(!isValidUtf8("\xC0\xAF"));          // overlong '/'
        QVERIFY(!isValidUtf8("\xE0\x80\xAF"));      // overlong, 3 bytes
        QVERIFY(!isValidUtf8("\xED\xA0\x80"));      // a UTF-16 surrogate
        QVERIFY(!isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
        QCOMPARE(escapeInvalidUtf8("a\xFF" "b\xC3"), std::string("a\\xFFb\\xC3"));
        QCOMPARE(escapeInvalidUtf8("é"), std::string("é"));
    }

    // --- item 11: a missing array cache is rebuilt from its recorded source -----------------

    void missingArrayCacheIsRepairedFromItsSource() {
        fs::path d = dir("idx-repair");
        writeBytes(d / "train-images-idx3-ubyte", idxImages(4, 3, 2, 24));
        writeBytes(d / "train-labels-idx1-ubyte", idxLabels(4, 4));
        auto p = Project::create(dir("repair.winnow"));
        QCOMPARE(import(*p, "idx", d).imported, int64_t(4));
        fs::path cache = p->cacheDir() / p->db().queryText("SELECT cache_file FROM arrays");
        const std::string before = [&] {
            std::ifstream in(cache, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        }();
        fs::remove(cache);
        try {
            ImageLoader(p->db()).arrayView(1).record(0);
            QFAIL("a missing cache was mapped");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("winnow-cli repair --project " + p->file().string()) != std::string::npos,
                     e.what());
        }
        // Importing again does not help (it is the same source) and says what does.
        ImportReport again = import(*p, "idx", d);
        QCOMPARE(again.imported, int64_t(0));
        QVERIFY(again.issues[0].reason.find("winnow-cli repair") != std::string::npos);

        RepairReport rr = repairArrayCaches(*p);
        QCOMPARE(rr.checked, int64_t(1));
        QCOMPARE(rr.repaired, int64_t(1));
        QVERIFY(rr.failures.empty());
        std::ifstream in(cache, std::ios::binary);
        QCOMPARE(std::string(std::istreambuf_iterator<char>(in), {}), before);
        ImageLoader loader(p->db());
        auto v = loader.arrayView(1);  // points into the loader's map: keep the loader alive
        QCOMPARE(v.count, int64_t(4));
        QCOMPARE(int(v.record(3)[5]), int(uint8_t(before[23])));

        // A source that shrank cannot rebuild it: a failure naming the file, nothing written.
        fs::remove(cache);
        writeBytes(d / "train-images-idx3-ubyte", idxImages(4, 3, 2, 12));
        rr = repairArrayCaches(*p);
        QCOMPARE(rr.repaired, int64_t(0));
        QCOMPARE(int(rr.failures.size()), 1);
        QVERIFY2(rr.failures[0].find("only 2 of the 4 records") != std::string::npos, rr.failures[0].c_str());
        QVERIFY(!fs::exists(cache));
    }
};

QTEST_GUILESS_MAIN(TestImportHostile)
#include "tst_import_hostile.moc"
