// The command line that trains a TrainConfig in other processes (issue 12: the Train dialog's
// "Processes: N" starts torchrun ... winnow-cli train ...): exactly the options that differ from
// the defaults (numbers through formatNumber, locale-free), the resume form, and a clear refusal of what the CLI
// cannot be given.
#include <QtTest>

#include "core/train/train_command_line.h"
#include "core/util/invalid_setting.h"

using namespace winnow::core;

using Strings = std::vector<std::string>;

namespace {
QStringList q(const Strings& v) {
    QStringList out;
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}
std::string refusalOf(const TrainConfig& c) {
    try {
        trainCliArguments("/p/x.winnow", c);
    } catch (const InvalidSetting& e) {
        return e.what();
    }
    return "";
}
}  // namespace

class TestTrainCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsGiveOnlyTheProject() {
        QCOMPARE(q(trainCliArguments("/data/my project.winnow", TrainConfig{})),
                 QStringList({"--project", "/data/my project.winnow", "--json"}));
    }

    void everyChangedFieldIsPassed() {
        TrainConfig c;
        c.model = "resnet32";
        c.bottleneck = 64;
        c.epochs = 3;
        c.batchSize = 32;
        c.lr = 0.05;
        c.weightDecay = 0.001;
        c.schedule = "step";
        c.loss = "focal";
        c.focalGamma = 2.5;
        c.classWeights = "drw";
        c.drwStartEpoch = 2;
        c.sampler = "qr";
        c.samplerR = 0.3;
        c.cmo = true;
        c.cmoProb = 0.25;
        c.cmoStartEpoch = 0;
        c.augment = false;
        c.hflip = false;
        c.device = "cpu";
        c.threads = 1;
        c.mixedPrecision = false;
        c.seed = 7;
        c.deterministic = true;
        c.warmupEpochs = 1;
        c.nesterov = true;
        c.momentum = 0.8;
        c.loaderThreads = 3;
        QCOMPARE(q(trainCliArguments("/p/x.winnow", c)),
                 QStringList({"--project", "/p/x.winnow", "--model", "resnet32", "--bottleneck", "64",
                              "--epochs", "3", "--batch", "32", "--lr", "0.05", "--momentum", "0.8",
                              "--nesterov", "--weight-decay", "0.001", "--schedule", "step", "--warmup", "1",
                              "--loss", "focal", "--focal-gamma", "2.5", "--class-weights", "drw",
                              "--drw-start", "2", "--sampler", "qr", "--sampler-r", "0.3", "--cmo",
                              "--cmo-prob", "0.25", "--cmo-start", "0", "--no-augment", "--no-hflip",
                              "--device", "cpu", "--threads", "1", "--loader-threads", "3", "--no-amp",
                              "--seed", "7", "--deterministic", "--json"}));
    }

    void torchscriptPathOnlyWithItsModel() {
        TrainConfig c;
        c.torchscriptPath = "/m/backbone.pt";  // left over from an earlier choice
        QCOMPARE(q(trainCliArguments("/p/x.winnow", c)), QStringList({"--project", "/p/x.winnow", "--json"}));
        c.model = "torchscript";
        QCOMPARE(q(trainCliArguments("/p/x.winnow", c)),
                 QStringList({"--project", "/p/x.winnow", "--model", "torchscript", "--torchscript",
                              "/m/backbone.pt", "--json"}));
    }

    void resumeKeepsTheStoredSettings() {
        TrainConfig c;
        c.resumeRunId = 12;
        c.epochs = 99;  // ignored: a resumed run keeps its stored settings
        c.device = "cpu";
        c.threads = 2;
        QCOMPARE(q(trainCliArguments("/p/x.winnow", c)),
                 QStringList({"--project", "/p/x.winnow", "--resume", "12", "--device", "cpu", "--threads", "2",
                              "--json"}));
    }

    void whatTheCliCannotTakeIsRefused() {
        TrainConfig c;
        c.excludeIds = {1, 2};
        QVERIFY(QString::fromStdString(refusalOf(c)).contains("exclusion list"));
        c = {};
        c.kind = "post-train";
        c.parentRun = 3;
        QVERIFY(QString::fromStdString(refusalOf(c)).contains("post-training"));
        c = {};
        c.stepGamma = 0.5;
        QVERIFY(QString::fromStdString(refusalOf(c)).contains("step gamma"));
        c = {};
        c.crossValFolds = 5;
        c.kind = "cross-val";
        QCOMPARE(refusalOf(c), std::string());
    }

    void torchrunWrapsTheCli() {
        TrainConfig c;
        c.epochs = 2;
        const LaunchCommand l = torchrunTrainCommand("/usr/bin/torchrun", 4, "/opt/w/winnow-cli", "/p/x.winnow", c);
        QCOMPARE(QString::fromStdString(l.program), QString("/usr/bin/torchrun"));
        QCOMPARE(q(l.arguments),
                 QStringList({"--nproc_per_node=4", "-r", "1", "-t", "1", "--no_python", "/opt/w/winnow-cli", "train",
                              "--project", "/p/x.winnow", "--epochs", "2", "--json"}));
        QVERIFY_THROWS_EXCEPTION(InvalidSetting, torchrunTrainCommand("torchrun", 0, "cli", "/p/x.winnow", c));
    }

    // A master port (the GUI's free loopback port) goes to torchrun with the loopback address,
    // before torchrun's own options end.
    void torchrunTakesAMasterPort() {
        TrainConfig c;
        const LaunchCommand l = torchrunTrainCommand("torchrun", 2, "cli", "/p/x.winnow", c, 41234);
        QCOMPARE(q(l.arguments),
                 QStringList({"--nproc_per_node=2", "--master_addr=127.0.0.1", "--master_port=41234", "-r", "1", "-t",
                              "1", "--no_python", "cli", "train", "--project", "/p/x.winnow", "--json"}));
        QVERIFY_THROWS_EXCEPTION(InvalidSetting, torchrunTrainCommand("torchrun", 2, "cli", "/p/x.winnow", c, 65536));
        QVERIFY_THROWS_EXCEPTION(InvalidSetting, torchrunTrainCommand("torchrun", 2, "cli", "/p/x.winnow", c, -1));
    }
};

QTEST_GUILESS_MAIN(TestTrainCommandLine)
#include "tst_train_command_line.moc"
