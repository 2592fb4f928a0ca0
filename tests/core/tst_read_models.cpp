// The read models that widgets/ and app/ use instead of SQL (issue 13): each against a
// project whose rows this test writes itself, so the expected values are counted by hand.
#include <QTemporaryDir>
#include <QtTest>

#include "core/dataset/project_summary.h"
#include "core/influence/scoring_rows.h"
#include "core/review/label_history.h"
#include "core/review/review_log.h"
#include "core/review/review_sample_rows.h"
#include "core/review/review_status.h"
#include "core/store/project.h"
#include "core/train/run_rows.h"

using namespace winnow::core;
namespace fs = std::filesystem;

class TestReadModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Classes a (idx 0), b (idx 1), c (idx 2, no samples).
    std::unique_ptr<Project> makeProject(const char* name) {
        auto p = Project::create(fs::path(m_dir.path().toStdString()) / name);
        p->db().exec("INSERT INTO classes(id, idx, name) VALUES(10, 0, 'a'), (11, 1, 'b'), (12, 2, 'c')");
        return p;
    }
    static inline int s_paths = 0;
    // A sample; label/original are class row ids (0 = none).
    static int64_t addSample(Project& p, int kind, int split, int64_t label, int status = 0, int trusted = 0,
                             int64_t original = 0, int64_t frameStart = -1, int64_t frameEnd = -1) {
        p.db().prepare("INSERT INTO samples(media_kind, path, split, label, status, trusted, original_label,"
                       " frame_start, frame_end) VALUES(?, ?, ?, nullif(?,0), ?, ?, nullif(?,0), ?, ?)")
            .bind(1, kind).bind(2, "/m/" + std::to_string(++s_paths) + ".png").bind(3, split)
            .bind(4, label).bind(5, status).bind(6, trusted).bind(7, original).bind(8, frameStart)
            .bind(9, frameEnd).run();
        return p.db().lastInsertId();
    }

