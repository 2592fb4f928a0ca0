// A German desktop (decimal comma) must not change what Winnow writes or reads back. The GUI's
// QCoreApplication calls setlocale(LC_ALL, "") with the desktop's locale, which printf, strtod
// and friends follow; this test does the same in-process (the GUI path: the core calls the
// training job, the training panel and the export menus make) and runs winnow-cli with the
// locale in its environment, and compares with the C locale byte for byte.
// Written against the core calls only (no JSON API of Winnow's own): the JSON it reads back is
// checked with Qt's parser, an independent one.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <clocale>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../core/array_project_fixture.h"
#include "../core/tst_video_fixtures.h"
#include "core/dataset/importer.h"
#include "core/influence/exports.h"
#include "core/report/html_report.h"
#include "core/review/exporters.h"
#include "core/store/project.h"
#include "core/train/run_record.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const char* const kGerman = "de_DE.UTF-8";

std::string readAll(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

// The HTML report names the time it was written; everything else must match.
std::string withoutTimestamp(std::string html) {
    return QString::fromStdString(html)
        .replace(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")), QStringLiteral("TIME"))
        .toStdString();
}

// A JSON object as an independent parser reads it; fails the test with the text otherwise.
QJsonObject objectOf(const std::string& text) {
    QJsonParseError err{};
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err);
    if (err.error != QJsonParseError::NoError || !d.isObject())
        qWarning("not a JSON object (%s): %s", qPrintable(err.errorString()), text.c_str());
    return d.object();
}

// Switches the process (C library and thus printf/strtod) to a locale for one scope.
struct ProcessLocale {
    explicit ProcessLocale(const char* name) { ok = std::setlocale(LC_ALL, name) != nullptr; }
    ~ProcessLocale() { std::setlocale(LC_ALL, "C"); }
    bool ok = false;
};

}  // namespace

