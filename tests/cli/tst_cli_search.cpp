// winnow-cli search on an array project (8x8 grey records) with one planted exact copy:
// --sample puts the copy first (encoder and thumbnail features), --text ranks as the brute force
// over hash-demo's encodeTexts/encodeImages computed here, the second run reads the cached
// encoder features; --text with features that have no text side, neither or both of --text and
// --sample are usage errors, and a missing model file fails naming it.
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <QJsonArray>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"
#include "core/retrieval/hash_demo_encoder.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::CliResult;
using winnow::test::lastJson;
using winnow::test::runCli;

class TestCliSearch : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project, m_cache;
    QString m_p;
    std::map<int64_t, int64_t> m_record;  // sample id -> record index
    int64_t m_original = 0, m_copy = 0;

    Image recordImage(int64_t record) { return array_fixture::recordImage(m_cache, record); }

private Q_SLOTS:
    void initTestCase() {
        m_project = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_project, 10);
        m_p = QString::fromStdString(m_project.string());
        auto p = Project::open(m_project);
        m_cache = p->cacheDir();
        p->db().exec("INSERT INTO samples(media_kind, path, array_id, item_index, split, label, width, height) "
                     "SELECT 1, '/fixture-copy', 1, 5, 0, label, 8, 8 FROM samples WHERE item_index=5");
        auto st = p->db().prepare("SELECT id, item_index FROM samples ORDER BY id");
        while (st.step()) {
            m_record[st.int64(0)] = st.int64(1);
            if (st.int64(1) == 5) (m_original ? m_copy : m_original) = st.int64(0);
        }
        QCOMPARE(m_record.size(), size_t(91));
        QVERIFY(m_copy > m_original);
    }

    void sampleSearchPutsTheCopyFirst() {
        for (const char* features : {"encoder:hash-demo", "thumbnail"}) {
            const CliResult r = runCli({"search", "--project", m_p, "--features", features, "--sample",
                                        QString::number(m_original), "--k", "5", "--json"});
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject j = lastJson(r.out);
            QCOMPARE(j["samples"].toInt(), 91);
            QCOMPARE(j["sample"].toInteger(), m_original);
            // The first search computes the encoder features; thumbnails have no such cache.
            QCOMPARE(j.contains("from_cache"), QString(features) != "thumbnail");
            QCOMPARE(j["from_cache"].toBool(), false);
            const QJsonArray hits = j["hits"].toArray();
            QCOMPARE(hits.size(), 5);
            QCOMPARE(hits[0].toObject()["sample_id"].toInteger(), m_copy);
            QCOMPARE(hits[0].toObject()["rank"].toInt(), 1);
            QVERIFY(hits[0].toObject()["score"].toDouble() > 0.9999);
            QCOMPARE(hits[0].toObject()["path"].toString(), QString("/fixture-copy"));
            for (const auto& h : hits) QVERIFY(h.toObject()["sample_id"].toInteger() != m_original);
        }
    }

    void textSearchRanksAsBruteForce() {
        HashDemoEncoder enc;
        const std::string text = "a bright band near the top";
        const Embeddings t = enc.encodeTexts({text});
        std::vector<std::pair<double, int64_t>> expect;
        for (const auto& [id, rec] : m_record) {
            const Embeddings e = enc.encodeImages({recordImage(rec)});
            double s = 0;
            for (int64_t d = 0; d < e.dim; ++d) s += double(e.values[size_t(d)]) * t.values[size_t(d)];
            expect.emplace_back(s, id);
        }
        std::sort(expect.begin(), expect.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        for (int run = 0; run < 2; ++run) {
            const CliResult r = runCli({"search", "--project", m_p, "--features", "encoder:hash-demo", "--text",
                                        QString::fromStdString(text), "--k", "8", "--json"});
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject j = lastJson(r.out);
            QCOMPARE(j["features"].toString(), QString("encoder:demo:hash-demo-v2"));
            QCOMPARE(j["text"].toString(), QString::fromStdString(text));
            QCOMPARE(j["from_cache"].toBool(), true);  // computed by the sample search
            const QJsonArray hits = j["hits"].toArray();
            QCOMPARE(hits.size(), 8);
            for (int i = 0; i < 8; ++i) {
                const QJsonObject h = hits[i].toObject();
                QVERIFY(std::fabs(h["score"].toDouble() - expect[size_t(i)].first) < 1e-5);
                if (h["sample_id"].toInteger() != expect[size_t(i)].second)  // only a tie to rounding may swap
                    QVERIFY(i + 1 < 8 && std::fabs(expect[size_t(i)].first - expect[size_t(i) + 1].first) < 1e-6);
            }
        }
        // Text output names the features and lists the ranks.
        const CliResult r = runCli({"search", "--project", m_p, "--features", "encoder:hash-demo", "--text", "x", "--k", "2"});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("encoder:demo:hash-demo-v2") && r.out.contains("  2. sample "), r.out.constData());
    }

    void errors() {
        for (const char* features : {"thumbnail", "run:1"}) {
            const CliResult r = runCli({"search", "--project", m_p, "--features", features, "--text", "a cat"});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("text search needs a dual encoder"), r.err.constData());
        }
        for (const QStringList& extra : {QStringList{}, QStringList{"--text", "a", "--sample", "1"}}) {
            const CliResult r = runCli(QStringList{"search", "--project", m_p, "--features", "encoder:hash-demo"} + extra);
            QVERIFY2(r.code == 2, r.err.constData());
        }
        const QString missing = m_tmp.filePath("missing-model.pt");
        const CliResult r = runCli({"search", "--project", m_p, "--features", "encoder:" + missing, "--sample", "1"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("missing-model.pt"), r.err.constData());
        const CliResult s = runCli({"search", "--project", m_p, "--features", "encoder:hash-demo", "--sample", "99999"});
        QCOMPARE(s.code, 1);
        QVERIFY2(s.err.contains("sample 99999"), s.err.constData());
    }

    void issuesAndMapTakeEncoderFeatures() {
        const CliResult i = runCli({"issues", "--project", m_p, "--features", "encoder:hash-demo", "--no-store", "--json"});
        QVERIFY2(i.code == 0, i.err.constData());
        QCOMPARE(lastJson(i.out)["features"].toString(), QString("encoder:demo:hash-demo-v2"));
        const CliResult m = runCli({"map", "--project", m_p, "--features", "encoder:hash-demo", "--method", "pca", "--json"});
        QVERIFY2(m.code == 0, m.err.constData());
        QCOMPARE(lastJson(m.out)["features"].toString(), QString("encoder:demo:hash-demo-v2"));
        QCOMPARE(lastJson(m.out)["samples"].toInt(), 91);
    }
};

QTEST_GUILESS_MAIN(TestCliSearch)
#include "tst_cli_search.moc"
