// ImageFolder and CSV imports on fixtures with every kind of bad input; cancellation.
#include <QtTest>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "core/dataset/importer.h"
#include "core/dataset/sample_store.h"
#include "core/dataset/image_loader.h"
#include "core/store/project.h"
#include "import_issue_fixture.h"
#include "without_root_file_access.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

void writeBytes(const fs::path& p, const std::string& b) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << b;
}

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeImage(const fs::path& p, int w, int h, int value = 100) {
    fs::create_directories(p.parent_path());
    QVERIFY(cv::imwrite(p.string(), cv::Mat(h, w, CV_8UC3, cv::Scalar(value, value / 2, 255 - value))));
}

int64_t count(Project& p, const std::string& sql) { return p.db().queryInt64(sql); }

// label name of the sample with this path (empty when none)
std::string labelOf(Project& p, const fs::path& path) {
    auto st = p.db().prepare("SELECT coalesce(c.name,'') FROM samples s LEFT JOIN classes c ON c.id=s.label WHERE s.path=?");
    st.bind(1, fs::absolute(path).lexically_normal().string());
    return st.step() ? st.text(0) : "<no sample>";
}

using winnow::test::hasIssue;

}  // namespace

class TestImportImages : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

    // root/cat/a.png, root/cat/deep/er/b.png, root/dog/c.jpg + the bad cases
    fs::path makeFolder(const std::string& name) {
        fs::path root = dir(name);
        writeImage(root / "cat" / "a.png", 12, 8);
        writeImage(root / "cat" / "deep" / "er" / "b.png", 5, 6);
        writeImage(root / "dog" / "c.jpg", 20, 10);
        writeImage(root / "dog" / "full.png", 30, 30);
        std::string png = readBytes(root / "dog" / "full.png");
        writeBytes(root / "dog" / "truncated.png", png.substr(0, png.size() / 2));
        writeBytes(root / "dog" / "empty.jpg", "");
        writeBytes(root / "dog" / "notes.txt", "not an image");
        writeImage(root / "stray.png", 4, 4);
        writeImage(root / ".hidden" / "x.png", 4, 4);
        fs::create_symlink(root / "dog" / "gone.png", root / "dog" / "link.png");
        return root;
    }