private Q_SLOTS:
    void projectSummaryCountsByHand() {
        auto p = makeProject("summary.winnow");
        for (int i = 0; i < 3; ++i) addSample(*p, 0, 0, 10);  // a, train
        addSample(*p, 0, 1, 10);                              // a, val
        addSample(*p, 0, 2, 11, 0, 1);                        // b, test, trusted
        addSample(*p, 0, 0, 0);                               // unlabelled, train
        addSample(*p, 0, 0, 11, 1);                           // b, train, unreadable
        p->db().exec("INSERT INTO imports(id, format, source, started_at, finished_at, state, n_imported, n_issues)"
                     " VALUES(1, 'folder', '/src/a', 'T1', 'T2', 'done', 6, 2),"
                     " (2, 'csv', '/src/b.csv', 'T3', NULL, 'running', 1, 1)");
        p->db().exec("INSERT INTO import_issues(import_id, path, line, reason) VALUES"
                     " (1, '/src/a/x.png', NULL, 'not an image'), (2, '/src/b.csv', 7, 'bad label'),"
                     " (1, '/src/a/y.png', NULL, 'truncated')");

        const ProjectSummary s = readProjectSummary(*p, 2);
        QCOMPARE(s.samples, int64_t(7));
        QCOMPARE(s.unreadable, int64_t(1));
        QCOMPARE(s.trusted, int64_t(1));
        QCOMPARE(s.unlabelled, int64_t(1));
        QCOMPARE(s.splits.size(), size_t(3));
        QCOMPARE(s.splits.at(0), int64_t(5));
        QCOMPARE(s.splits.at(1), int64_t(1));
        QCOMPARE(s.splits.at(2), int64_t(1));
        QCOMPARE(s.classes.size(), size_t(3));
        QCOMPARE(s.classes[0].name, std::string("a"));
        QCOMPARE(s.classes[0].split[0], int64_t(3));
        QCOMPARE(s.classes[0].split[1], int64_t(1));
        QCOMPARE(s.classes[0].total(), int64_t(4));
        QCOMPARE(s.classes[1].name, std::string("b"));
        QCOMPARE(s.classes[1].split[0], int64_t(1));
        QCOMPARE(s.classes[1].split[2], int64_t(1));
        QCOMPARE(s.classes[2].idx, 2);
        QCOMPARE(s.classes[2].total(), int64_t(0));
        QCOMPARE(s.imports.size(), size_t(2));
        QCOMPARE(s.imports[0].finishedAt, std::string("T2"));
        QCOMPARE(s.imports[0].imported, int64_t(6));
        QCOMPARE(s.imports[1].source, std::string("/src/b.csv"));
        QCOMPARE(s.imports[1].finishedAt, std::string());
        QCOMPARE(s.imports[1].state, std::string("running"));
        QCOMPARE(s.issueCount, int64_t(3));
        QCOMPARE(s.issues.size(), size_t(2));  // maxIssues
        QVERIFY(!s.issues[0].line);
        QCOMPARE(s.issues[0].reason, std::string("not an image"));
        QCOMPARE(s.issues[1].importId, int64_t(2));
        QCOMPARE(*s.issues[1].line, int64_t(7));

        auto empty = makeProject("empty.winnow");
        const ProjectSummary e = readProjectSummary(*empty, 20);
        QCOMPARE(e.samples, int64_t(0));
        QVERIFY(e.splits.empty());
        QCOMPARE(e.classes.size(), size_t(3));
        QVERIFY(e.imports.empty() && e.issues.empty());
    }

    void reviewStatusCountsEffectiveDecisionsAndRows() {
        auto p = makeProject("status.winnow");
        int64_t s[4];
        for (auto& id : s) id = addSample(*p, 0, 0, 10);
        {
            ReviewLog log(*p);
            auto rec = [&](int64_t id, ReviewAction a, int newLabel = -1) {
                Decision d;
                d.reviewer = "t";
                d.sampleId = id;
                d.action = a;
                d.oldLabel = 0;
                d.newLabel = newLabel;
                log.record(d);
            };
            rec(s[0], ReviewAction::Keep);
            rec(s[1], ReviewAction::Exclude);
            rec(s[2], ReviewAction::Keep);
            rec(s[2], ReviewAction::Relabel, 1);  // the later decision wins
            rec(s[3], ReviewAction::Trust);       // not a label decision
        }
        const ReviewStatus st = readReviewStatus(*p);
        QCOMPARE(st.reviewed, int64_t(3));
        QCOMPARE(st.auditRows, int64_t(5));
        QCOMPARE(st.byAction.size(), size_t(3));
        QCOMPARE(st.byAction.at("keep"), int64_t(1));
        QCOMPARE(st.byAction.at("exclude"), int64_t(1));
        QCOMPARE(st.byAction.at("relabel"), int64_t(1));
    }

    void runRows() {
        auto p = makeProject("runs.winnow");
        QCOMPARE(newestRunWithOutputs(*p), int64_t(0));
        QVERIFY(listRunRows(*p).empty());
        auto& db = p->db();
        db.exec("INSERT INTO label_versions(id, parent_id, name, created_at) VALUES(2, 1, 'clean', '2030-01-01T00:00:00Z')");
        db.exec("INSERT INTO runs(id, created_at, state, kind, config_json, outputs_dir, summary_json) VALUES"
                " (1, '2000-01-01T00:00:00Z', 'done', 'train', '{\"model\":\"m1\"}', 'runs/1', '{\"acc_val\":0.5}')");
        db.exec("INSERT INTO runs(id, created_at, state, kind, config_json, message, parent_run) VALUES"
                " (2, '2000-01-02T00:00:00Z', 'failed', 'train', '{}', 'boom', 1)");
        db.exec("INSERT INTO runs(id, created_at, state, kind, config_json, outputs_dir) VALUES"
                " (3, '2000-01-03T00:00:00Z', 'done', 'cross-val', '{}', 'runs/3'),"
                " (4, '2031-01-01T00:00:00Z', 'running', 'train', '{}', 'runs/4')");
        db.exec("INSERT INTO meta(key, value) VALUES('run_label_version.2', '5')");

        const auto rows = listRunRows(*p);
        QCOMPARE(rows.size(), size_t(4));
        for (size_t i = 0; i < rows.size(); ++i) QCOMPARE(rows[i].id, int64_t(i + 1));
        QCOMPARE(rows[0].configJson, std::string("{\"model\":\"m1\"}"));
        QCOMPARE(rows[0].summaryJson, std::string("{\"acc_val\":0.5}"));
        QCOMPARE(rows[0].labelVersion, int64_t(1));  // older than every version but the first
        QCOMPARE(rows[1].labelVersion, int64_t(5));  // recorded by a retrain
        QCOMPARE(rows[1].parentRun, int64_t(1));
        QCOMPARE(rows[2].kind, std::string("cross-val"));
        QCOMPARE(rows[2].parentRun, int64_t(0));
        QCOMPARE(rows[3].labelVersion, int64_t(2));  // the newest version before it

        const auto failed = findRunRow(*p, 2);
        QVERIFY(failed);
        QCOMPARE(failed->state, std::string("failed"));
        QCOMPARE(failed->message, std::string("boom"));
        QCOMPARE(failed->summaryJson, std::string());
        QCOMPARE(findRunRow(*p, 1)->message, std::string());
        QVERIFY(!findRunRow(*p, 99));

        QCOMPARE(newestRunWithOutputs(*p), int64_t(3));  // 4 is not finished; cross-val counts
        QCOMPARE(runOutputsFolder(*p, 1).value_or("?"), std::string("runs/1"));
        QVERIFY(!runOutputsFolder(*p, 2));
        QVERIFY(!runOutputsFolder(*p, 99));
    }

    void scoringRows() {
        auto p = makeProject("scorings.winnow");
        QVERIFY(!newestScoringWithResult(*p));
        auto& db = p->db();
        db.exec("INSERT INTO runs(id, created_at, state, kind, config_json) VALUES(1, 'T', 'done', 'train', '{}'),"
                " (3, 'T', 'done', 'train', '{}')");
        db.exec("INSERT INTO scorings(id, run_id, detector, created_at, params_json, result_file) VALUES"
                " (1, 1, 'small-loss', 'T1', '{}', 'scorings/1'),"
                " (2, 1, 'influential-rank', 'T2', '{\"gamma\":3}', NULL),"
                " (3, 1, 'small-loss', 'T3', '{}', 'scorings/3'),"
                " (4, 3, 'confident-learning', 'T4', '{}', 'scorings/4'),"
                " (5, 1, 'influential-rank', 'T5', '{\"gamma\":7}', NULL)");

        const auto one = scoringWithResult(*p, 1);
        QVERIFY(one);
        QCOMPARE(one->runId, int64_t(1));
        QCOMPARE(one->detector, std::string("small-loss"));
        QCOMPARE(one->createdAt, std::string("T1"));
        QCOMPARE(one->resultFile, std::string("scorings/1"));
        QVERIFY(!scoringWithResult(*p, 2));   // no result file
        QVERIFY(!scoringWithResult(*p, 99));
        QCOMPARE(newestScoringWithResult(*p)->id, int64_t(4));

        const auto ofRun = scoringsWithResultOfRun(*p, 1);
        QCOMPARE(ofRun.size(), size_t(2));
        QCOMPARE(ofRun[0].id, int64_t(1));
        QCOMPARE(ofRun[1].id, int64_t(3));
        QVERIFY(scoringsWithResultOfRun(*p, 2).empty());

        const auto newest = newestScoringPerDetector(*p, 1);
        QCOMPARE(newest.size(), size_t(2));
        QCOMPARE(newest[0].id, int64_t(3));
        QCOMPARE(newest[1].id, int64_t(5));
        QCOMPARE(newest[1].paramsJson, std::string("{\"gamma\":7}"));
        QCOMPARE(newest[1].resultFile, std::string());
    }

    void reviewSampleRows() {
        auto p = makeProject("samples.winnow");
        const int64_t image = addSample(*p, 0, 0, 10, 0, 1);
        const int64_t plain = addSample(*p, 0, 0, 10);
        const int64_t clip = addSample(*p, 2, 0, 11, 0, 0, 0, 10, 20);
        const int64_t badClip = addSample(*p, 2, 0, 11, 1, 1, 0, 10, 20);

        QCOMPARE(trustedSampleIds(*p), (std::vector<int64_t>{image, badClip}));
        QVERIFY(isSampleTrusted(*p, image));
        QVERIFY(!isSampleTrusted(*p, plain));
        QVERIFY(!isSampleTrusted(*p, 999));

        const auto span = clipSpanOf(*p, clip);
        QVERIFY(span);
        QCOMPARE(span->frameStart, int64_t(10));
        QCOMPARE(span->frameEnd, int64_t(20));
        QVERIFY(span->video.rfind("/m/", 0) == 0);
        QVERIFY(!clipSpanOf(*p, badClip));  // unreadable
        QVERIFY(!clipSpanOf(*p, image));    // not a clip
        QVERIFY(!clipSpanOf(*p, 999));
    }

    void labelHistoryOldestFirst() {
        auto p = makeProject("history.winnow");
        const int64_t s = addSample(*p, 0, 0, 10, 0, 0, 11);
        const int64_t other = addSample(*p, 0, 0, 10);
        QVERIFY(labelHistory(*p, s).empty());
        auto& db = p->db();
        db.exec("INSERT INTO label_versions(id, parent_id, name, created_at) VALUES"
                " (2, 1, 'noise', 'T2'), (3, 2, 'clean', 'T3')");
        db.exec("INSERT INTO label_changes(version_id, sample_id, old_label, new_label, action) VALUES"
                " (3, " + std::to_string(s) + ", 10, NULL, 'exclude'),"
                " (2, " + std::to_string(s) + ", 11, 10, 'noise')");
        const auto h = labelHistory(*p, s);
        QCOMPARE(h.size(), size_t(2));
        QCOMPARE(h[0].version, std::string("noise"));
        QCOMPARE(h[0].createdAt, std::string("T2"));
        QCOMPARE(h[0].oldClass, std::string("b"));
        QCOMPARE(h[0].newClass, std::string("a"));
        QCOMPARE(h[0].action, std::string("noise"));
        QCOMPARE(h[1].version, std::string("clean"));
        QCOMPARE(h[1].oldClass, std::string("a"));
        QCOMPARE(h[1].newClass, std::string());
        QCOMPARE(h[1].action, std::string("exclude"));
        QVERIFY(labelHistory(*p, other).empty());
    }
};

QTEST_GUILESS_MAIN(TestReadModels)
#include "tst_read_models.moc"
