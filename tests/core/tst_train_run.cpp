// trainRun end to end on a tiny array-backed project the test writes itself: convergence,
// the recorded run, run outputs checked against their own definition, resume, cancellation,
// failures, cross-validation, exclusion and the long-tailed subset, the CMO preview.
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include <torch/torch.h>

#include <QtTest>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/train/cmo_preview.h"
#include "core/train/cpu_tuning.h"
#include "core/train/run_outputs.h"
#include "core/train/subsets.h"
#include "core/train/trainer.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

constexpr int kSide = 8;

// 3 classes, 8x8 grey: class k has a bright horizontal band in rows [3k, 3k+2) plus noise.
// Train 80 per class, val 10, test 20, two unlabelled train samples and one unreadable one.
std::unique_ptr<Project> makeProject(const fs::path& file) {
    auto p = Project::create(file);
    SampleStore store(p->db());
    int64_t cls[3];
    for (int k = 0; k < 3; ++k) cls[k] = store.ensureClass("c" + std::to_string(k));
    struct Row { int label; int split; int status; };
    std::vector<Row> rows;
    for (int split = 0; split < 3; ++split)
        for (int k = 0; k < 3; ++k)
            for (int i = 0; i < (split == 0 ? 80 : split == 1 ? 10 : 20); ++i) rows.push_back({k, split, 0});
    rows.push_back({-1, 0, 0});
    rows.push_back({-1, 0, 0});
    rows.push_back({0, 0, 1});
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> noise(0, 60);
    std::vector<uint8_t> px(rows.size() * kSide * kSide);
    for (size_t r = 0; r < rows.size(); ++r) {
        int k = rows[r].label < 0 ? int(r % 3) : rows[r].label;
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                px[r * 64 + size_t(y * kSide + x)] =
                    uint8_t(noise(rng) + ((y >= 3 * k && y < 3 * k + 2) ? 180 : 0));
    }
    fs::create_directories(p->cacheDir());
    std::ofstream(p->cacheDir() / "fixture.u8", std::ios::binary)
        .write(reinterpret_cast<const char*>(px.data()), std::streamsize(px.size()));
    p->db().exec("INSERT INTO arrays(id, source, cache_file, count, height, width, channels) VALUES(1, 'fixture', "
                 "'fixture.u8', " + std::to_string(rows.size()) + ", 8, 8, 1)");
    auto ins = p->db().prepare(
        "INSERT INTO samples(media_kind, path, array_id, item_index, split, label, status, width, height)"
        " VALUES(1, '/fixture', 1, ?, ?, ?, ?, 8, 8)");
    for (size_t r = 0; r < rows.size(); ++r) {
        ins.bind(1, int64_t(r)).bind(2, rows[r].split);
        if (rows[r].label >= 0) ins.bind(3, cls[rows[r].label]);
        else ins.bindNull(3);
        ins.bind(4, rows[r].status).run();
    }
    return p;
}

TrainConfig smallConfig() {
    TrainConfig c;
    c.epochs = 5;
    c.batchSize = 32;
    c.lr = 0.05;
    c.threads = 2;
    c.cropPadding = 1;
    c.seed = 3;
    return c;
}

// Callbacks that cancel the run at the first epoch report `when` accepts.
TrainCallbacks cancelWhen(CancelToken& cancel, std::function<bool(const nlohmann::json&)> when) {
    TrainCallbacks cb;
    cb.cancel = &cancel;
    cb.onEpoch = [&cancel, when](const nlohmann::json& m) {
        if (when(m)) cancel.cancel();
    };
    return cb;
}

std::string runState(Project& p, int64_t id) {
    return p.db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(id));
}

}  // namespace

class TestTrainRun : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path file(const std::string& n) { return fs::path(m_tmp.path().toStdString()) / n; }

