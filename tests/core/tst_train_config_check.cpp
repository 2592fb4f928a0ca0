// Training settings out of range are refused before anything is written: no run row, no
// outputs folder (a refused config used to leave a 'failed' run behind). The message names
// the setting and its range.
#include <QtTest>

#include "array_project_fixture.h"
#include "core/train/config_check.h"
#include "core/util/invalid_setting.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestTrainConfigCheck : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;

    // trainRun must throw InvalidSetting mentioning `mention`, and leave no run and no run folder.
    void expectRefused(const TrainConfig& cfg, const char* mention) {
        auto p = Project::open(m_file);
        try {
            trainRun(*p, cfg, {});
            QFAIL(qPrintable(QString("trained although it should refuse: ") + mention));
        } catch (const InvalidSetting& e) {
            QVERIFY2(std::string(e.what()).find(mention) != std::string::npos, e.what());
        }
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM runs"), int64_t(0));
        QVERIFY(!fs::exists(p->cacheDir() / "runs" / "1"));
    }

private Q_SLOTS:
    void initTestCase() {
        m_file = fs::path(m_tmp.path().toStdString()) / "c.winnow";
        array_fixture::makeArrayProject(m_file, 20);  // 60 labelled training samples
    }

    void outOfRangeSettingsLeaveNoRun() {
        TrainConfig c = array_fixture::tinyConfig(1);
        c.lr = -0.1;
        expectRefused(c, "--lr");
        c = array_fixture::tinyConfig(1);
        c.weightDecay = -1;
        expectRefused(c, "--weight-decay");
        c = array_fixture::tinyConfig(1);
        c.momentum = 1.5;
        expectRefused(c, "--momentum");
        c = array_fixture::tinyConfig(1);
        c.subset = -10;
        expectRefused(c, "--subset");
        c = array_fixture::tinyConfig(1);
        c.threads = -1;
        expectRefused(c, "--threads");
    }

    void crossValFoldsAtMostTheTrainingSamples() {
        TrainConfig c = array_fixture::tinyConfig(1);
        c.crossValFolds = 61;
        expectRefused(c, "[2, 60]");
        c.crossValFolds = 5;
        c.subset = 4;
        expectRefused(c, "[2, 4]");
        auto p = Project::open(m_file);
        c.subset = 0;
        checkTrainConfig(*p, c);  // 5 of 60: fine (no throw)
        c.crossValFolds = 60;
        checkTrainConfig(*p, c);
    }
};

QTEST_GUILESS_MAIN(TestTrainConfigCheck)
#include "tst_train_config_check.moc"
