// Issue 15: exports never write over the project, its sidecars, its cache or its media; a
// failed export (full disk, no scoring) leaves the old file; ImageFolder folder names are
// bounded and unique with a mapping; CSV text cannot become a formula; an empty file is not
// a project; a read-only project opens for reading without writing anything.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/influence/exports.h"
#include "core/report/html_report.h"
#include "core/review/exporters.h"
#include "core/store/project.h"
#include "core/store/protected_paths.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "tests/core/file_size_limit.h"
#include "tests/core/score_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// `classes` named as given; sample i (id i + 1) has class i % K, split train, and a file
// mediaDir/img<i>.png of `bytes(i)` bytes.
std::unique_ptr<Project> makeProject(const fs::path& file, const fs::path& mediaDir,
                                     const std::vector<std::string>& classes, int n,
                                     const std::function<size_t(int)>& bytes = {}) {
    auto p = Project::create(file);
    auto& db = p->db();
    for (size_t k = 0; k < classes.size(); ++k)
        db.prepare("INSERT INTO classes(idx,name) VALUES(?,?)").bind(1, int64_t(k)).bind(2, classes[k]).run();
    fs::create_directories(mediaDir);
    Transaction tx(db);
    auto st = db.prepare("INSERT INTO samples(media_kind,path,split,label) VALUES(0,?,0,(SELECT id FROM classes WHERE idx=?))");
    for (int i = 0; i < n; ++i) {
        fs::path f = mediaDir / ("img" + std::to_string(i) + ".png");
        std::ofstream(f, std::ios::binary) << std::string(bytes ? bytes(i) : 20, char('a' + i % 26));
        st.bind(1, f.string()).bind(2, int64_t(i % int(classes.size()))).run();
    }
    tx.commit();
    return p;
}

std::string readAll(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::vector<std::string> readLines(const fs::path& f) {
    std::ifstream in(f);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

// Runs `f` in a child process, as the unprivileged user 65534 when this test runs as root
// (root may write anything, so permissions would prove nothing). Returns what `f` returned
// (empty = passed) or why the child failed.
std::string inUnprivilegedChild(const std::function<std::string()>& f) {
    int pipeFd[2];
    if (pipe(pipeFd) != 0) return "pipe failed";
    pid_t pid = fork();
    if (pid == 0) {
        close(pipeFd[0]);
        std::string result;
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) result = "cannot drop privileges";
        if (result.empty()) {
            try {
                result = f();
            } catch (const std::exception& e) {
                result = std::string("unexpected exception: ") + e.what();
            }
        }
        if (!result.empty() && write(pipeFd[1], result.data(), result.size()) < 0) _exit(3);
        _exit(0);
    }
    close(pipeFd[1]);
    std::string out;
    char buf[512];
    for (ssize_t n; (n = read(pipeFd[0], buf, sizeof buf)) > 0;) out.append(buf, size_t(n));
    close(pipeFd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) out += " (child ended abnormally)";
    return out;
}

void addRun(Project& p) {
    p.db().exec("INSERT INTO runs(id, created_at, state, config_json) VALUES(1, 't', 'done', '{}')");
}

}  // namespace

class TestExportSafety : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;
    fs::path root() { return fs::path(m_tmp.path().toStdString()); }
    fs::path freshDir() {
        fs::path d = root() / ("case" + std::to_string(++m_n));
        fs::create_directories(d);
        return d;
    }

