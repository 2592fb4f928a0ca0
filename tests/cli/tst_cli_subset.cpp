// Issue 16, bug 14, as a user meets it: `train --subset N` then `score` used to fail after
// the training ("whose rows the detectors cannot recover"). Now the subset run is scored on
// the N samples it trained on.
#include <QtTest>

#include "../core/array_project_fixture.h"
#include "cli_runner.h"

using namespace winnow::test;
namespace fs = std::filesystem;

class TestCliSubset : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void trainSubsetThenScore() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "subset.winnow";
        array_fixture::makeArrayProject(file, 30);  // 90 training samples
        const QString p = QString::fromStdString(file.string());
        const CliResult train = runCli({"train", "--project", p, "--subset", "40", "--epochs", "1", "--batch", "16",
                                        "--threads", "2", "--json"});
        QVERIFY2(train.code == 0, train.err.constData());
        for (const char* method : {"small-loss", "confident-learning"}) {
            const CliResult score = runCli({"score", "--project", p, "--method", method, "--json"});
            QVERIFY2(score.code == 0, score.err.constData());
            QCOMPARE(lastJson(score.out).value(QStringLiteral("n")).toInt(), 40);
        }
    }
};

QTEST_MAIN(TestCliSubset)
#include "tst_cli_subset.moc"
