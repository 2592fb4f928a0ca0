// winnow-cli retrieval demo / retrieval train: the demo caption set and a built-in encoder from
// the command line, JSON progress, a folder in use refused, the bundled merges file by
// default and a missing one named, and Ctrl-C (SIGINT) ending a training with exit 130 and no model file.
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "core/dataset/demo.h"

namespace fs = std::filesystem;
using winnow::test::lastJson;
using winnow::test::runCli;

namespace {

const fs::path kMerges = fs::path(WINNOW_SHARED_DATA) / "clip" / "bpe_simple_vocab_16e6.txt.gz";

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

std::string slurpFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> lines;
    for (const QByteArray& l : out.split('\n'))
        if (!l.trimmed().isEmpty()) lines.push_back(QJsonDocument::fromJson(l).object());
    return lines;
}

}  // namespace

class TestCliRetrievalBuiltin : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    void requireData() {
        if (!winnow::core::fashionMnistAvailable())
            QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        if (!fs::exists(kMerges)) QSKIP(qPrintable("CLIP's merges file is missing: " + q(kMerges)));
    }

private Q_SLOTS:
    void demoThenTrain() {
        requireData();
        const fs::path demo = root() / "demo";
        auto r = runCli({"retrieval", "demo", "--out", q(demo), "--count", "40", "--seed", "2", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QJsonObject done = lastJson(r.out);
        QCOMPARE(done["event"].toString(), QString("done"));
        QCOMPARE(done["images"].toInt(), 40);
        QCOMPARE(done["caption_count"].toInt(), 200);
        QVERIFY(fs::exists(demo / "captions.json"));
        QVERIFY(fs::exists(demo / "images/00040.png"));

        // The same folder again: refused, left as it was.
        const auto before = fs::last_write_time(demo / "captions.json");
        r = runCli({"retrieval", "demo", "--out", q(demo), "--count", "5"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
        QCOMPARE(fs::last_write_time(demo / "captions.json"), before);

        const fs::path model = root() / "model.wbe";
        r = runCli({"retrieval", "train", "--captions", q(demo / "captions.json"), "--images", q(demo), "--out", q(model),
                    "--merges", q(kMerges), "--epochs", "2", "--batch", "16", "--threads", "2", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        int steps = 0, epochs = 0;
        for (const QJsonObject& j : jsonLines(r.out)) {
            if (j["event"].toString() == "step") {
                ++steps;
                QVERIFY(j["loss"].toDouble() > 0);
                QVERIFY(j["temperature"].toDouble() > 0);
            } else if (j["event"].toString() == "epoch") {
                ++epochs;
                QVERIFY(j["val_i2t_r1"].isDouble());  // 4 of 40 images held out by default
            }
        }
        QCOMPARE(epochs, 2);
        QCOMPARE(steps, 2 * 3);  // 36 training images in batches of 16
        done = lastJson(r.out);
        QCOMPARE(done["event"].toString(), QString("done"));
        QCOMPARE(done["train_images"].toInt(), 36);
        std::ifstream in(model, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        const QByteArray sha = QCryptographicHash::hash(QByteArray::fromStdString(bytes.str()), QCryptographicHash::Sha256).toHex();
        QCOMPARE(done["identity"].toString(), "builtin:" + QString::fromLatin1(sha));
        // The training history beside the model: every step and epoch, the same identity.
        const fs::path history = root() / "model.training.json";
        QCOMPARE(done["history"].toString(), q(history));
        const QJsonObject h = QJsonDocument::fromJson(QByteArray::fromStdString(slurpFile(history))).object();
        QCOMPARE(h["identity"].toString(), done["identity"].toString());
        QCOMPARE(h["steps"].toArray().size(), steps);
        QCOMPARE(h["epochs"].toArray().size(), epochs);
    }

    // Without --merges (and without WINNOW_CLIP_MERGES) the bundled copy of CLIP's merges file
    // is used; a --merges path that does not exist is a usage error naming it, and no model is written.
    void mergesDefaultToTheBundledCopy() {
        requireData();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("WINNOW_CLIP_MERGES");
        const fs::path demo = root() / "demo2";
        QCOMPARE(runCli({"retrieval", "demo", "--out", q(demo), "--count", "4"}).code, 0);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(WINNOW_CLI, {"retrieval", "train", "--captions", q(demo / "captions.json"), "--images", q(demo),
                             "--out", q(root() / "m.wbe"), "--epochs", "1", "--batch", "4", "--val-share", "0"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(fs::exists(root() / "m.wbe"));
        QProcess bad;
        bad.setProcessEnvironment(env);
        bad.start(WINNOW_CLI, {"retrieval", "train", "--captions", q(demo / "captions.json"), "--images", q(demo),
                               "--out", q(root() / "m2.wbe"), "--merges", q(root() / "no-such-merges.txt")});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);  // checked with the arguments, before anything is read
        QVERIFY2(bad.readAllStandardError().contains("no-such-merges.txt"), "the missing merges file is not named");
        QVERIFY(!fs::exists(root() / "m2.wbe"));
    }

    void ctrlCLeavesNoModel() {
        requireData();
        const fs::path demo = root() / "demo3";
        QCOMPARE(runCli({"retrieval", "demo", "--out", q(demo), "--count", "200"}).code, 0);
        const fs::path outDir = root() / "out";
        fs::create_directories(outDir);
        QProcess train;
        train.start(WINNOW_CLI, {"retrieval", "train", "--captions", q(demo / "captions.json"), "--images", q(demo),
                                 "--out", q(outDir / "model.wbe"), "--merges", q(kMerges), "--epochs", "1000",
                                 "--batch", "8", "--threads", "1", "--json"});
        QVERIFY(train.waitForStarted());
        QByteArray seen;
        while (!seen.contains("\"event\":\"step\"") && train.state() == QProcess::Running) {
            train.waitForReadyRead(100);
            seen += train.readAllStandardOutput();
        }
        QVERIFY2(train.state() == QProcess::Running, "the training ended before it could be interrupted");
        ::kill(pid_t(train.processId()), SIGINT);
        QVERIFY(train.waitForFinished(60000));
        QCOMPARE(train.exitCode(), 130);
        QVERIFY(fs::is_empty(outDir));  // no model, no temporary
    }
};

QTEST_GUILESS_MAIN(TestCliRetrievalBuiltin)
#include "tst_retrieval_builtin.moc"
