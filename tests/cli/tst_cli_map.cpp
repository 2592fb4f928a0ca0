// winnow-cli map on an array project (120 records of 8x8 grey pixels, 3 classes): the CSV has
// one row per sample with finite x, y (read back here, numbers in the C locale's form), the
// second run reads the cached map, PCA and layout both work; a bad --method or --epochs is a
// usage error naming the option, and --out never replaces the project file.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::CliResult;
using winnow::test::lastJson;
using winnow::test::runCli;

namespace {

std::string fileBytes(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class TestCliMap : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;
    QString m_p;
    std::set<int64_t> m_ids;

private Q_SLOTS:
    void initTestCase() {
        m_project = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_project, 20);
        m_p = QString::fromStdString(m_project.string());
        auto p = Project::open(m_project);
        auto st = p->db().prepare("SELECT id FROM samples");
        while (st.step()) m_ids.insert(st.int64(0));
        QCOMPARE(m_ids.size(), size_t(120));
    }

    void layoutCsvHasEverySample() {
        for (const char* method : {"layout", "pca"}) {
            const QString csv = m_tmp.filePath(QString("map-%1.csv").arg(method));
            const CliResult r = runCli({"map", "--project", m_p, "--json", "--method", method, "--threads", "1",
                                        "--epochs", "40", "--out", csv});
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject j = lastJson(r.out);
            QCOMPARE(j["method"].toString(), QString(method));
            QCOMPARE(j["features"].toString(), QString("thumbnail-grey16"));
            QCOMPARE(j["samples"].toInt(), 120);
            QVERIFY(!j["from_cache"].toBool());
            QCOMPARE(j["export"].toObject()["rows"].toInt(), 120);

            std::ifstream in(csv.toStdString());
            std::string line;
            std::getline(in, line);
            QCOMPARE(line, std::string("sample_id,x,y"));
            std::set<int64_t> seen;
            int rows = 0;
            double spread = 0;
            while (std::getline(in, line)) {
                ++rows;
                std::istringstream row(line);
                row.imbue(std::locale::classic());
                std::string id, x, y;
                QVERIFY(std::getline(row, id, ',') && std::getline(row, x, ',') && std::getline(row, y));
                std::size_t used = 0;
                const double fx = std::stod(x, &used);
                QCOMPARE(used, x.size());
                const double fy = std::stod(y, &used);
                QCOMPARE(used, y.size());
                QVERIFY2(std::isfinite(fx) && std::isfinite(fy), line.c_str());
                spread = std::max(spread, std::abs(fx) + std::abs(fy));
                seen.insert(std::stoll(id));
            }
            QCOMPARE(rows, 120);
            QCOMPARE(seen, m_ids);
            QVERIFY(spread > 0);  // not every point at the origin

            // Again: read from the cache, the same CSV.
            const QString csv2 = m_tmp.filePath(QString("map-%1-again.csv").arg(method));
            const CliResult again = runCli({"map", "--project", m_p, "--json", "--method", method, "--threads", "1",
                                            "--epochs", "40", "--out", csv2});
            QVERIFY2(again.code == 0, again.err.constData());
            QVERIFY(lastJson(again.out)["from_cache"].toBool());
            QCOMPARE(fileBytes(csv2.toStdString()), fileBytes(csv.toStdString()));
        }
        QVERIFY(fs::exists(fs::path(m_project.string() + "-cache") / "curation" / "map" / "map-thumbnail-grey16-layout.json"));
    }

    void badOptionsAreUsageErrors() {
        for (const QStringList& extra : {QStringList{"--method", "tsne"}, QStringList{"--epochs", "-3"},
                                         QStringList{"--features", "pixels"}, QStringList{"--k", "0"}}) {
            const CliResult r = runCli(QStringList{"map", "--project", m_p} + extra);
            QVERIFY2(r.code == 2, (extra.join(' ').toUtf8() + " -> " + QByteArray::number(r.code) + " " + r.err).constData());
            QVERIFY2(r.err.contains(extra[0].toUtf8()), r.err.constData());
        }
    }

    void outNeverReplacesTheProject() {
        const std::string before = fileBytes(m_project);
        const CliResult r = runCli({"map", "--project", m_p, "--method", "pca", "--out", m_p});
        QVERIFY2(r.code == 1, (QByteArray::number(r.code) + " " + r.err).constData());
        QCOMPARE(fileBytes(m_project), before);
    }
};

QTEST_GUILESS_MAIN(TestCliMap)
#include "tst_cli_map.moc"
