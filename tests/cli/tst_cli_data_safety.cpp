// Issue 15 through winnow-cli: exports refuse the project and its media, read-only commands
// work on a read-only project without writing, an empty file is not a project, and training
// on a full disk fails the run with a message instead of aborting the process.
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/resource.h>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using winnow::test::CliResult;
using winnow::test::runCli;
using winnow::test::importThreeImages;

namespace {

struct Limits {
    rlim_t fileSize = 0;        // RLIMIT_FSIZE of the child (0: unchanged), SIGXFSZ ignored
    bool unprivileged = false;  // run as user 65534 when the test runs as root
};

// Like runCli, with the child's limits set before exec; code -1 when it crashed.
CliResult runLimited(const QStringList& args, Limits limits) {
    QProcess p;
    p.setChildProcessModifier([limits] {
        if (limits.fileSize > 0) {
            std::signal(SIGXFSZ, SIG_IGN);  // stays ignored across exec: writes fail with EFBIG
            rlimit l{};
            getrlimit(RLIMIT_FSIZE, &l);
            l.rlim_cur = limits.fileSize;
            setrlimit(RLIMIT_FSIZE, &l);
        }
        if (limits.unprivileged && getuid() == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0) _exit(99);
        }
    });
    p.start(WINNOW_CLI, args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::CrashExit ? -1 : p.exitCode(), p.readAllStandardOutput(),
            p.readAllStandardError()};
}

std::string readAll(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

}  // namespace

class TestCliDataSafety : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }
    QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

private Q_SLOTS:
    void initTestCase() {
        fs::permissions(dir(""), fs::perms(0755));
        CliResult r = importThreeImages(dir("data"), dir("p.winnow"));
        QVERIFY2(r.code == 0, r.err.constData());
    }

    // Item 1: `export --out` naming the project, its backup or a dataset image is refused and
    // the file is left exactly as it was.
    void exportsRefuseTheProjectAndItsMedia() {
        const std::string project = readAll(dir("p.winnow"));
        const std::string image = readAll(dir("data") / "ant" / "1.png");
        for (const char* format : {"report", "labels", "labels-json", "issues", "predictions"}) {
            for (const fs::path& out : {dir("p.winnow"), dir("data") / "ant" / "1.png"}) {
                CliResult r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", format, "--out", qs(out)});
                const QByteArray what = QByteArray(format) + " -> " + out.c_str() + ": " + r.err;
                QVERIFY2(r.code == 1, what.constData());
                if (QByteArray(format) != "predictions")  // that one first needs a trained run
                    QVERIFY2(r.err.contains("refusing to write"), what.constData());
                QVERIFY2(readAll(dir("p.winnow")) == project, what.constData());
                QVERIFY2(readAll(dir("data") / "ant" / "1.png") == image, what.constData());
            }
        }
        CliResult info = runCli({"info", "--project", qs(dir("p.winnow")), "--json"});
        QVERIFY2(info.code == 0, info.err.constData());
        QCOMPARE(winnow::test::lastJson(info.out).value("samples").toInt(), 3);
    }

    // Items 12 and 3: in a read-only folder `info` and `export` work and write nothing there;
    // a writing command says the project is read-only.
    void readOnlyProjectServesReadOnlyCommands() {
        fs::create_directories(dir("ro"));
        fs::copy_file(dir("p.winnow"), dir("ro") / "p.winnow");
        fs::create_directories(dir("out"));
        fs::permissions(dir("out"), fs::perms(0777));
        fs::permissions(dir("ro") / "p.winnow", fs::perms(0444));
        fs::permissions(dir("ro"), fs::perms(0555));
        const auto before = listing(dir("ro"));
        const Limits asUser{0, true};
        CliResult info = runLimited({"info", "--project", qs(dir("ro") / "p.winnow"), "--json"}, asUser);
        CliResult labels = runLimited({"export", "--project", qs(dir("ro") / "p.winnow"), "--format", "labels",
                                       "--out", qs(dir("out") / "labels.csv")}, asUser);
        CliResult train = runLimited({"train", "--project", qs(dir("ro") / "p.winnow"), "--epochs", "1"}, asUser);
        const auto after = listing(dir("ro"));
        fs::permissions(dir("ro"), fs::perms(0755));
        QVERIFY2(info.code == 0, info.err.constData());
        // It says it opened read-only (on stderr: --json output stays one object per line).
        QVERIFY2(info.err.contains("note:") && info.err.contains("read-only"), info.err.constData());
        QCOMPARE(winnow::test::lastJson(info.out).value("samples").toInt(), 3);
        QVERIFY2(labels.code == 0, labels.err.constData());
        QVERIFY(fs::file_size(dir("out") / "labels.csv") > 50);
        QVERIFY2(train.code == 1 && train.err.contains("read-only"), train.err.constData());
        QCOMPARE(after, before);
    }

    // Item 14: an empty file given as --project is refused and stays empty.
    void emptyFileIsNotAProject() {
        std::ofstream(dir("empty.winnow")).close();
        CliResult r = runCli({"info", "--project", qs(dir("empty.winnow"))});
        QVERIFY2(r.code == 1 && r.err.contains("empty") && r.err.contains("not a Winnow project"), r.err.constData());
        r = runCli({"import", "--project", qs(dir("empty.winnow")), "--format", "imagefolder", "--source",
                    qs(dir("data"))});
        QVERIFY2(r.code != 0 && r.err.contains("not a Winnow project"), r.err.constData());
        QCOMPARE(fs::file_size(dir("empty.winnow")), uintmax_t(0));
    }

    // Item 3: a checkpoint that cannot be written (full disk, here a file-size limit) fails
    // the run with a message naming the file; no abort, no temporary left behind.
    void fullDiskWhileCheckpointingFailsTheRun() {
        const fs::path file = dir("train.winnow");
        array_fixture::makeArrayProject(file, 60);
        // resnet32: a checkpoint of megabytes, far above what the project file itself needs.
        const QStringList train = {"train", "--project", qs(file), "--model", "resnet32", "--epochs", "1",
                                   "--batch", "16", "--device", "cpu", "--threads", "2", "--json"};
        CliResult first = runCli(train);
        QVERIFY2(first.code == 0, first.err.constData());
        const fs::path runs = dir("train.winnow-cache") / "runs";
        const auto checkpointBytes = fs::file_size(runs / "1" / "checkpoint.pt");
        const rlim_t limit = rlim_t(checkpointBytes / 2);
        if (limit < fs::file_size(file) + 256 * 1024)
            QSKIP(qPrintable(QString("the checkpoint (%1 bytes) is too small to tell it from the project's own "
                                     "writes (%2 bytes)").arg(checkpointBytes).arg(fs::file_size(file))));
        CliResult r = runLimited(train, Limits{limit, false});
        QVERIFY2(r.code == 1, (QByteArray::number(r.code) + " " + r.err).constData());
        QVERIFY2(r.err.contains("disk full") && r.err.contains("checkpoint.pt"), r.err.constData());
        auto p = winnow::core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=2"), std::string("failed"));
        const std::string message = p->db().queryText("SELECT message FROM runs WHERE id=2");
        QVERIFY2(message.find("disk full") != std::string::npos, message.c_str());
        // The checkpoint written before the failure (epoch 0, no optimizer state yet) may be
        // there, complete; no temporary or half-written one is.
        for (const auto& name : listing(runs / "2")) {
            QVERIFY2(name.find("tmp") == std::string::npos, name.c_str());
            if (name == "checkpoint.pt") QVERIFY(fs::file_size(runs / "2" / name) < limit);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliDataSafety)
#include "tst_cli_data_safety.moc"
