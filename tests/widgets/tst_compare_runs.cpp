// "Compare runs" against hand computations on fixture rows written by the test: the runs
// table (config, label version, final accuracies from the summary or the last epoch), the
// overlaid curves and per-class bars of two runs, and for their scorings the flagged counts,
// Jaccard overlap, Spearman rank correlation and self-test precision/recall/F1.
#include <QComboBox>
#include <QTableWidget>
#include <QtTest>
#include <qcustomplot.h>

#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/train_config.h"
#include "widgets/review/plot_frame.h"
#include "widgets/runs/compare_runs_dialog.h"
#include "widgets/runs/run_comparison.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

namespace {

// Samples 1..8 (train), truth classes 0,1,2,0,1,2,0,1.
void makeProject(const fs::path& file) {
    auto p = core::Project::create(file);
    auto& db = p->db();
    for (int k = 0; k < 3; ++k)
        db.exec("INSERT INTO classes(idx, name) VALUES(" + std::to_string(k) + ", 'k" + std::to_string(k) + "')");
    const int truth[8] = {0, 1, 2, 0, 1, 2, 0, 1};
    for (int i = 0; i < 8; ++i)
        db.exec("INSERT INTO samples(id, media_kind, path, split, label, original_label) VALUES(" + std::to_string(i + 1) +
                ", 0, '/x" + std::to_string(i) + ".png', 0, (SELECT id FROM classes WHERE idx=" + std::to_string(truth[i]) +
                "), (SELECT id FROM classes WHERE idx=" + std::to_string(truth[i]) + "))");
    // Run 1 (cnn-small, ce, 2 epochs) before label version 2, run 2 (resnet32, focal, 3) after.
    core::TrainConfig c1, c2;
    c1.epochs = 2;
    c2.model = "resnet32";
    c2.loss = "focal";
    c2.epochs = 3;
    auto run = db.prepare("INSERT INTO runs(id, created_at, state, kind, config_json, summary_json, parent_run)"
                          " VALUES(?, ?, 'done', 'train', ?, ?, ?)");
    run.bind(1, 1).bind(2, "2030-01-01T00:00:00Z").bind(3, core::dumpJson(c1.toJson()))
        .bind(4, R"({"acc_train":0.9,"acc_val":0.8,"acc_test":0.75})").bindNull(5).run();
    db.exec("INSERT INTO label_versions(id, parent_id, name, created_at) VALUES(2, 1, 'reviewed', '2030-01-02T00:00:00Z')");
    run.reset();
    run.bind(1, 2).bind(2, "2030-01-03T00:00:00Z").bind(3, core::dumpJson(c2.toJson())).bindNull(4).bind(5, 1).run();
    auto ep = db.prepare("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(?,?,?)");
    const char* rows1[] = {R"({"epoch":1,"loss_train":1.2,"acc_train":0.5,"acc_val":0.6})",
                           R"({"epoch":2,"loss_train":0.7,"acc_train":0.9,"acc_val":0.8,"per_class_acc":[0.7,0.8,0.9]})"};
    const char* rows2[] = {R"({"epoch":1,"loss_train":1.5,"acc_train":0.4,"acc_val":0.5})",
                           R"({"epoch":2,"loss_train":0.9,"acc_train":0.8,"acc_val":0.7})",
                           R"({"epoch":3,"loss_train":0.4,"acc_train":0.95,"acc_val":0.85,"acc_test":null,"per_class_acc":[1.0,0.5,0.25]})"};
    for (int e = 0; e < 2; ++e) ep.bind(1, 1).bind(2, e + 1).bind(3, rows1[e]).run(), ep.reset();
    for (int e = 0; e < 3; ++e) ep.bind(1, 2).bind(2, e + 1).bind(3, rows2[e]).run(), ep.reset();

    // Scoring 1 of run 1: ids 1..6; scoring 2 of run 2: ids 2..7 (both small-loss).
    auto writeScoring = [&](int64_t id, int64_t runId, std::vector<int64_t> ids, std::vector<int32_t> given,
                            std::vector<float> score, std::vector<uint8_t> flag) {
        core::ScoreFile f;
        f.meta = nlohmann::json::object();
        f.meta["format"] = 1;
        f.meta["detector"] = "small-loss";
        f.meta["n"] = int64_t(ids.size());
        f.meta["classes"] = 3;
        f.sampleIds = ids;
        f.givenLabel = given;
        f.suggestedLabel.assign(ids.size(), 0);
        f.suggestedProb.assign(ids.size(), 0.5f);
        f.score = score;
        f.flag = flag;
        f.write(p->cacheDir() / "scorings" / std::to_string(id));
        auto st = db.prepare("INSERT INTO scorings(id, run_id, detector, created_at, params_json, result_file)"
                             " VALUES(?, ?, 'small-loss', 't', '{}', ?)");
        st.bind(1, id).bind(2, runId).bind(3, "scorings/" + std::to_string(id)).run();
    };
    writeScoring(1, 1, {1, 2, 3, 4, 5, 6}, {1, 1, 2, 1, 1, 0}, {0.9f, 0.1f, 0.5f, 0.3f, 0.8f, 0.2f}, {1, 0, 1, 1, 0, 0});
    writeScoring(2, 2, {2, 3, 4, 5, 6, 7}, {1, 2, 0, 1, 0, 0}, {0.2f, 0.4f, 0.1f, 0.9f, 0.3f, 0.7f}, {0, 0, 1, 0, 1, 1});
}

QString cell(QTableWidget* t, int r, int c) { return t->item(r, c) ? t->item(r, c)->text() : QString(); }

QVector<double> graphValues(QCustomPlot* p, const QString& name) {
    QVector<double> v;
    for (int i = 0; i < p->graphCount(); ++i)
        if (p->graph(i)->name() == name)
            for (auto it = p->graph(i)->data()->constBegin(); it != p->graph(i)->data()->constEnd(); ++it) v << it->value;
    return v;
}

}  // namespace

