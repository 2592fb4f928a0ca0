// Read model of stored curation results: what storeCuration writes comes back through
// listCurations / latestCuration / curationIssues / curationIssueCounts.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/curation/curation.h"
#include "core/curation/curation_read.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestCurationRead : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    std::unique_ptr<Project> project(const char* name, int samples) {
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / name);
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'a'),(1,'b')");
        for (int i = 0; i < samples; ++i)
            p->db().exec("INSERT INTO samples(media_kind,path,split,label) VALUES(0,'/x/" + std::to_string(i) +
                         ".png',0,(SELECT id FROM classes WHERE idx=" + std::to_string(i % 2) + "))");
        return p;
    }

    static CurationResult result(const std::string& features, std::vector<CurationIssue> issues) {
        CurationResult r;
        r.features = features;
        r.issues = std::move(issues);
        r.params = {{"k", 10}};
        r.summary = {{"groups", 1}};
        return r;
    }

private Q_SLOTS:
    void emptyProjectHasNone() {
        auto p = project("empty.winnow", 0);
        QVERIFY(!latestCuration(*p).has_value());
        QVERIFY(listCurations(*p).empty());
    }

    void storedResultsComeBack() {
        auto p = project("p.winnow", 6);
        CurationResult first = result("thumbnail-grey16", {{"outlier", 3, -1, 0.5}});
        storeCuration(*p, first);
        CurationResult second = result("thumbnail-grey16", {{"near-duplicate", 1, 0, 0.01},
                                                            {"near-duplicate", 2, 0, 0.03},
                                                            {"outlier", 5, -1, 2.0},
                                                            {"outlier", 4, -1, 7.5},
                                                            {"leakage", 2, 0, 0.03}});
        const int64_t id = storeCuration(*p, second);
        QVERIFY(id > first.storedId);

        const auto all = listCurations(*p);
        QCOMPARE(int(all.size()), 2);
        QCOMPARE(all.front().id, id);  // newest first
        const auto latest = latestCuration(*p);
        QVERIFY(latest.has_value());
        QCOMPARE(latest->id, id);
        QCOMPARE(latest->features, std::string("thumbnail-grey16"));
        QCOMPARE(latest->runId, int64_t(-1));
        QCOMPARE(latest->params.value("k", 0), 10);
        QCOMPARE(latest->summary.value("groups", 0), 1);
        QCOMPARE(latest->resultDir, "curation/results/" + std::to_string(id));

        const auto outliers = curationIssues(*p, id, "outlier");
        QCOMPARE(int(outliers.size()), 2);
        QCOMPARE(outliers[0].sampleId, int64_t(4));  // higher score first
        QCOMPARE(outliers[0].score, 7.5);
        QCOMPARE(outliers[0].group, int64_t(-1));
        const auto dup = curationIssues(*p, id, "near-duplicate");
        QCOMPARE(int(dup.size()), 2);
        QCOMPARE(dup[0].group, int64_t(0));
        QCOMPARE(int(curationIssues(*p, id).size()), 5);
        QCOMPARE(int(curationIssues(*p, first.storedId).size()), 1);

        const auto counts = curationIssueCounts(*p, id);
        const std::vector<std::pair<std::string, int64_t>> expected = {
            {"leakage", 1}, {"near-duplicate", 2}, {"outlier", 2}};
        QCOMPARE(counts, expected);
    }
};

QTEST_APPLESS_MAIN(TestCurationRead)
#include "tst_curation_read.moc"
