// Issue 16, bug 14: a run trained on a random `--subset` could not be scored ("whose rows the
// detectors cannot recover"), and the user learnt it only after training. The run now records
// the ids it drew (runs/<id>/train_ids.txt) and the detectors score exactly those samples.
#include <QtTest>

#include <algorithm>
#include <filesystem>

#include "array_project_fixture.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/subsets.h"
#include "core/train/trainer.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestSubsetScoring : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void subsetRunIsScoredOnItsOwnSamples() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "subset.winnow";
        array_fixture::makeArrayProject(file, 40);  // 120 training samples
        auto p = Project::open(file);
        TrainConfig c = array_fixture::tinyConfig(1);
        c.subset = 50;
        const auto run = trainRun(*p, c, {});
        const fs::path idsFile = fs::path(run.outputsDir) / kTrainIdsFile;
        QVERIFY(fs::exists(idsFile));
        auto drawn = readIdList(idsFile);
        QCOMPARE(drawn.size(), size_t(50));
        std::sort(drawn.begin(), drawn.end());
        QVERIFY(std::adjacent_find(drawn.begin(), drawn.end()) == drawn.end());
        // Every drawn id is a labelled training sample of the project.
        for (int64_t id : drawn)
            QCOMPARE(p->db().queryInt64("SELECT split FROM samples WHERE id=" + std::to_string(id), -1), 0);

        for (const char* det : {"small-loss", "confident-learning", "influential-rank"}) {
            ScoreRequest r;
            r.detector = det;
            ScoringOutcome out;
            try {
                out = scoreProject(*p, r);
            } catch (const Error& e) {
                QFAIL(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(det), QString::fromUtf8(e.what()))));
            }
            const std::string rel = p->db().queryText("SELECT result_file FROM scorings WHERE id=" +
                                                      std::to_string(out.scoringId));
            const auto sf = ScoreFile::read(p->cacheDir() / rel);
            std::vector<int64_t> scored(sf.sampleIds.begin(), sf.sampleIds.end());
            std::sort(scored.begin(), scored.end());
            QVERIFY2(scored == drawn, det);  // exactly the samples the run trained on
        }
    }

    // A subset run from before the ids were recorded is refused with what to do.
    void subsetRunWithoutIdsSaysWhy() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "old.winnow";
        array_fixture::makeArrayProject(file, 20);
        auto p = Project::open(file);
        TrainConfig c = array_fixture::tinyConfig(1);
        c.subset = 30;
        const auto run = trainRun(*p, c, {});
        fs::remove(fs::path(run.outputsDir) / kTrainIdsFile);
        ScoreRequest r;
        r.detector = "small-loss";
        try {
            scoreProject(*p, r);
            QFAIL("scored a subset run without its ids");
        } catch (const Error& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QLatin1String(kTrainIdsFile)) && msg.contains(QStringLiteral("--subset")),
                     qPrintable(msg));
        }
    }
};

QTEST_MAIN(TestSubsetScoring)
#include "tst_subset_scoring.moc"
