// One built-in encoder training into a model file (core/retrieval/builtin_training_run.h), on
// a 40-image Fashion-MNIST demo set: every step and every epoch's end is reported in order with
// the run's step count, the history JSON beside the model holds exactly the reported numbers
// and the model's SHA-256 (computed here with Qt), and a cancel — during training or after the
// last step — leaves no file at all in the output folder.
#include <QCryptographicHash>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/dataset/demo.h"
#include "core/retrieval/builtin_training_run.h"
#include "core/retrieval/caption_demo.h"
#include "core/retrieval/caption_set.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const fs::path kMerges = fs::path(WINNOW_SHARED_DATA) / "clip" / "bpe_simple_vocab_16e6.txt.gz";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::set<std::string> namesIn(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

}  // namespace

class TestRetrievalBuiltinTraining : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    CaptionSet m_set;
    std::string m_skip;

    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    void requireData() {
        if (!m_skip.empty()) QSKIP(m_skip.c_str());
    }
    BuiltinTrainOptions options() const {
        BuiltinTrainOptions o;
        o.merges = kMerges;
        o.epochs = 2;
        o.batch = 8;
        o.validationShare = 0.25;  // 40 images: 30 train (batches 8, 8, 8, 6), 10 held out
        o.seed = 3;
        o.threads = 1;
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!fashionMnistAvailable()) {
            m_skip = "Fashion-MNIST is not installed in " + fashionMnistDir().string() +
                     " (apt-get install dataset-fashion-mnist)";
            return;
        }
        if (!fs::exists(kMerges)) {
            m_skip = "CLIP's merges file is missing: " + kMerges.string();
            return;
        }
        CaptionDemoOptions demo;
        demo.count = 40;
        demo.seed = 3;
        const CaptionDemoReport built = buildCaptionDemo(root() / "demo", demo);
        CaptionSetOptions load;
        load.imageFolder = root() / "demo";
        m_set = loadCaptionSet(built.captionsFile, load);
        QCOMPARE(m_set.images.size(), size_t(40));
    }

    void historyFileNameBesideTheModel() {
        QCOMPARE(builtinTrainingHistoryFile("/a/b/enc.wbe"), fs::path("/a/b/enc.training.json"));
        QCOMPARE(builtinTrainingHistoryFile("/a/b/enc"), fs::path("/a/b/enc.training.json"));
    }

    void jobProgressFromAReport() {
        BuiltinTrainProgress p;
        p.epoch = 1;
        p.epochs = 4;
        p.step = 6;
        p.steps = 16;
        p.loss = 1.23456;
        const Progress g = builtinTrainingProgress(p);
        QCOMPARE(g.fraction, 6.0 / 16.0);
        QCOMPARE(g.message, std::string("epoch 2/4, loss 1.235"));
    }

    void reportsEveryStepAndWritesTheHistory() {
        requireData();
        const fs::path out = root() / "run";
        fs::create_directories(out);
        std::vector<BuiltinTrainProgress> reports;
        const BuiltinTrainingOutcome r =
            trainBuiltinEncoderToFile(m_set, options(), out / "enc.wbe", [&](const BuiltinTrainProgress& p) {
                reports.push_back(p);
            });
        // 4 steps per epoch, each reported, then the epoch's end: 2 x (4 + 1) reports.
        QCOMPARE(reports.size(), size_t(10));
        std::vector<BuiltinTrainProgress> steps, epochs;
        for (const auto& p : reports) (p.epochEnd ? epochs : steps).push_back(p);
        QCOMPARE(steps.size(), size_t(8));
        QCOMPARE(epochs.size(), size_t(2));
        for (size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].step, int64_t(i + 1));
            QCOMPARE(steps[i].steps, int64_t(8));
            QCOMPARE(steps[i].epoch, int(i / 4));
            QVERIFY(std::isfinite(steps[i].loss) && steps[i].loss > 0);
            QVERIFY(steps[i].temperature >= 0.01 - 1e-9 && steps[i].temperature <= 1.0);
        }
        QCOMPARE(reports[4].epochEnd, true);  // the epoch's end follows its last step
        QCOMPARE(epochs[0].step, int64_t(4));
        QCOMPARE(epochs[1].step, int64_t(8));
        for (const auto& e : epochs) QVERIFY(e.validationI2T_R1 >= 0 && e.validationI2T_R1 <= 1);
        // The epoch's loss is the mean of its steps.
        QVERIFY(std::abs(epochs[0].loss - (steps[0].loss + steps[1].loss + steps[2].loss + steps[3].loss) / 4) < 1e-9);

        QCOMPARE(r.model, out / "enc.wbe");
        QCOMPARE(r.history, out / "enc.training.json");
        QCOMPARE(namesIn(out), (std::set<std::string>{"enc.wbe", "enc.training.json"}));
        const std::string bytes = slurp(r.model);
        const QByteArray sha =
            QCryptographicHash::hash(QByteArray(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256).toHex();
        QCOMPARE(QString::fromStdString(r.identity), "builtin:" + QString::fromLatin1(sha));

        const nlohmann::json h = readJsonFile(r.history);
        QCOMPARE(jsonString(h["format"]), std::string("winnow-builtin-training"));
        QCOMPARE(jsonString(h["model"]), std::string("enc.wbe"));
        QCOMPARE(jsonString(h["identity"]), r.identity);
        QCOMPARE(jsonString(h["caption_set"]), std::string("captions.json"));
        QCOMPARE(h["settings"]["lr"].get<double>(), 2e-3);
        QCOMPARE(h["settings"]["epochs"].get<int>(), 2);
        QCOMPARE(h["settings"]["backbone"].get<std::string>(), std::string("cnn-small"));
        QCOMPARE(h["steps"].size(), size_t(8));
        QCOMPARE(h["epochs"].size(), size_t(2));
        for (size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(h["steps"][i]["step"].get<int64_t>(), steps[i].step);
            QCOMPARE(h["steps"][i]["epoch"].get<int>(), steps[i].epoch + 1);
            QCOMPARE(h["steps"][i]["loss"].get<double>(), steps[i].loss);  // exact: shortest round-trip text
            QCOMPARE(h["steps"][i]["temperature"].get<double>(), steps[i].temperature);
        }
        QCOMPARE(h["epochs"][1]["val_i2t_r1"].get<double>(), epochs[1].validationI2T_R1);
        QCOMPARE(h["epochs"][1]["val_t2i_r1"].get<double>(), epochs[1].validationT2I_R1);
        QCOMPARE(h["final"]["train_images"].get<int>(), 30);
        QCOMPARE(h["final"]["validation_images"].get<int>(), 10);
        QCOMPARE(h["final"]["val_i2t_r1"].get<double>(), epochs[1].validationI2T_R1);
    }

    void cancelDuringTrainingWritesNothing() {
        requireData();
        const fs::path out = root() / "cancel-mid";
        fs::create_directories(out);
        CancelToken cancel;
        int seen = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 trainBuiltinEncoderToFile(m_set, options(), out / "enc.wbe",
                                                           [&](const BuiltinTrainProgress& p) {
                                                               if (!p.epochEnd && ++seen == 3) cancel.cancel();
                                                           },
                                                           &cancel));
        QCOMPARE(seen, 3);  // the next step saw the token
        QVERIFY(namesIn(out).empty());
    }

    void cancelAfterTheLastStepWritesNothing() {
        requireData();
        const fs::path out = root() / "cancel-end";
        fs::create_directories(out);
        CancelToken cancel;
        // The last report of the run: the second epoch's end; no step polls the token after it.
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 trainBuiltinEncoderToFile(m_set, options(), out / "enc.wbe",
                                                           [&](const BuiltinTrainProgress& p) {
                                                               if (p.epochEnd && p.epoch == 1) cancel.cancel();
                                                           },
                                                           &cancel));
        QVERIFY(namesIn(out).empty());
    }
};

QTEST_GUILESS_MAIN(TestRetrievalBuiltinTraining)
#include "tst_retrieval_builtin_training.moc"
