// `winnow-cli eval` on a self-test project: the table, the review default chosen by the
// self-test, the run's noise structure, and the choice the project would get without its
// injected truth (the figure benchmarks call "the default"), in text and JSON.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "cli_runner.h"
#include "core/influence/noise_structure.h"
#include "core/store/project.h"
#include "tests/core/score_fixture.h"

namespace fs = std::filesystem;
using namespace winnow;
using winnow::test::CliResult;
using winnow::test::runCli;

class TestCliEval : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Six samples of class a, samples 5 and 6 truly b (injected noise); a run that has not
    // memorised; early-loss ranks worst, cl-early best; cl-early's joint holds `rows`.
    fs::path makeProject(const char* name, const std::vector<core::NoiseRow>& rows) {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / name;
        auto p = core::Project::create(file);
        auto& db = p->db();
        db.exec("INSERT INTO classes(idx, name) VALUES(0, 'a'), (1, 'b'), (2, 'c')");
        auto ins = db.prepare("INSERT INTO samples(media_kind, path, split, label) VALUES(0, ?, 0, "
                              "(SELECT id FROM classes WHERE idx=0))");
        for (int i = 0; i < 6; ++i) ins.bind(1, "s" + std::to_string(i) + ".png").run();
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        db.exec("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(1, 1, '{\"acc_train\":0.8}')");
        db.exec("INSERT INTO noise_injections(created_at, kind, rate, seed, trusted_per_class, n_flipped, "
                "n_eligible) VALUES('t', 'asymmetric', 0.33, 1, 0, 2, 6)");
        db.exec("UPDATE samples SET original_label=label");
        db.exec("UPDATE samples SET original_label=(SELECT id FROM classes WHERE idx=1) WHERE id IN (5, 6)");
        test::addTestScoring(*p, 1, "early-loss", {6, 5, 4, 3, 2, 1}, {});
        const int64_t ce = test::addTestScoring(*p, 1, "cl-early", {1, 2, 3, 4, 6, 5}, {0, 0, 0, 0, 1, 1});
        db.prepare("UPDATE scorings SET summary_json=? WHERE id=?")
            .bind(1, nlohmann::json{{"noise_by_class", core::noiseRowsJson(rows)}}.dump()).bind(2, ce).run();
        return file;
    }

private Q_SLOTS:
    void aSystematicFlipIsNamedAndChangesTheDefault() {
        // 30 suspects per class, all to one other class: concentration 1 >= 0.75 (three classes).
        const fs::path p = makeProject("flip.winnow", {{30, 30, 1}, {30, 30, 2}, {30, 30, 0}});
        const CliResult text = runCli({"eval", "--project", QString::fromStdString(p.string())});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("noise structure of run 1: pair-flip"), text.out.constData());
        QVERIFY2(text.out.contains("review queue default: scoring 2 (cl-early)"), text.out.constData());
        QVERIFY2(text.out.contains("without the self-test: scoring 2 (cl-early)"), text.out.constData());

        const CliResult json = runCli({"eval", "--project", QString::fromStdString(p.string()), "--json"});
        QCOMPARE(json.code, 0);
        const QJsonObject j = test::lastJson(json.out);
        const QJsonObject ns = j["noise_structure"].toObject();
        QCOMPARE(ns["kind"].toString(), QString("pair-flip"));
        QCOMPARE(ns["pair_concentration"].toDouble(), 1.0);
        QCOMPARE(ns["threshold"].toDouble(), 0.75);
        QCOMPARE(ns["source"].toString(), QString("confident joint"));
        QCOMPARE(j["default_without_self_test"].toObject()["detector"].toString(), QString("cl-early"));
    }

    void spreadNoiseKeepsEarlyLossWithoutTheSelfTest() {
        const fs::path p = makeProject("spread.winnow", {{30, 15, 1}, {30, 15, 2}, {30, 15, 0}});
        const CliResult json = runCli({"eval", "--project", QString::fromStdString(p.string()), "--json"});
        QCOMPARE(json.code, 0);
        const QJsonObject j = test::lastJson(json.out);
        QCOMPARE(j["noise_structure"].toObject()["kind"].toString(), QString("spread"));
        QCOMPARE(j["recommended"].toObject()["detector"].toString(), QString("cl-early"));  // best AP
        QCOMPARE(j["default_without_self_test"].toObject()["detector"].toString(), QString("early-loss"));
        QCOMPARE(j["default_without_self_test"].toObject()["scoring_id"].toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliEval)
#include "tst_cli_eval.moc"
