// The arguments the Train dialog passes to `winnow-cli train` for a run of several processes
// (core::trainCliArguments, issue 12) are all accepted by the CLI: a config with every field
// changed parses, and the command then fails only on the project (exit 1), never on an option
// (exit 2). Before --cmo-prob and --drw-start existed, the dialog's CMO probability and DRW
// start could not be passed.
#include <QtTest>

#include <QTemporaryDir>

#include "cli_runner.h"
#include "core/train/train_command_line.h"

using namespace winnow;

namespace {
QStringList args(const std::vector<std::string>& v) {
    QStringList out{"train"};
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}
}  // namespace

class TestTrainLaunchArgs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyDialogSettingParses() {
        QTemporaryDir dir;
        const std::string project = dir.filePath("missing.winnow").toStdString();
        core::TrainConfig c;
        c.model = "resnet18";
        c.bottleneck = 32;
        c.inputSize = 16;
        c.framesPerClip = 4;
        c.epochs = 20;
        c.batchSize = 32;
        c.evalBatchSize = 64;
        c.lr = 0.0125;
        c.momentum = 0.5;
        c.nesterov = true;
        c.weightDecay = 0.001;
        c.schedule = "step";
        c.warmupEpochs = 2;
        c.loss = "ib-focal";
        c.focalGamma = 2;
        c.ibAlpha = 500;
        c.ibStartEpoch = 5;
        c.classWeights = "drw";
        c.drwStartEpoch = 12;
        c.sampler = "qr";
        c.samplerR = 0.5;
        c.cmo = true;
        c.cmoProb = 0.3;
        c.cmoStartEpoch = 1;
        c.cmoEndMargin = 2;
        c.augment = false;
        c.cropPadding = 2;
        c.hflip = false;
        c.device = "cpu";
        c.threads = 1;
        c.loaderThreads = 1;
        c.prefetchBatches = 3;
        c.mixedPrecision = false;
        c.seed = 5;
        c.deterministic = true;
        c.subset = 100;
        const QStringList a = args(core::trainCliArguments(project, c));
        const auto r = test::runCli(a);
        QVERIFY2(r.code == 1, qPrintable(QString::number(r.code) + ": " + QString::fromUtf8(r.err)));
        QVERIFY2(r.err.contains("missing.winnow"), r.err.constData());  // the project, not an option

        // The control: one option the CLI does not know is a usage error.
        const auto bad = test::runCli(a + QStringList{"--no-such-option"});
        QCOMPARE(bad.code, 2);
    }

    void theResumeFormParses() {
        QTemporaryDir dir;
        core::TrainConfig c;
        c.resumeRunId = 3;
        c.device = "cpu";
        c.threads = 2;
        const auto r = test::runCli(args(core::trainCliArguments(dir.filePath("missing.winnow").toStdString(), c)));
        QVERIFY2(r.code == 1, qPrintable(QString::number(r.code) + ": " + QString::fromUtf8(r.err)));
    }
};

QTEST_GUILESS_MAIN(TestTrainLaunchArgs)
#include "tst_train_launch_args.moc"