class TestCompareRuns : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;

private Q_SLOTS:
    void initTestCase() {
        m_file = fs::path(m_tmp.path().toStdString()) / "cmp.winnow";
        makeProject(m_file);
    }

    void statisticsByHand() {
        const auto a = loadScoringVector(m_file, 1), b = loadScoringVector(m_file, 2);
        QCOMPARE(a.ids, (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(a.truth, (std::vector<int32_t>{0, 1, 2, 0, 1, 2}));
        // A: noisy (given != truth) = ids 1, 4, 6; flagged 1, 3, 4 -> TP 2: P = R = F1 = 2/3.
        const auto qa = flagQuality(a);
        QCOMPARE(qa.flagged, 3);
        QCOMPARE(qa.noisy, 3);
        QCOMPARE(qa.truePositives, 2);
        QCOMPARE(qa.precision, 2.0 / 3);
        QCOMPARE(qa.recall, 2.0 / 3);
        QVERIFY(std::abs(qa.f1 - 2.0 / 3) < 1e-12);
        // B: noisy = id 6; flagged 4, 6, 7 -> TP 1: P = 1/3, R = 1, F1 = 2(1/3)/(4/3) = 0.5.
        const auto qb = flagQuality(b);
        QCOMPARE(qb.noisy, 1);
        QCOMPARE(qb.precision, 1.0 / 3);
        QCOMPARE(qb.recall, 1.0);
        QVERIFY(std::abs(qb.f1 - 0.5) < 1e-12);
        // Flagged {1,3,4} vs {4,6,7}: overlap 1, union 5 -> Jaccard 0.2. Common ids 2..6 with
        // score ranks (1,4,3,5,2) and (2,4,1,5,3): Σd² = 6, ρ = 1 - 6·6/(5·24) = 0.7.
        const auto c = compareScorings(a, b);
        QCOMPARE(c.flaggedA, 3);
        QCOMPARE(c.flaggedB, 3);
        QCOMPARE(c.common, 5);
        QCOMPARE(c.overlap, 1);
        QCOMPARE(c.jaccard, 0.2);
        QVERIFY(std::abs(c.spearman - 0.7) < 1e-12);
        // Without truth there is no precision.
        auto plain = a;
        plain.truth.assign(plain.truth.size(), -1);
        QVERIFY(std::isnan(flagQuality(plain).precision));
    }

    void runsTableShowsConfigAndFinalAccuracy() {
        const auto runs = loadRuns(m_file);
        QCOMPARE(int(runs.size()), 2);
        QCOMPARE(runs[0].labelVersion, 1);
        QCOMPARE(runs[1].labelVersion, 2);
        QCOMPARE(runs[1].parentRun, 1);
        CompareRunsDialog dlg(m_file);
        QTableWidget* t = dlg.runsTable();
        QCOMPARE(t->rowCount(), 2);
        const QStringList r1{"1", "done", "train", "cnn-small", "ce", "2", "1", "90.0%", "80.0%", "75.0%"};
        // Run 2 has no summary: its last epoch row gives the accuracies; no test accuracy.
        const QStringList r2{"2", "done", "train", "resnet32", "focal", "3", "2", "95.0%", "85.0%", "–"};
        for (int c = 0; c < r1.size(); ++c) {
            QCOMPARE(cell(t, 0, c), r1[c]);
            QCOMPARE(cell(t, 1, c), r2[c]);
        }
    }

    void twoRunsSideBySide() {
        CompareRunsDialog dlg(m_file);
        // Default: the newest run (B) against the run it was retrained from (A).
        QCOMPARE(dlg.runA(), 1);
        QCOMPARE(dlg.runB(), 2);
        QCOMPARE(dlg.curve(0, QStringLiteral("acc_val")), (QVector<double>{0.6, 0.8}));
        QCOMPARE(dlg.curve(1, QStringLiteral("acc_val")), (QVector<double>{0.5, 0.7, 0.85}));
        QCustomPlot* acc = dlg.accuracyFrame()->plot();
        QCOMPARE(graphValues(acc, QStringLiteral("A val")), (QVector<double>{0.6, 0.8}));
        QCOMPARE(graphValues(acc, QStringLiteral("B val")), (QVector<double>{0.5, 0.7, 0.85}));
        QCOMPARE(graphValues(dlg.lossFrame()->plot(), QStringLiteral("B train")), (QVector<double>{1.5, 0.9, 0.4}));
        QCOMPARE(dlg.perClass(0), (QVector<double>{0.7, 0.8, 0.9}));
        QCOMPARE(dlg.perClass(1), (QVector<double>{1.0, 0.5, 0.25}));
        QCOMPARE(dlg.perClassFrame()->plot()->plottableCount(), 2);

        QTableWidget* s = dlg.scoringTable();
        QCOMPARE(s->rowCount(), 1);
        const QStringList expect{"small-loss", "3", "3", "1", "0.200", "0.700",
                                 "0.667 / 0.667 / 0.667", "0.333 / 1.000 / 0.500", "5"};
        for (int c = 0; c < expect.size(); ++c) QCOMPARE(cell(s, 0, c), expect[c]);

        // Swapping the runs swaps the per-run columns; the symmetric ones stay.
        QVERIFY(dlg.setRuns(2, 1));
        QCOMPARE(cell(s, 0, 1), QStringLiteral("3"));
        QCOMPARE(cell(s, 0, 6), QStringLiteral("0.333 / 1.000 / 0.500"));
        QCOMPARE(cell(s, 0, 4), QStringLiteral("0.200"));
        QCOMPARE(dlg.perClass(0), (QVector<double>{1.0, 0.5, 0.25}));
        QVERIFY(!dlg.setRuns(1, 99));
        if (qEnvironmentVariableIsSet("WINNOW_COMPARE_SCREENSHOT")) {  // for a visual check
            QVERIFY(dlg.setRuns(1, 2));
            dlg.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dlg));
            dlg.grab().save(qEnvironmentVariable("WINNOW_COMPARE_SCREENSHOT"));
        }
    }

    // A version recorded by a retrain wins over the one inferred from creation times.
    void recordedLabelVersionWins() {
        {
            auto p = core::Project::open(m_file);
            p->setMeta("run_label_version.1", "2");
        }
        const auto runs = loadRuns(m_file);
        QCOMPARE(runs[0].labelVersion, 2);
        QCOMPARE(runs[1].labelVersion, 2);
        auto p = core::Project::open(m_file);
        p->db().exec("DELETE FROM meta WHERE key='run_label_version.1'");
    }
};

QTEST_MAIN(TestCompareRuns)
#include "tst_compare_runs.moc"