private Q_SLOTS:
    void imageFolderImportsAndRecordsEveryProblem() {
        fs::path root = makeFolder("folder1");
        auto p = Project::create(dir("f1.winnow"));
        ImportOptions o;
        o.format = "imagefolder";
        o.source = root;
        ImportReport r = importDataset(*p, o);
        // a, b, c, full + truncated/empty as unreadable rows
        QCOMPARE(r.imported, int64_t(6));
        QCOMPARE(r.unreadable, int64_t(2));
        // notes.txt, stray.png (no class folder), the broken link
        QCOMPARE(r.skipped, int64_t(3));
        QCOMPARE(r.issueCount, int64_t(5));
        QVERIFY(!r.cancelled);
        QCOMPARE(count(*p, "SELECT count(*) FROM samples"), int64_t(6));
        QCOMPARE(count(*p, "SELECT count(*) FROM import_issues"), int64_t(5));
        QCOMPARE(labelOf(*p, root / "cat" / "deep" / "er" / "b.png"), std::string("cat"));
        QCOMPARE(labelOf(*p, root / "dog" / "c.jpg"), std::string("dog"));
        QCOMPARE(labelOf(*p, root / "stray.png"), std::string("<no sample>"));
        QCOMPARE(labelOf(*p, root / ".hidden" / "x.png"), std::string("<no sample>"));
        QVERIFY(hasIssue(*p, "truncated.png", "truncated PNG"));
        QVERIFY(hasIssue(*p, "empty.jpg", "zero-byte"));
        QVERIFY(hasIssue(*p, "notes.txt", "unknown extension"));
        QVERIFY(hasIssue(*p, "stray.png", "not inside a class folder"));
        QVERIFY(hasIssue(*p, "link.png", "broken symbolic link"));
        // Unreadable rows carry their error and link to their issue.
        QCOMPARE(count(*p, "SELECT count(*) FROM samples WHERE status=1 AND error LIKE '%truncated%'"), int64_t(1));
        QCOMPARE(count(*p, "SELECT count(*) FROM import_issues WHERE sample_id IS NOT NULL"), int64_t(2));
        // Classes are numbered in folder-name order.
        auto classes = SampleStore(p->db()).classes();
        QCOMPARE(classes.size(), size_t(2));
        QCOMPARE(classes[0].name, std::string("cat"));
        QCOMPARE(classes[0].idx, 0);
        QCOMPARE(classes[1].name, std::string("dog"));
        // Size comes from the header.
        QCOMPARE(count(*p, "SELECT width*1000+height FROM samples WHERE path LIKE '%/a.png'"), int64_t(12008));
        QCOMPARE(count(*p, "SELECT width*1000+height FROM samples WHERE path LIKE '%/c.jpg'"), int64_t(20010));
        QCOMPARE(p->db().queryText("SELECT state FROM imports"), std::string("done"));
        QCOMPARE(count(*p, "SELECT n_imported*100+n_issues FROM imports"), int64_t(605));
    }

    // As root (CI containers) the test first gives up root's right to read any file.
    void unreadableFile() {
        winnow::test::WithoutRootFileAccess asUser;
        if (!asUser.ok()) QSKIP("running as root and the capabilities cannot be changed: chmod 000 does not stop root");
        fs::path root = dir("perm");
        writeImage(root / "a" / "locked.png", 4, 4);
        fs::permissions(root / "a" / "locked.png", fs::perms::none);
        auto p = Project::create(dir("perm.winnow"));
        ImportReport r = importDataset(*p, {"imagefolder", root, {}, VerifyMode::Header, 8});
        fs::permissions(root / "a" / "locked.png", fs::perms::owner_all);
        QCOMPARE(r.unreadable, int64_t(1));
        QVERIFY(hasIssue(*p, "locked.png", "Permission denied"));
    }

    void reimportSkipsDuplicates() {
        fs::path root = makeFolder("folder2");
        auto p = Project::create(dir("f2.winnow"));
        ImportOptions o{"imagefolder", root, {}, VerifyMode::Header, 8};
        importDataset(*p, o);
        ImportReport again = importDataset(*p, o);
        QCOMPARE(again.imported, int64_t(0));
        QCOMPARE(count(*p, "SELECT count(*) FROM samples"), int64_t(6));
        QVERIFY(hasIssue(*p, "a.png", "duplicate"));
        QCOMPARE(count(*p, "SELECT count(*) FROM imports"), int64_t(2));
    }

    void fullVerifyDecodes() {
        fs::path root = dir("verify");
        writeImage(root / "k" / "good.png", 64, 64);
        std::string b = readBytes(root / "k" / "good.png");
        for (size_t i = b.size() / 2 - 20; i < b.size() / 2 + 20; ++i) b[i] = char(0xA5);
        writeBytes(root / "k" / "bad.png", b);
        auto header = Project::create(dir("vh.winnow"));
        QCOMPARE(importDataset(*header, {"imagefolder", root, {}, VerifyMode::Header, 8}).unreadable, int64_t(0));
        auto full = Project::create(dir("vf.winnow"));
        ImportReport r = importDataset(*full, {"imagefolder", root, {}, VerifyMode::Full, 8});
        QCOMPARE(r.imported, int64_t(2));
        QCOMPARE(r.unreadable, int64_t(1));
        QVERIFY(hasIssue(*full, "bad.png", "corrupt PNG"));
    }

    void csvWithQuotesBomCrlfAndBadRows() {
        fs::path root = dir("csv");
        writeImage(root / "img" / "1.png", 3, 3);
        writeImage(root / "img" / "2.png", 3, 3);
        writeImage(root / "img" / "3.jpg", 3, 3);
        writeImage(root / "img" / "4.png", 3, 3);
        writeImage(root / "img" / "5.png", 3, 3);
        writeImage(root / "abs.png", 3, 3);
        writeBytes(root / "img" / "empty.png", "");
        fs::create_symlink(root / "img" / "nowhere.png", root / "img" / "dangling.png");
        std::string csv =
            "\xEF\xBB\xBF" "path,label,split\r\n"                 // line 1
            "img/1.png,\"cat, striped\",train\r\n"                // 2 comma in a label
            "img/2.png,고양이,val\r\n"                             // 3 Korean label
            "\"img/3.jpg\",\"say \"\"hi\"\"\",test\r\n"           // 4 quotes in a label
            "img/4.png,,train\r\n"                                // 5 missing label
            ",dog,train\r\n"                                      // 6 missing path
            "img/1.png,cat,train\r\n"                             // 7 duplicate path
            "img/missing.png,dog,train\r\n"                       // 8 file not found
            "img/dangling.png,dog,train\r\n"                      // 9 dangling symlink
            "img/empty.png,dog,train\r\n"                         // 10 zero-byte -> unreadable row
            "img/readme.txt,dog,train\r\n"                        // 11 unknown extension
            "img/5.png,\"multi\nline\",weird\r\n"                 // 12-13 newline in label, bad split
            + (root / "abs.png").string() + ",dog,\r\n"           // 14 absolute path, empty split
            "./img/../img/2.png,cat,train\r\n";                   // 15 same file as line 3
        writeBytes(root / "manifest.csv", csv);
        auto p = Project::create(dir("csv.winnow"));
        ImportReport r = importDataset(*p, {"csv", root / "manifest.csv", {}, VerifyMode::Header, 8});
        // rows 2,3,4,10,12,14 become samples (10 unreadable)
        QCOMPARE(r.imported, int64_t(6));
        QCOMPARE(r.unreadable, int64_t(1));
        // rows 5,6,7,8,9,11,15 produce nothing
        QCOMPARE(r.skipped, int64_t(7));
        QCOMPARE(labelOf(*p, root / "img" / "1.png"), std::string("cat, striped"));
        QCOMPARE(labelOf(*p, root / "img" / "2.png"), std::string("고양이"));
        QCOMPARE(labelOf(*p, root / "img" / "3.jpg"), std::string("say \"hi\""));
        QCOMPARE(labelOf(*p, root / "img" / "5.png"), std::string("multi\nline"));
        QCOMPARE(labelOf(*p, root / "abs.png"), std::string("dog"));
        QCOMPARE(count(*p, "SELECT split FROM samples WHERE path LIKE '%/2.png'"), int64_t(Split::Val));
        QCOMPARE(count(*p, "SELECT split FROM samples WHERE path LIKE '%/3.jpg'"), int64_t(Split::Test));
        QCOMPARE(count(*p, "SELECT split FROM samples WHERE path LIKE '%/5.png'"), int64_t(Split::Train));
        QVERIFY(hasIssue(*p, "4.png", "no label", 5));
        QVERIFY(hasIssue(*p, "manifest.csv", "no path", 6));
        QVERIFY(hasIssue(*p, "1.png", "duplicate", 7));
        QVERIFY(hasIssue(*p, "missing.png", "not found", 8));
        QVERIFY(hasIssue(*p, "dangling.png", "not found", 9));
        QVERIFY(hasIssue(*p, "empty.png", "zero-byte", 10));
        QVERIFY(hasIssue(*p, "readme.txt", "unknown extension", 11));
        QVERIFY(hasIssue(*p, "5.png", "unknown split 'weird'", 12));
        QVERIFY(hasIssue(*p, "2.png", "duplicate", 15));
        QCOMPARE(r.issueCount, int64_t(9));
    }

    void csvWithoutHeaderAndSplitOverride() {
        fs::path root = dir("csv2");
        writeImage(root / "a.png", 2, 2);
        writeImage(root / "b.png", 2, 2);
        writeBytes(root / "list.csv", "a.png,x\nb.png,y,test\n");
        auto p = Project::create(dir("csv2.winnow"));
        ImportOptions o{"csv", root / "list.csv", Split::Val, VerifyMode::Header, 8};
        ImportReport r = importDataset(*p, o);
        QCOMPARE(r.imported, int64_t(2));
        QCOMPARE(count(*p, "SELECT count(*) FROM samples WHERE split=1"), int64_t(2));
        QCOMPARE(labelOf(*p, root / "a.png"), std::string("x"));
    }

    void importedImagesLoadWithTheirPixels() {
        fs::path root = dir("px");
        fs::create_directories(root / "c");
        cv::Mat m(2, 3, CV_8UC3);
        for (int i = 0; i < 18; ++i) m.data[i] = uchar(i * 13);
        QVERIFY(cv::imwrite((root / "c" / "p.png").string(), m));
        auto p = Project::create(dir("px.winnow"));
        importDataset(*p, {"imagefolder", root, {}, VerifyMode::Header, 8});
        auto s = SampleStore(p->db()).sample(1);
        QVERIFY(s.has_value());
        ImageLoader loader(p->db());
        Image img = loader.load(*s);
        QCOMPARE(img.channels, 3);
        // Written as BGR bytes i*13; loaded as RGB: each pixel's channels reversed.
        for (int px = 0; px < 6; ++px)
            for (int c = 0; c < 3; ++c) QCOMPARE(int(img.pixels[size_t(px * 3 + c)]), (px * 3 + (2 - c)) * 13);
    }

    void cancellingLeavesTheProjectUnchanged() {
        fs::path root = makeFolder("folder3");
        auto p = Project::create(dir("cancel.winnow"));
        importDataset(*p, {"imagefolder", dir("folder1"), {}, VerifyMode::Header, 8});
        const int64_t samples = count(*p, "SELECT count(*) FROM samples");
        const int64_t classes = count(*p, "SELECT count(*) FROM classes");
        const int64_t issues = count(*p, "SELECT count(*) FROM import_issues");

        // Cancel from inside the first progress report, as the GUI's Cancel button would.
        CancelToken cancel;
        int reports = 0;
        ImportOptions o{"csv", dir("csv") / "manifest.csv", {}, VerifyMode::Header, 8};
        ImportReport r = importDataset(*p, o, [&](const Progress&) { ++reports; cancel.cancel(); }, &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(reports >= 1);
        QCOMPARE(count(*p, "SELECT count(*) FROM samples"), samples);
        QCOMPARE(count(*p, "SELECT count(*) FROM classes"), classes);
        QCOMPARE(count(*p, "SELECT count(*) FROM import_issues"), issues);
        QCOMPARE(p->db().queryText("SELECT state FROM imports ORDER BY id DESC LIMIT 1"), std::string("cancelled"));

        // A token cancelled before the start: same outcome, and the project still works.
        CancelToken early;
        early.cancel();
        QVERIFY(importDataset(*p, {"imagefolder", root, {}, VerifyMode::Header, 8}, {}, &early).cancelled);
        QCOMPARE(count(*p, "SELECT count(*) FROM samples"), samples);
        QCOMPARE(importDataset(*p, {"imagefolder", root, {}, VerifyMode::Header, 8}).imported, int64_t(6));
    }

    void unusableSourcesThrow() {
        auto p = Project::create(dir("bad.winnow"));
        QVERIFY_THROWS_EXCEPTION(Error, importDataset(*p, {"imagefolder", dir("nope"), {}, VerifyMode::Header, 8}));
        QVERIFY_THROWS_EXCEPTION(Error, importDataset(*p, {"nosuchformat", dir("csv"), {}, VerifyMode::Header, 8}));
        QCOMPARE(count(*p, "SELECT count(*) FROM samples"), int64_t(0));
        auto formats = importFormats();
        for (const char* f : {"imagefolder", "csv", "idx", "cifar"})
            QVERIFY(std::find(formats.begin(), formats.end(), f) != formats.end());
    }
};

QTEST_GUILESS_MAIN(TestImportImages)
#include "tst_import_images.moc"