class TestLocaleOutput : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    QProcessEnvironment m_germanEnv;

    // The exports the GUI's menus write, into `out`.
    void writeExports(Project& p, const fs::path& out) {
        fs::create_directories(out);
        exportLabelsCsv(p, out / "labels.csv");
        exportLabelsJson(p, out / "labels.json");
        (void)exportIssues(p, "", out / "issues.csv");
        (void)writeHtmlReport(p, out / "report.html");
    }

    int runCliIn(const QProcessEnvironment& env, const QStringList& args, QByteArray* out = nullptr) {
        QProcess proc;
        proc.setProcessEnvironment(env);
        proc.start(WINNOW_CLI, args);
        proc.waitForFinished(300000);
        const QByteArray err = proc.readAllStandardError();
        if (out) *out = proc.readAllStandardOutput();
        if (proc.exitCode() != 0) qWarning("winnow-cli %s: %s", qPrintable(args.join(' ')), err.constData());
        return proc.exitCode();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        std::setlocale(LC_ALL, "C");
        // Debian's `locales` package has the sources; the compiled locale is generated into the
        // test's folder when the system has none (LOCPATH is read at every setlocale call).
        if (!std::setlocale(LC_ALL, kGerman)) {
            const QString dir = m_tmp.path() + QStringLiteral("/locales");
            QDir().mkpath(dir);
            QProcess def;
            def.start(QStringLiteral("localedef"),
                      {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"), QStringLiteral("UTF-8"),
                       dir + QStringLiteral("/de_DE.UTF-8")});
            def.waitForFinished(120000);
            qputenv("LOCPATH", dir.toLocal8Bit());
            if (!std::setlocale(LC_ALL, kGerman))
                QSKIP(qPrintable(QStringLiteral("the de_DE.UTF-8 locale is not installed and localedef could not make it "
                                                "(install Debian's 'locales'): ") +
                                 QString::fromLocal8Bit(def.readAllStandardError())));
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.2f", 0.5);
        std::setlocale(LC_ALL, "C");
        QCOMPARE(QString::fromLatin1(buf), QStringLiteral("0,50"));  // the locale really has a decimal comma
        m_germanEnv = QProcessEnvironment::systemEnvironment();
        m_germanEnv.insert(QStringLiteral("LC_ALL"), QString::fromLatin1(kGerman));
        m_germanEnv.insert(QStringLiteral("LANG"), QString::fromLatin1(kGerman));
    }

    // The training job and the training panel: trainRun writes the config and a metrics row
    // per epoch; the panel and the comparison dialog read them back.
    void guiTrainingRunReadsBackUnderGermanLocale() {
        const fs::path file = root() / "gui-train.winnow";
        array_fixture::makeArrayProject(file, 20);
        auto p = Project::open(file);
        TrainConfig cfg = array_fixture::tinyConfig(2);
        cfg.lr = 0.05;
        cfg.momentum = 0.9;
        cfg.schedule = "constant";
        cfg.weightDecay = 0.0005;
        int64_t runId = 0;
        {
            ProcessLocale german(kGerman);
            QVERIFY(german.ok);
            runId = trainRun(*p, cfg, {}).runId;
        }
        const std::string id = std::to_string(runId);
        const std::string text = p->db().queryText("SELECT config_json FROM runs WHERE id=" + id);
        const QJsonObject c = objectOf(text);
        QVERIFY2(!c.isEmpty(), text.c_str());
        QCOMPARE(c.value(QStringLiteral("lr")).toDouble(), 0.05);
        QCOMPARE(c.value(QStringLiteral("weightDecay")).toDouble(), 0.0005);
        {
            ProcessLocale german(kGerman);
            try {
                QCOMPARE(loadRunConfig(p->db(), runId).lr, 0.05);
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QStringLiteral("the run's config does not read back: ") + QString::fromUtf8(e.what())));
            }
        }
        // The same config recorded under each locale: the same bytes.
        const TrainConfig stored = loadRunConfig(p->db(), runId);
        const int64_t inC = insertRunRow(p->db(), stored, "cpu");
        int64_t inGerman = 0;
        {
            ProcessLocale german(kGerman);
            inGerman = insertRunRow(p->db(), stored, "cpu");
        }
        const std::string cText = p->db().queryText("SELECT config_json FROM runs WHERE id=" + std::to_string(inC));
        QCOMPARE(p->db().queryText("SELECT config_json FROM runs WHERE id=" + std::to_string(inGerman)), cText);
        QCOMPARE(text, cText);
        // Every metrics row is JSON whose numbers are numbers: what the curves plot.
        const auto rows = runEpochRows(p->db(), runId);
        QCOMPARE(int(rows.size()), 2);
        for (const std::string& row : rows) {
            const QJsonObject m = objectOf(row);
            QVERIFY2(m.value(QStringLiteral("lr")).isDouble(), row.c_str());
            QCOMPARE(m.value(QStringLiteral("lr")).toDouble(), 0.05);
            QVERIFY2(m.value(QStringLiteral("loss_train")).isDouble(), row.c_str());
            QVERIFY2(m.value(QStringLiteral("acc_val")).isDouble(), row.c_str());
            QVERIFY2(m.value(QStringLiteral("per_class_acc")).toArray().size() == 3, row.c_str());
        }
        const QJsonObject summary = objectOf(p->db().queryText("SELECT summary_json FROM runs WHERE id=" + id));
        QVERIFY(summary.value(QStringLiteral("wall_seconds")).isDouble());
    }

    // Integers past 2^53 in a stored config come back exactly (a JSON value that held every
    // number as a double rounded 2^53 + 1 to 2^53 and 2^63 - 1 to 2^63).
    void bigIntegersSurviveTheStoredConfig() {
        auto p = Project::create(root() / "big.winnow");
        TrainConfig cfg;
        cfg.excludeIds = {9007199254740993LL, 9223372036854775807LL, -9223372036854775807LL - 1, 1};
        cfg.seed = 18446744073709551615ULL;
        const int64_t id = insertRunRow(p->db(), cfg, "cpu");
        const TrainConfig back = loadRunConfig(p->db(), id);
        QCOMPARE(back.excludeIds, cfg.excludeIds);
        QCOMPARE(back.seed, cfg.seed);
        QVERIFY(p->db().queryText("SELECT config_json FROM runs").find("9223372036854775807") != std::string::npos);
    }

    // The review window's and the main window's exports: labels CSV/JSON, the issues CSV with
    // its scores, and the HTML report with its charts.
    void guiExportsIdenticalUnderGermanLocale() {
        const fs::path file = root() / "gui-export.winnow";
        array_fixture::makeArrayProject(file, 20);
        array_fixture::trainAndScore(file, "small-loss");
        auto p = Project::open(file);
        writeExports(*p, root() / "export-c");
        {
            ProcessLocale german(kGerman);
            QVERIFY(german.ok);
            writeExports(*p, root() / "export-de");
        }
        for (const char* name : {"labels.csv", "labels.json", "issues.csv", "report.html"}) {
            const std::string c = withoutTimestamp(readAll(root() / "export-c" / name));
            const std::string de = withoutTimestamp(readAll(root() / "export-de" / name));
            QVERIFY2(!c.empty(), name);
            QVERIFY2(c == de, qPrintable(QStringLiteral("%1 differs under de_DE").arg(QLatin1String(name))));
        }
        // The scores in the issues CSV are decimals with a point (the CSV's comma is the separator).
        QVERIFY(readAll(root() / "export-de" / "issues.csv").find("0.") != std::string::npos);
    }

    // A video CSV with fractional seconds, imported in-process under the German locale
    // (the GUI's import dialog runs importDataset).
    void guiVideoCsvWithFractionalSeconds() {
#ifndef WINNOW_HAVE_FFMPEG
        QSKIP("built without FFmpeg: no video import");
#else
        const fs::path dir = root() / "video-gui";
        fs::create_directories(dir);
        fixture::writeVideo(fixture::make((dir / "v.mkv").string(), "ffv1", 32, 32, 100, {50, 1}, 1));
        std::ofstream(dir / "clips.csv") << "path,label,split,start,end\nv.mkv,a,train,0,1.5\nv.mkv,b,train,0.5,1.75\n";
        auto project = Project::create(dir / "v.winnow");
        ImportOptions o;
        o.format = "video-csv";
        o.source = dir / "clips.csv";
        {
            ProcessLocale german(kGerman);
            QVERIFY(german.ok);
            importDataset(*project, o);
        }
        // 50 fps: [0, 1.5 s) = frames [0, 75), [0.5 s, 1.75 s) = [25, 88) (rounded).
        QCOMPARE(project->db().queryInt64("SELECT COUNT(*) FROM samples WHERE status=0"), int64_t(2));
        QCOMPARE(project->db().queryText("SELECT group_concat(frame_start || '-' || frame_end, ' ') FROM "
                                         "(SELECT frame_start, frame_end FROM samples ORDER BY id)"),
                 std::string("0-75 25-88"));
#endif
    }

    // winnow-cli with the locale in its environment: the same files as under C.
    void cliUnderGermanLocale() {
        const fs::path file = root() / "cli.winnow";
        array_fixture::makeArrayProject(file, 20);
        QByteArray out;
        QCOMPARE(runCliIn(m_germanEnv, {"train", "--project", qs(file), "--epochs", "1", "--lr", "0.05", "--momentum",
                                        "0.9", "--schedule", "constant", "--crop-padding", "1", "--seed", "3",
                                        "--device", "cpu", "--threads", "1", "--loader-threads", "1", "--json"},
                           &out),
                 0);
        for (const QByteArray& line : out.trimmed().split('\n'))
            QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        {
            auto p = Project::openReadOnly(file);
            const QJsonObject c = objectOf(p->db().queryText("SELECT config_json FROM runs"));
            QCOMPARE(c.value(QStringLiteral("lr")).toDouble(), 0.05);
            QVERIFY(objectOf(p->db().queryText("SELECT metrics_json FROM run_epochs")).value(QStringLiteral("lr")).isDouble());
        }
        QCOMPARE(runCliIn(m_germanEnv, {"score", "--project", qs(file), "--method", "small-loss"}), 0);
        const QProcessEnvironment cEnv = [] {
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
            return e;
        }();
        for (const char* format : {"issues", "labels", "labels-json", "report"}) {
            const fs::path c = root() / (std::string("cli-c.") + format), de = root() / (std::string("cli-de.") + format);
            QCOMPARE(runCliIn(cEnv, {"export", "--project", qs(file), "--format", format, "--out", qs(c)}), 0);
            QCOMPARE(runCliIn(m_germanEnv, {"export", "--project", qs(file), "--format", format, "--out", qs(de)}), 0);
            QVERIFY2(withoutTimestamp(readAll(c)) == withoutTimestamp(readAll(de)), format);
        }
#ifdef WINNOW_HAVE_FFMPEG
        const fs::path dir = root() / "video-cli";
        fs::create_directories(dir);
        fixture::writeVideo(fixture::make((dir / "v.mkv").string(), "ffv1", 32, 32, 100, {50, 1}, 1));
        std::ofstream(dir / "clips.csv") << "path,label,split,start,end\nv.mkv,a,train,0,1.5\n";
        QCOMPARE(runCliIn(m_germanEnv, {"import", "--project", qs(dir / "v.winnow"), "--format", "video-csv",
                                        "--source", qs(dir / "clips.csv"), "--json"},
                          &out),
                 0);
        auto v = Project::openReadOnly(dir / "v.winnow");
        QCOMPARE(v->db().queryText("SELECT frame_start || '-' || frame_end FROM samples"), std::string("0-75"));
#endif
    }
};

QTEST_GUILESS_MAIN(TestLocaleOutput)
#include "tst_locale_output.moc"
