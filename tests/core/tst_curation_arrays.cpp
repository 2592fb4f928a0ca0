// Stored curation arrays: the near-duplicate threshold recount over a hand-made neighbour graph,
// the stored neighbours of a sample, a damaged result named, and an issue type against a
// self-test's injected noise.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/curation/curation.h"
#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// Six samples in two families, k = 2:
//   10 -0.01- 20 -0.04- 30        (10-30 at 0.5)
//   40 -0.02- 50 -0.10- 60        (40-60 at 0.3)
CurationArrays handMade() {
    CurationArrays a;
    a.n = 6;
    a.k = 2;
    a.sampleIds = {10, 20, 30, 40, 50, 60};
    a.knnIds = {20, 30, 10, 30, 20, 10, 50, 60, 40, 60, 50, 40};
    a.knnDist = {0.01f, 0.5f, 0.01f, 0.04f, 0.04f, 0.5f, 0.02f, 0.3f, 0.02f, 0.1f, 0.1f, 0.3f};
    return a;
}

}  // namespace

class TestCurationArrays : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void groupsFollowTheThreshold_data() {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<qint64>("groups");
        QTest::addColumn<qint64>("samples");
        QTest::addColumn<qint64>("largest");
        QTest::newRow("below every edge") << 0.005 << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("at the shortest edge") << 0.01 << qint64(1) << qint64(2) << qint64(2);
        QTest::newRow("two pairs") << 0.03 << qint64(2) << qint64(4) << qint64(2);
        QTest::newRow("chain of three") << 0.05 << qint64(2) << qint64(5) << qint64(3);
        QTest::newRow("both families") << 0.1 << qint64(2) << qint64(6) << qint64(3);
        // No edge joins the two families: still two groups.
        QTest::newRow("every edge") << 0.5 << qint64(2) << qint64(6) << qint64(3);
    }
    void groupsFollowTheThreshold() {
        QFETCH(double, threshold);
        QFETCH(qint64, groups);
        QFETCH(qint64, samples);
        QFETCH(qint64, largest);
        const auto c = nearDuplicateGroupsAt(handMade(), threshold);
        QCOMPARE(c.groups, int64_t(groups));
        QCOMPARE(c.samples, int64_t(samples));
        QCOMPARE(c.largest, int64_t(largest));
    }

    void joinedSetsStayTogether() {
        // 30 and 60 have the same content hash: one set whatever the threshold.
        const std::vector<std::vector<int64_t>> exact = {{30, 60}};
        auto c = nearDuplicateGroupsAt(handMade(), 0.0, exact);
        QCOMPARE(c.groups, int64_t(1));
        QCOMPARE(c.samples, int64_t(2));
        c = nearDuplicateGroupsAt(handMade(), 0.01, exact);
        QCOMPARE(c.groups, int64_t(2));
        QCOMPARE(c.samples, int64_t(4));
        c = nearDuplicateGroupsAt(handMade(), 0.1, exact);
        QCOMPARE(c.groups, int64_t(1));
        QCOMPARE(c.samples, int64_t(6));
        // An id the result does not hold is ignored.
        c = nearDuplicateGroupsAt(handMade(), 0.0, {{30, 999}});
        QCOMPARE(c.groups, int64_t(0));
    }

    void storedArraysComeBack() {
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / "p.winnow");
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'a'),(1,'b')");
        for (int i = 0; i < 4; ++i)
            p->db().exec("INSERT INTO samples(media_kind,path,split,label,original_label) VALUES(0,'/x/" + std::to_string(i) +
                         ".png',0,(SELECT id FROM classes WHERE idx=" + std::to_string(i % 2) + ")," +
                         // samples 1 and 2 were mislabelled by the injected noise
                         (i == 1 ? "(SELECT id FROM classes WHERE idx=0)" : i == 2 ? "(SELECT id FROM classes WHERE idx=1)"
                                                                                  : "(SELECT id FROM classes WHERE idx=" + std::to_string(i % 2) + ")") +
                         ")");
        CurationResult r;
        r.features = "thumbnail-grey16";
        r.featureIds = {1, 2, 3, 4};
        r.graph.n = 4;
        r.graph.k = 2;
        r.graph.nbr = {1, 2, 0, 3, 0, 1, 2, -1};
        r.graph.dist = {0.1f, 0.2f, 0.1f, 0.3f, 0.2f, 0.4f, 0.3f, 0.f};
        r.outlierScore = {1, 2, 3, 4};
        r.neighbourConflict = {0, 0.5f, 1, 0};
        r.issues = {{"neighbour-label-conflict", 2, -1, 0.5}, {"neighbour-label-conflict", 3, -1, 1.0},
                    {"neighbour-label-conflict", 4, -1, 0.6}};
        const int64_t id = storeCuration(*p, r);
        const auto stored = latestCuration(*p);
        QVERIFY(stored && stored->id == id);
        const CurationArrays a = loadCurationArrays(*p, *stored);
        QCOMPARE(a.n, int64_t(4));
        QCOMPARE(a.k, 2);
        QCOMPARE(a.features, std::string("thumbnail-grey16"));
        const std::vector<std::pair<int64_t, float>> nb1 = {{2, 0.1f}, {3, 0.2f}};
        QCOMPARE(storedNeighbours(a, 1), nb1);
        const std::vector<std::pair<int64_t, float>> nb4 = {{3, 0.3f}};  // fewer than k stored
        QCOMPARE(storedNeighbours(a, 4), nb4);
        QCOMPARE(int(storedNeighbours(a, 1, 1).size()), 1);
        QVERIFY(storedNeighbours(a, 99).empty());
        QCOMPARE(a.outlier, (std::vector<float>{1, 2, 3, 4}));
        // The neighbours' rows are indexed at load (ids 2, 3 | 1, 4 | 1, 2 | 3 are rows 1, 2 | 0, 3 | ...),
        // and the slider's count is the same with and without that index.
        QCOMPARE(a.knnRows, (std::vector<int32_t>{1, 2, 0, 3, 0, 1, 2, -1}));
        CurationArrays unindexed = a;
        unindexed.knnRows.clear();
        for (double t : {0.05, 0.15, 0.25, 0.35}) {
            const auto x = nearDuplicateGroupsAt(a, t, {}), y = nearDuplicateGroupsAt(unindexed, t, {});
            QCOMPARE(x.groups, y.groups);
            QCOMPARE(x.samples, y.samples);
            QCOMPARE(x.largest, y.largest);
        }
        QCOMPARE(nearDuplicateGroupsAt(a, 0.15, {}).samples, int64_t(2));  // 1-2 at 0.1
        QCOMPARE(nearDuplicateGroupsAt(a, 0.35, {}).samples, int64_t(4));  // ids 1-2, 1-3, 2-4 and 4-3

        // Noisy: samples 2 and 3 (ids of rows 1 and 2); flagged 2, 3, 4 -> TP 2.
        const CurationSelfTest s = curationSelfTest(*p, *stored, "neighbour-label-conflict");
        QVERIFY(s.available);
        QCOMPARE(s.samples, int64_t(4));
        QCOMPARE(s.noisy, int64_t(2));
        QCOMPARE(s.flagged, int64_t(3));
        QCOMPARE(s.truePositives, int64_t(2));
        QCOMPARE(s.precision, 2.0 / 3.0);
        QCOMPARE(s.recall, 1.0);
        QVERIFY(!curationSelfTest(*p, *stored, "outlier").flagged);

        // A truncated file is named.
        const fs::path knn = p->cacheDir() / stored->resultDir / "knn_ids.i64";
        fs::resize_file(knn, 8);
        try {
            loadCurationArrays(*p, *stored);
            QFAIL("a damaged result loaded");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(knn.string()) != std::string::npos, e.what());
        }
    }

    // A cache folder that cannot take the arrays (here its curation folder is a file) keeps the
    // issues stored, without arrays, and says why in the result and in the stored summary.
    void unwritableArraysKeepTheIssues() {
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / "noarrays.winnow");
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'a')");
        for (int i = 0; i < 2; ++i)
            p->db().exec("INSERT INTO samples(media_kind,path,split,label) VALUES(0,'/x/" + std::to_string(i) +
                         ".png',0,(SELECT id FROM classes))");
        fs::create_directories(p->cacheDir());
        std::ofstream(p->cacheDir() / "curation") << "a file where the folder should be";
        CurationResult r;
        r.features = "thumbnail-grey16";
        r.featureIds = {1, 2};
        r.graph.n = 2;
        r.graph.k = 1;
        r.graph.nbr = {1, 0};
        r.graph.dist = {0.1f, 0.1f};
        r.outlierScore = {1, 2};
        r.neighbourConflict = {0, 0};
        r.issues = {{"outlier", 2, -1, 2.0}};
        const int64_t id = storeCuration(*p, r);
        QVERIFY(id > 0);
        QCOMPARE(r.storedId, id);
        QVERIFY2(r.arraysWarning.find("could not be written") != std::string::npos, r.arraysWarning.c_str());
        const auto stored = latestCuration(*p);
        QVERIFY(stored);
        QCOMPARE(stored->id, id);
        QVERIFY(stored->resultDir.empty());
        const auto counts = curationIssueCounts(*p, id);
        QVERIFY(std::find(counts.begin(), counts.end(), std::make_pair(std::string("outlier"), int64_t(1))) != counts.end());
        QVERIFY(stored->summary.dump().find("could not be written") != std::string::npos);
        fs::remove(p->cacheDir() / "curation");
    }

    void sparseIdsIndexedBySearch() {
        // Ids spread far wider than the row count take the binary-search path of the row index.
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / "sparse.winnow");
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'a')");
        for (int64_t id : {7, 100000, 250000})
            p->db().exec("INSERT INTO samples(id,media_kind,path,split,label) VALUES(" + std::to_string(id) +
                         ",0,'/x/" + std::to_string(id) + ".png',0,(SELECT id FROM classes))");
        CurationResult r;
        r.features = "thumbnail-grey16";
        r.featureIds = {7, 100000, 250000};
        r.graph.n = 3;
        r.graph.k = 2;
        r.graph.nbr = {2, 1, 2, 0, 1, 0};
        r.graph.dist = {0.01f, 0.5f, 0.02f, 0.5f, 0.02f, 0.01f};
        r.outlierScore = {0, 0, 0};
        r.neighbourConflict = {0, 0, 0};
        storeCuration(*p, r);
        const CurationArrays a = loadCurationArrays(*p, *latestCuration(*p));
        QCOMPARE(a.knnRows, (std::vector<int32_t>{2, 1, 2, 0, 1, 0}));
        QCOMPARE(nearDuplicateGroupsAt(a, 0.015, {}).samples, int64_t(2));  // 7 and 250000
        QCOMPARE(nearDuplicateGroupsAt(a, 0.03, {}).samples, int64_t(3));
    }

    void noSelfTestWithoutTruth() {
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / "plain.winnow");
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'a')");
        p->db().exec("INSERT INTO samples(media_kind,path,split,label) VALUES(0,'/x/a.png',0,(SELECT id FROM classes))");
        CurationResult r;
        r.features = "thumbnail-grey16";
        storeCuration(*p, r);
        QVERIFY(!curationSelfTest(*p, *latestCuration(*p), "outlier").available);
    }
};

QTEST_APPLESS_MAIN(TestCurationArrays)
#include "tst_curation_arrays.moc"