private Q_SLOTS:
    void initTestCase() { fs::permissions(root(), fs::perms(0755)); }

    // Item 1: every export refuses the project file, its -wal/-shm, a backup, the cache
    // folder and a sample's file, also through a symlinked folder; the file stays as it was.
    void exportsRefuseTheProjectsOwnFiles() {
        fs::path d = freshDir();
        auto p = makeProject(d / "e.winnow", d / "media", {"cat", "dog"}, 6);
        addRun(*p);
        winnow::test::addTestScoring(*p, 1, "small-loss", {0.1f, 0.9f, 0.2f}, {0, 1, 0});
        std::ofstream(d / "e.winnow.v1.bak") << "backup";
        fs::create_directory_symlink(d / "media", d / "alias");
        p->db().exec("INSERT INTO meta(key,value) VALUES('touch','wal')");  // -wal and -shm exist
        const std::vector<fs::path> targets = {
            d / "e.winnow", d / "e.winnow-wal", d / "e.winnow-shm", d / "e.winnow.v1.bak",
            p->cacheDir() / "x.csv", p->cacheDir() / "scorings", d / "media" / "img2.png",
            d / "alias" / "img3.png", d / "e.winnow-cache"};
        const std::vector<std::pair<const char*, std::function<void(const fs::path&)>>> exports = {
            {"labels", [&](const fs::path& o) { exportLabelsCsv(*p, o); }},
            {"labels-json", [&](const fs::path& o) { exportLabelsJson(*p, o); }},
            {"report", [&](const fs::path& o) { writeHtmlReport(*p, o); }},
            {"issues", [&](const fs::path& o) { exportIssues(*p, "", o); }},
        };
        for (const auto& t : targets) {
            QVERIFY2(!p->protectedPathReason(t).empty(), t.c_str());
            const bool isFile = fs::is_regular_file(t);
            const std::string before = isFile ? readAll(t) : std::string();
            for (const auto& [name, run] : exports) {
                const std::string err = errorOf([&] { run(t); });
                const std::string what = std::string(name) + " -> " + t.string() + ": " + err;
                QVERIFY2(err.find("refusing to write") != std::string::npos, what.c_str());
                if (isFile) QVERIFY2(readAll(t) == before, what.c_str());
            }
        }
        QVERIFY(fs::is_directory(p->cacheDir() / "scorings"));
        // Beside them, writing is fine.
        QVERIFY(p->protectedPathReason(d / "labels.csv").empty());
        QVERIFY(p->protectedPathReason(d / "media" / "notes.txt").empty());
        exportLabelsCsv(*p, d / "labels.csv");
        QCOMPARE(int(readLines(d / "labels.csv").size()), 7);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples"), int64_t(6));
    }

    // Item 1: `issues` on a project with no scoring used to wipe the existing file first.
    void failedIssuesExportKeepsTheOldFile() {
        fs::path d = freshDir();
        auto p = makeProject(d / "p.winnow", d / "media", {"cat", "dog"}, 4);
        std::ofstream(d / "issues.csv") << "my earlier issues";
        const std::string err = errorOf([&] { exportIssues(*p, "", d / "issues.csv"); });
        QVERIFY2(err.find("no stored scoring") != std::string::npos, err.c_str());
        QCOMPARE(readAll(d / "issues.csv"), std::string("my earlier issues"));
        QCOMPARE(listing(d), (std::set<std::string>{"issues.csv", "media", "p.winnow", "p.winnow-shm", "p.winnow-wal"}));
    }

    // Item 3: a full disk is an error naming the file and "disk full"; the old file stays.
    void fullDiskFailsCsvExportsAndKeepsTheOldFile() {
        fs::path d = freshDir();
        auto p = makeProject(d / "p.winnow", d / "media", {"cat", "dog"}, 300);
        addRun(*p);
        winnow::test::addTestScoring(*p, 1, "small-loss", std::vector<float>(300, 0.5f), {});
        std::ofstream(d / "labels.csv") << "old labels";
        std::ofstream(d / "issues.csv") << "old issues";
        std::string labelsErr, issuesErr, reportErr;
        {
            winnow::test::FileSizeLimit limit(1500);  // below each of the three files
            QVERIFY(limit.active());
            labelsErr = errorOf([&] { exportLabelsCsv(*p, d / "labels.csv"); });
            issuesErr = errorOf([&] { exportIssues(*p, "", d / "issues.csv"); });
            reportErr = errorOf([&] { writeHtmlReport(*p, d / "report.html"); });
        }
        for (const auto& [err, file] : {std::pair{labelsErr, "labels.csv"}, std::pair{issuesErr, "issues.csv"},
                                        std::pair{reportErr, "report.html"}}) {
            QVERIFY2(err.find("disk full") != std::string::npos, (file + (": " + err)).c_str());
            QVERIFY2(err.find((d / file).string()) != std::string::npos, err.c_str());
        }
        QCOMPARE(readAll(d / "labels.csv"), std::string("old labels"));
        QCOMPARE(readAll(d / "issues.csv"), std::string("old issues"));
        QVERIFY(!fs::exists(d / "report.html"));
        QCOMPARE(listing(d), (std::set<std::string>{"issues.csv", "labels.csv", "media", "p.winnow",
                                                     "p.winnow-cache", "p.winnow-shm", "p.winnow-wal"}));
    }

    // Item 3: ImageFolder copies that hit a full disk fail the export, and everything the
    // export created is removed (no tree of empty or cut files that looks complete).
    void fullDiskFailsImageFolderAndCleansUp() {
        fs::path d = freshDir();
        // The first 10 files are small, the rest cannot fit under the limit.
        auto p = makeProject(d / "p.winnow", d / "media", {"cat", "dog"}, 20,
                             [](int i) { return i < 10 ? size_t(100) : size_t(20000); });
        ImageFolderOptions o;
        o.copy = true;
        std::string err;
        {
            winnow::test::FileSizeLimit limit(8192);
            err = errorOf([&] { exportImageFolder(*p, d / "out", o); });
        }
        QVERIFY2(err.find("disk full") != std::string::npos, err.c_str());
        QVERIFY2(!fs::exists(d / "out"), "the failed export left its folder behind");
        // A target that existed before stays, emptied of what the export put there.
        fs::create_directory(d / "kept");
        {
            winnow::test::FileSizeLimit limit(8192);
            err = errorOf([&] { exportImageFolder(*p, d / "kept", o); });
        }
        QVERIFY2(err.find("disk full") != std::string::npos, err.c_str());
        QVERIFY(fs::is_directory(d / "kept"));
        QVERIFY(fs::is_empty(d / "kept"));
        QCOMPARE(exportImageFolder(*p, d / "kept", o).written, int64_t(20));
        QCOMPARE(fs::file_size(d / "kept" / "train" / "dog" / "20.png"), uintmax_t(20000));
    }

    // Item 1: ImageFolder forced into the dataset's own tree must not replace a sample's file.
    void imageFolderNeverReplacesMedia() {
        fs::path d = freshDir();
        auto p = Project::create(d / "p.winnow");
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'cat')");
        fs::create_directories(d / "data" / "train" / "cat");
        for (int i = 1; i <= 2; ++i) {
            fs::path f = d / "data" / "train" / "cat" / (std::to_string(i) + ".png");
            std::ofstream(f) << "original " << i;
            p->db().prepare("INSERT INTO samples(id,media_kind,path,split,label) VALUES(?,0,?,0,(SELECT id FROM classes))")
                .bind(1, int64_t(i)).bind(2, f.string()).run();
        }
        ImageFolderOptions o;
        o.force = true;
        o.copy = true;
        const std::string err = errorOf([&] { exportImageFolder(*p, d / "data", o); });
        QVERIFY2(err.find("refusing to write") != std::string::npos, err.c_str());
        QVERIFY2(err.find("sample 1") != std::string::npos, err.c_str());
        QCOMPARE(readAll(d / "data" / "train" / "cat" / "1.png"), std::string("original 1"));
        QCOMPARE(readAll(d / "data" / "train" / "cat" / "2.png"), std::string("original 2"));
        QVERIFY(!fs::exists(d / "data" / "classes.json"));
        // The cache folder is no export target either.
        const std::string cacheErr = errorOf([&] { exportImageFolder(*p, p->cacheDir() / "export", o); });
        QVERIFY2(cacheErr.find("cache folder") != std::string::npos, cacheErr.c_str());
    }

    // Item 9: a 300-byte name, names that sanitise alike and case variants each get their own
    // bounded folder, and classes.json maps class -> folder.
    void imageFolderNamesAreUniqueBoundedAndMapped() {
        fs::path d = freshDir();
        std::string accents;
        for (int i = 0; i < 150; ++i) accents += "\xc3\xa9";  // 150 x U+00E9, 300 bytes
        const std::vector<std::string> classes = {std::string(300, 'x'), "a/b", "a_b", "A_B", accents, "ok", ".."};
        auto p = makeProject(d / "p.winnow", d / "media", classes, 14);
        auto r = exportImageFolder(*p, d / "out", {});
        QCOMPARE(r.written, int64_t(14));
        nlohmann::json mapping = parseJson(readAll(d / "out" / "classes.json"), "classes.json").at("classes");
        QCOMPARE(int(mapping.size()), int(classes.size()));
        std::set<std::string> folders;
        for (size_t k = 0; k < classes.size(); ++k) {
            const nlohmann::json& c = jsonItem(mapping, k);
            QCOMPARE(jsonInt(jsonField(c, "index")), int64_t(k));
            QCOMPARE(jsonString(jsonField(c, "name")), classes[k]);
            const std::string folder = jsonString(jsonField(c, "folder"));
            QVERIFY2(folder.size() <= 120, folder.c_str());
            QVERIFY(folder.find('/') == std::string::npos && folder != "." && folder != "..");
            QVERIFY2(QString::fromUtf8(folder.c_str()).toUtf8().toStdString() == folder, "not valid UTF-8");
            folders.insert(QString::fromStdString(folder).toLower().toStdString());
            // Sample k + 1 and k + 1 + K have class k: they are in its folder.
            for (int64_t id : {int64_t(k) + 1, int64_t(k) + 1 + int64_t(classes.size())})
                QVERIFY2(fs::is_symlink(d / "out" / "train" / folder / (std::to_string(id) + ".png")), folder.c_str());
        }
        QCOMPARE(folders.size(), classes.size());
        QCOMPARE(jsonString(jsonField(jsonItem(mapping, size_t(2)), "folder")), std::string("a_b"));  // a safe name is kept
        QCOMPARE(jsonString(jsonField(jsonItem(mapping, size_t(5)), "folder")), std::string("ok"));
        QCOMPARE(classFolderNames({"a/b", "a_b"}), classFolderNames({"a/b", "a_b"}));  // stable
    }

    // Item 14: class names that a spreadsheet would run as formulas are neutralised in every
    // CSV export.
    void csvExportsNeutraliseFormulaLabels() {
        fs::path d = freshDir();
        auto p = makeProject(d / "p.winnow", d / "media", {"=1+2", "@SUM(A1)"}, 2);
        addRun(*p);
        winnow::test::addTestScoring(*p, 1, "small-loss", {0.1f, 0.9f}, {0, 1});
        exportLabelsCsv(*p, d / "labels.csv");
        auto labels = readLines(d / "labels.csv");
        QVERIFY2(labels[1].find(",train,'=1+2,'=1+2,") != std::string::npos, labels[1].c_str());
        QVERIFY2(labels[2].find(",train,'@SUM(A1),'@SUM(A1),") != std::string::npos, labels[2].c_str());
        exportIssues(*p, "", d / "issues.csv");
        auto issues = readLines(d / "issues.csv");
        QCOMPARE(int(issues.size()), 3);
        QVERIFY2(issues[1].rfind("1,'=1+2,'=1+2,", 0) == 0, issues[1].c_str());
        for (const auto& l : labels) QVERIFY2(l.find(",=") == std::string::npos && l.find(",@") == std::string::npos, l.c_str());
    }

    // Item 14: an empty file (or another SQLite file) given as the project is refused, unchanged.
    void emptyFileIsNotAProject() {
        fs::path d = freshDir();
        std::ofstream(d / "empty.winnow").close();
        std::string err = errorOf([&] { Project::open(d / "empty.winnow"); });
        QVERIFY2(err.find("empty") != std::string::npos && err.find("not a Winnow project") != std::string::npos,
                 err.c_str());
        QVERIFY(!errorOf([&] { Project::openReadOnly(d / "empty.winnow"); }).empty());
        QCOMPARE(fs::file_size(d / "empty.winnow"), uintmax_t(0));
        {
            Database other(d / "other.db", Database::Mode::ReadWriteCreate);
            other.exec("PRAGMA user_version=0");
            other.exec("VACUUM");
        }
        err = errorOf([&] { Project::open(d / "other.db"); });
        QVERIFY2(err.find("not a Winnow project") != std::string::npos, err.c_str());
        QVERIFY(!errorOf([&] { Project::open(d); }).empty());  // a folder
    }

    // Item 12: a project in a read-only folder opens for reading (and exports), writes
    // nothing there, and opening it for writing says it is read-only.
    void readOnlyProjectOpensForReading() {
        fs::path d = freshDir();
        fs::path proj = d / "ro" / "p.winnow";
        fs::create_directories(proj.parent_path());
        makeProject(proj, d / "media", {"cat", "dog"}, 5).reset();  // closed: no -wal/-shm left
        fs::create_directories(d / "out");
        fs::permissions(d, fs::perms(0755));
        fs::permissions(d / "media", fs::perms(0755));
        fs::permissions(d / "out", fs::perms(0777));
        fs::permissions(proj, fs::perms(0444));
        fs::permissions(proj.parent_path(), fs::perms(0555));
        const auto before = listing(proj.parent_path());
        const std::string result = inUnprivilegedChild([&]() -> std::string {
            {
                auto p = Project::openReadOnly(proj);
                if (p->db().queryInt64("SELECT count(*) FROM samples") != 5) return "wrong sample count";
                if (p->readOnlyNote().empty()) return "no note that the project was opened read-only";
                exportLabelsCsv(*p, d / "out" / "labels.csv");
                if (readLines(d / "out" / "labels.csv").size() != 6) return "labels export incomplete";
            }
            const std::string openErr = errorOf([&] { Project::open(proj); });
            if (openErr.find("read-only") == std::string::npos) return "open for writing: '" + openErr + "'";
            return {};
        });
        fs::permissions(proj.parent_path(), fs::perms(0755));
        QVERIFY2(result.empty(), result.c_str());
        QCOMPARE(listing(proj.parent_path()), before);
    }
};

QTEST_GUILESS_MAIN(TestExportSafety)
#include "tst_export_safety.moc"
