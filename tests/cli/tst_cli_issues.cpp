// winnow-cli issues on an array project (8x8 grey records) with one record of the test split
// overwritten by a training record's pixels: the exact duplicate and its leakage are found
// (pixel hashes, array records have no file of their own), printed as JSON, stored, exported
// as CSV; bad options are usage errors and unknown features fail naming them.
#include <QtTest>

#include <QJsonArray>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::CliResult;
using winnow::test::lastJson;
using winnow::test::runCli;

class TestCliIssues : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;
    QString m_p;
    int64_t m_train = 0, m_test = 0;

private Q_SLOTS:
    void initTestCase() {
        m_project = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_project, 20);
        m_p = QString::fromStdString(m_project.string());
        auto p = Project::open(m_project);
        m_train = p->db().queryInt64("SELECT id FROM samples WHERE split=0 ORDER BY id LIMIT 1 OFFSET 5");
        m_test = p->db().queryInt64("SELECT id FROM samples WHERE split=2 ORDER BY id LIMIT 1");
        const int64_t from = p->db().queryInt64("SELECT item_index FROM samples WHERE id=" + std::to_string(m_train));
        const int64_t to = p->db().queryInt64("SELECT item_index FROM samples WHERE id=" + std::to_string(m_test));
        const fs::path cache = p->cacheDir() / "fixture.u8";
        std::fstream f(cache, std::ios::in | std::ios::out | std::ios::binary);
        char rec[64];
        f.seekg(from * 64);
        f.read(rec, 64);
        f.seekp(to * 64);
        f.write(rec, 64);
        QVERIFY(f.good());
    }

    void findsStoresAndExports() {
        const QString csv = m_tmp.filePath("issues.csv");
        const CliResult r = runCli({"issues", "--project", m_p, "--json", "--k", "5", "--export", csv});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["features"].toString(), QString("thumbnail-grey16"));
        QCOMPARE(j["samples"].toInt(), 120);
        QVERIFY(j["neighbours"].toObject()["method"].toString().startsWith("exact"));
        const QJsonObject counts = j["counts"].toObject();
        QCOMPARE(counts["exact-duplicate"].toInt(), 2);
        QCOMPARE(counts["leakage"].toInt(), 2);
        QCOMPARE(counts["tiny"].toInt(), 120);  // 8x8 records
        const QJsonArray groups = j["duplicate_groups"].toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonObject g = groups[0].toObject();
        QCOMPARE(g["kind"].toString(), QString("exact"));
        QVERIFY(g["leakage"].toBool());
        QCOMPARE(g["samples"].toArray(), (QJsonArray{qint64(m_train), qint64(m_test)}));
        const int resultId = j["result_id"].toInt();
        QVERIFY(resultId > 0);
        {
            auto p = Project::openReadOnly(m_project);
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM curation_issues WHERE issue='leakage' AND result_id=" +
                                        std::to_string(resultId)),
                     int64_t(2));
        }
        std::ifstream in(csv.toStdString());
        std::string header, first;
        std::getline(in, header);
        std::getline(in, first);
        QCOMPARE(header, std::string("issue,sample_id,group,score,path,frames"));
        QVERIFY2(first.rfind("exact-duplicate," + std::to_string(m_train) + ",1,0,", 0) == 0, first.c_str());
        QCOMPARE(j["export"].toObject()["rows"].toInt(), counts["exact-duplicate"].toInt() + counts["leakage"].toInt() +
                 counts["tiny"].toInt() + counts["outlier"].toInt() + counts["neighbour-label-conflict"].toInt() +
                 counts["dark"].toInt() + counts["low-contrast"].toInt() + counts["low-information"].toInt() +
                 counts["blurry"].toInt() + counts["overexposed"].toInt() + counts["near-duplicate"].toInt() +
                 counts["duplicate-label-conflict"].toInt() + counts["extreme-aspect"].toInt() +
                 counts["grey-colour-mismatch"].toInt());
    }

    void badOptions() {
        for (const QStringList& extra : {QStringList{"--features", "pixels"}, QStringList{"--near-threshold", "5"},
                                         QStringList{"--k", "0"}}) {
            const CliResult r = runCli(QStringList{"issues", "--project", m_p} + extra);
            QVERIFY2(r.code == 2, (extra.join(' ').toUtf8() + " -> " + QByteArray::number(r.code) + " " + r.err).constData());
        }
        const CliResult r = runCli({"issues", "--project", m_p, "--features", "run:99"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("run 99"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliIssues)
#include "tst_cli_issues.moc"