private Q_SLOTS:
    void convergesAndRecordsOutputs() {
        auto p = makeProject(file("conv.winnow"));
        int epochs = 0;
        TrainCallbacks cb;
        cb.onEpoch = [&](const nlohmann::json&) { ++epochs; };
        TrainResult r = trainRun(*p, smallConfig(), cb);
        QCOMPARE(epochs, 5);
        QCOMPARE(QString::fromStdString(runState(*p, r.runId)), QString("done"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(r.runId)), 5);
        QVERIFY2(jsonDouble(jsonField(r.finalMetrics, "acc_test")) >= 0.95, dumpJson(r.finalMetrics).c_str());
        QCOMPARE(jsonField(r.finalMetrics, "per_class_acc").size(), size_t(3));
        QVERIFY(!jsonField(r.finalMetrics, "acc_medium").is_null());  // 80 per class is medium-shot
        QVERIFY(jsonField(r.finalMetrics, "acc_many").is_null());

        auto out = RunOutputs::open(r.outputsDir);
        const int64_t readable = p->db().queryInt64("SELECT count(*) FROM samples WHERE status=0");
        QCOMPARE(out->meta().n, readable);
        QCOMPARE(out->meta().classes, 3);
        QCOMPARE(out->meta().features, 128);
        const int64_t unreadable = p->db().queryInt64("SELECT id FROM samples WHERE status=1");
        QCOMPARE(out->rowOf(unreadable), int64_t(-1));
        // Loss is the CE of the stored logits against the given label; NaN when unlabelled.
        auto st = p->db().prepare("SELECT s.id, coalesce(c.idx,-1) FROM samples s LEFT JOIN classes c "
                                  "ON c.id=s.label WHERE s.status=0");
        int correct = 0, unlabelled = 0;
        while (st.step()) {
            int64_t row = out->rowOf(st.int64(0));
            QVERIFY(row >= 0);
            int y = st.int32(1);
            const float* z = out->logits() + row * 3;
            if (y < 0) {
                QVERIFY(std::isnan(out->loss()[row]));
                ++unlabelled;
                continue;
            }
            double m = std::max({z[0], z[1], z[2]});
            double lse = m + std::log(std::exp(z[0] - m) + std::exp(z[1] - m) + std::exp(z[2] - m));
            QVERIFY(std::abs((lse - z[y]) - out->loss()[row]) < 1e-4);
            correct += (std::max_element(z, z + 3) - z) == y;
            for (int l = 0; l < 128; ++l) QVERIFY(out->features()[row * 128 + l] >= 0.f);
        }
        QCOMPARE(unlabelled, 2);
        QVERIFY(correct > 0.9 * (readable - 2));
    }

    void resumeGivesIdenticalParameters() {
        auto p = makeProject(file("resume.winnow"));
        TrainConfig c = smallConfig();
        c.epochs = 4;
        c.deterministic = true;
        TrainResult full = trainRun(*p, c, {});

        CancelToken cancel;
        const TrainCallbacks cb = cancelWhen(cancel, [](const nlohmann::json& m) { return jsonInt(jsonField(m, "epoch")) == 1; });
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainRun(*p, c, cb));
        int64_t cut = p->db().queryInt64("SELECT max(id) FROM runs");
        QCOMPARE(QString::fromStdString(runState(*p, cut)), QString("cancelled"));
        fs::path cutDir = p->cacheDir() / "runs" / std::to_string(cut);
        QVERIFY(!fs::exists(cutDir / "meta.json"));  // never mistaken for finished outputs

        TrainConfig resume;
        resume.resumeRunId = cut;
        resume.threads = 2;
        TrainResult r = trainRun(*p, resume, {});
        QCOMPARE(r.runId, cut);
        QCOMPARE(QString::fromStdString(runState(*p, cut)), QString("done"));

        torch::serialize::InputArchive a, b;
        a.load_from((fs::path(full.outputsDir) / "checkpoint.pt").string());
        b.load_from((cutDir / "checkpoint.pt").string());
        int compared = 0;
        for (const auto& key : a.keys()) {
            if (key.rfind("model.", 0) != 0) continue;
            torch::Tensor ta, tb;
            a.read(key, ta);
            QVERIFY2(b.try_read(key, tb), key.c_str());
            QVERIFY2(torch::equal(ta, tb), key.c_str());
            ++compared;
        }
        QVERIFY(compared >= 10);  // convs, BN (weights, biases, running stats), linears
    }

    void cancelTakesEffectWithinOneBatch() {
        auto p = makeProject(file("cancel.winnow"));
        CancelToken cancel;
        int callsAfterCancel = 0;
        TrainCallbacks cb;
        cb.cancel = &cancel;
        cb.progress = [&](const Progress& pr) {
            if (pr.message.rfind("epoch", 0) != 0) return;
            if (cancel.cancelled()) ++callsAfterCancel;
            cancel.cancel();  // first report comes after batch 1
        };
        TrainConfig c = smallConfig();
        c.batchSize = 4;  // 60 batches an epoch: a late cancel would show more reports
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainRun(*p, c, cb));
        QCOMPARE(callsAfterCancel, 0);
        int64_t id = p->db().queryInt64("SELECT max(id) FROM runs");
        QCOMPARE(QString::fromStdString(runState(*p, id)), QString("cancelled"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(id)), 0);
        p.reset();
        auto again = Project::open(file("cancel.winnow"));  // the project is intact
        QCOMPARE(again->db().queryInt64("SELECT count(*) FROM samples"), int64_t(333));
    }

    // CPU training holds OpenBLAS at one thread (its spinning workers would compete with
    // torch's OpenMP pool) and gives the previous count back afterwards, also on failure.
    void cpuTrainingHoldsOneBlasThread() {
        QVERIFY2(setOpenBlasThreads(3), "this LibTorch does not use OpenBLAS (Debian's does)");
        auto p = makeProject(file("blas.winnow"));
        std::vector<int> during;
        TrainCallbacks cb;
        cb.onEpoch = [&](const nlohmann::json&) { during.push_back(openBlasThreads()); };
        TrainConfig c = smallConfig();
        c.epochs = 2;
        c.device = "cpu";
        trainRun(*p, c, cb);
        QCOMPARE(during, std::vector<int>({1, 1}));
        QCOMPARE(openBlasThreads(), 3);
        c.lr = 1e30;  // diverges: the count still comes back
        c.schedule = "constant";
        QVERIFY_THROWS_EXCEPTION(Error, trainRun(*p, c, cb));
        QCOMPARE(openBlasThreads(), 3);
    }

    void divergenceNamesEpochAndBatch() {
        auto p = makeProject(file("nan.winnow"));
        TrainConfig c = smallConfig();
        c.lr = 1e30;
        c.schedule = "constant";
        try {
            trainRun(*p, c, {});
            QFAIL("diverging run did not stop");
        } catch (const Error& e) {
            std::string m = e.what();
            QVERIFY2(m.find("epoch 1") != std::string::npos && m.find("batch ") != std::string::npos, e.what());
        }
        int64_t id = p->db().queryInt64("SELECT max(id) FROM runs");
        QCOMPARE(QString::fromStdString(runState(*p, id)), QString("failed"));
        QVERIFY(!p->db().queryText("SELECT message FROM runs WHERE id=" + std::to_string(id)).empty());
    }

    void badTorchScriptIsReadable() {
        auto p = makeProject(file("ts.winnow"));
        fs::path bad = file("bad.pt");
        std::ofstream(bad) << "this is not a TorchScript archive";
        TrainConfig c = smallConfig();
        c.model = "torchscript";
        c.torchscriptPath = bad.string();
        try {
            trainRun(*p, c, {});
            QFAIL("bad TorchScript accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(bad.string()) != std::string::npos, e.what());
        }
        int64_t id = p->db().queryInt64("SELECT max(id) FROM runs");
        QCOMPARE(QString::fromStdString(runState(*p, id)), QString("failed"));
    }

    void otherModelsAndBottleneck() {
        auto p = makeProject(file("models.winnow"));
        for (const char* model : {"resnet32", "resnet18"}) {
            TrainConfig c = smallConfig();
            c.model = model;
            c.epochs = 1;
            c.subset = 32;  // these are big for 8x8 inputs; one short epoch proves the wiring
            c.bottleneck = 16;
            TrainResult r = trainRun(*p, c, {});
            auto out = RunOutputs::open(r.outputsDir);
            QCOMPARE(out->meta().features, 16);
            QCOMPARE(QString::fromStdString(out->meta().model), QString(model));
        }
    }

    void crossValidationStoresHeldOutOutputs() {
        auto p = makeProject(file("cv.winnow"));
        TrainConfig c = smallConfig();
        c.epochs = 3;
        c.crossValFolds = 2;
        TrainResult r = trainRun(*p, c, {});
        QCOMPARE(QString::fromStdString(p->db().queryText("SELECT kind FROM runs WHERE id=" +
                                                          std::to_string(r.runId))), QString("cross-val"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(r.runId)), 6);
        QVERIFY(jsonDouble(jsonField(r.finalMetrics, "oos_acc_train")) > 0.9);
        QVERIFY(jsonDouble(jsonField(r.finalMetrics, "train_seconds")) > 0);
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "sample_passes")), int64_t(240 * 3));  // 2 folds x 120 x 3
        auto out = RunOutputs::open(r.outputsDir);
        QCOMPARE(out->meta().n, int64_t(332));
    }

    // A cross-validation run cancelled in its second fold resumes at that fold (the first is
    // not trained again) and ends with the outputs, passes and epochs of an uninterrupted run.
    void crossValResumesAtTheInterruptedFold() {
        auto p = makeProject(file("cvresume.winnow"));
        TrainConfig c = smallConfig();
        c.epochs = 2;
        c.crossValFolds = 3;
        c.deterministic = true;
        TrainResult full = trainRun(*p, c, {});

        CancelToken cancel;
        const TrainCallbacks cb = cancelWhen(cancel, [](const nlohmann::json& m) { return jsonInt(jsonField(m, "fold")) == 1; });
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainRun(*p, c, cb));
        const int64_t cut = p->db().queryInt64("SELECT max(id) FROM runs");
        const fs::path cutDir = p->cacheDir() / "runs" / std::to_string(cut);
        QVERIFY(fs::exists(cutDir / "cv-state.json"));
        QVERIFY(!fs::exists(cutDir / "meta.json"));

        TrainConfig resume;
        resume.resumeRunId = cut;
        resume.threads = 2;
        std::vector<int64_t> folds;
        TrainCallbacks seen;
        seen.onEpoch = [&](const nlohmann::json& m) { folds.push_back(jsonInt(jsonField(m, "fold"))); };
        TrainResult r = trainRun(*p, resume, seen);
        QCOMPARE(r.runId, cut);
        QCOMPARE(folds, (std::vector<int64_t>{1, 1, 2, 2}));  // fold 0 came from the saved state
        QCOMPARE(QString::fromStdString(runState(*p, cut)), QString("done"));
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "resumed_from_fold")), int64_t(1));
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "sample_passes")), jsonInt(jsonField(full.finalMetrics, "sample_passes")));
        QCOMPARE(jsonDouble(jsonField(r.finalMetrics, "oos_acc_train")), jsonDouble(jsonField(full.finalMetrics, "oos_acc_train")));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(cut)), 6);
        QVERIFY(!fs::exists(cutDir / "cv-state.json") && !fs::exists(cutDir / "cv-state.bin"));
        auto a = RunOutputs::open(full.outputsDir), b = RunOutputs::open(r.outputsDir);
        QCOMPARE(b->meta().n, a->meta().n);
        const int64_t k = a->meta().n * a->meta().classes;
        for (int64_t i = 0; i < k; ++i) QCOMPARE(b->logits()[i], a->logits()[i]);
        for (int64_t i = 0; i < a->meta().n; ++i) QCOMPARE(b->sampleIds()[i], a->sampleIds()[i]);
    }

    // A damaged or foreign state is refused with the file named; nothing is trained on it.
    void crossValResumeRefusesAChangedState() {
        auto p = makeProject(file("cvbad.winnow"));
        TrainConfig c = smallConfig();
        c.epochs = 1;
        c.crossValFolds = 3;
        CancelToken cancel;
        const TrainCallbacks cb = cancelWhen(cancel, [](const nlohmann::json& m) { return jsonInt(jsonField(m, "fold")) == 1; });
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainRun(*p, c, cb));
        const int64_t cut = p->db().queryInt64("SELECT max(id) FROM runs");
        const fs::path dir = p->cacheDir() / "runs" / std::to_string(cut);
        TrainConfig resume;
        resume.resumeRunId = cut;
        // The bin cut short: its size no longer matches the description.
        fs::resize_file(dir / "cv-state.bin", fs::file_size(dir / "cv-state.bin") - 4);
        try {
            trainRun(*p, resume, {});
            QFAIL("a damaged state was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("cv-state.bin") != std::string::npos, e.what());
        }
        QCOMPARE(QString::fromStdString(runState(*p, cut)), QString("failed"));
    }

    void exclusionAndLongTail() {
        auto p = makeProject(file("lt.winnow"));
        auto ex = longTailExcludeIds(p->db(), 4.0, 7);
        QCOMPARE(ex.size(), size_t(100));  // keeps 80, 40, 20 of 80 each
        QCOMPARE(longTailExcludeIds(p->db(), 4.0, 7), ex);
        fs::path list = file("ex.txt");
        writeIdList(list, ex);
        QCOMPARE(readIdList(list), ex);
        TrainConfig c = smallConfig();
        c.epochs = 1;
        c.excludeIds = ex;
        c.loss = "ib";
        c.ibStartEpoch = 0;
        TrainResult r = trainRun(*p, c, {});
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "n_train")), int64_t(140));
        const nlohmann::json& counts = jsonField(r.finalMetrics, "train_counts");
        QCOMPARE(jsonInt(jsonItem(counts, size_t(0))), int64_t(80));
        QCOMPARE(jsonInt(jsonItem(counts, size_t(1))), int64_t(40));
        QCOMPARE(jsonInt(jsonItem(counts, size_t(2))), int64_t(20));
        // Excluded samples still get outputs (the influence engine scores the whole set).
        QCOMPARE(RunOutputs::open(r.outputsDir)->rowOf(ex.front()) >= 0, true);
        // The summary times that final inference pass and counts its rows.
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "outputs_rows")), RunOutputs::open(r.outputsDir)->meta().n);
        QVERIFY(jsonDouble(jsonField(r.finalMetrics, "outputs_seconds")) > 0);
    }

    void imageFilesAreDecodedAndResized() {
        // 3 classes x 8 PNG files of 12x10 RGB (class k: bright channel k), trained at 8x8.
        auto p = Project::create(file("files.winnow"));
        SampleStore store(p->db());
        fs::path dir = file("pngs");
        fs::create_directories(dir);
        auto ins = p->db().prepare(
            "INSERT INTO samples(media_kind, path, split, label, width, height) VALUES(0, ?, ?, ?, 12, 10)");
        for (int k = 0; k < 3; ++k) {
            int64_t cls = store.ensureClass("k" + std::to_string(k));
            for (int i = 0; i < 8; ++i) {
                cv::Mat m(10, 12, CV_8UC3, cv::Scalar(20, 20, 20));
                m.setTo(cv::Scalar(k == 2 ? 230 : 20, k == 1 ? 230 : 20, k == 0 ? 230 : 20));  // BGR
                fs::path f = dir / ("k" + std::to_string(k) + "_" + std::to_string(i) + ".png");
                QVERIFY(cv::imwrite(f.string(), m));
                ins.bind(1, f.string()).bind(2, i < 6 ? 0 : 2).bind(3, cls).run();
            }
        }
        TrainConfig c = smallConfig();
        c.epochs = 3;
        c.batchSize = 6;
        c.inputSize = 8;
        c.loaderThreads = 2;
        TrainResult r = trainRun(*p, c, {});
        auto out = RunOutputs::open(r.outputsDir);
        QCOMPARE(out->meta().n, int64_t(24));
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "n_train")), int64_t(18));
        QVERIFY(jsonDouble(jsonField(r.finalMetrics, "acc_test")) >= 0.99);
        // A file that vanished after import is skipped with a warning naming it; the run goes on.
        fs::remove(dir / "k1_3.png");
        std::vector<std::string> warnings;
        TrainCallbacks cb;
        cb.onWarning = [&](const std::string& m) { warnings.push_back(m); };
        TrainResult r2 = trainRun(*p, c, cb);
        QCOMPARE(warnings.size(), size_t(1));
        QVERIFY2(warnings[0].find("k1_3.png") != std::string::npos, warnings[0].c_str());
        QCOMPARE(jsonInt(jsonField(r2.finalMetrics, "skipped_samples")), int64_t(1));
        QCOMPARE(RunOutputs::open(r2.outputsDir)->meta().n, int64_t(23));
    }

    void cmoRunAndPreview() {
        auto p = makeProject(file("cmo.winnow"));
        TrainConfig c = smallConfig();
        c.epochs = 4;
        c.cmo = true;
        c.cmoStartEpoch = 1;
        c.cmoEndMargin = 1;
        int cmoBatches = 0, cmoOutside = 0;
        TrainCallbacks cb;
        cb.onEpoch = [&](const nlohmann::json& m) {
            int e = int(jsonInt(jsonField(m, "epoch")));
            (e >= 1 && e < 3 ? cmoBatches : cmoOutside) += int(jsonInt(jsonField(m, "cmo_batches")));
        };
        trainRun(*p, c, cb);
        QVERIFY(cmoBatches > 0);
        QCOMPARE(cmoOutside, 0);

        auto a = cmoPreview(p->db(), c, 5, 6);
        auto b = cmoPreview(p->db(), c, 5, 6);
        QCOMPARE(a.draws.size(), size_t(6));
        QCOMPARE(a.q.size(), size_t(3));
        for (size_t i = 0; i < 6; ++i) {
            const auto& d = a.draws[i];
            QCOMPARE(d.idBackground, b.draws[i].idBackground);
            QCOMPARE(d.lambda, b.draws[i].lambda);
            double area = double(d.boxX1 - d.boxX0) * double(d.boxY1 - d.boxY0);
            QVERIFY(std::abs(d.lambda - (1 - area / 64.0)) < 1e-12);
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x) {
                    bool in = x >= d.boxX0 && x < d.boxX1 && y >= d.boxY0 && y < d.boxY1;
                    size_t o = size_t(y * 8 + x);
                    QCOMPARE(d.mixed.pixels[o], in ? d.foreground.pixels[o] : d.background.pixels[o]);
                }
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainRun)
#include "tst_train_run.moc"
