// RunOutputs: what the writer streams is what the memory-mapped reader returns; incomplete
// or truncated output directories are refused.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/train/run_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestTrainOutputs : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const char* n) { return fs::path(m_tmp.path().toStdString()) / n; }

private Q_SLOTS:
    void roundTripInTwoBlocks() {
        const int K = 3, L = 2;
        std::vector<int64_t> ids = {5, 9, 2, 40, 41};
        std::vector<float> logits, feats, loss;
        for (int i = 0; i < 5; ++i) {
            for (int k = 0; k < K; ++k) logits.push_back(float(i * 10 + k));
            for (int l = 0; l < L; ++l) feats.push_back(float(i) + 0.5f * float(l));
            loss.push_back(i == 3 ? NAN : float(i) / 4);
        }
        {
            RunOutputsWriter w(dir("a"), {0, K, L, "cnn-small"});
            w.append(ids.data(), logits.data(), feats.data(), loss.data(), 2);
            // Before finish() the directory is not a complete run.
            QVERIFY_THROWS_EXCEPTION(Error, RunOutputs::open(dir("a")));
            w.append(ids.data() + 2, logits.data() + 2 * K, feats.data() + 2 * L, loss.data() + 2, 3);
            w.finish();
        }
        auto r = RunOutputs::open(dir("a"));
        QCOMPARE(r->meta().n, int64_t(5));
        QCOMPARE(r->meta().classes, K);
        QCOMPARE(r->meta().features, L);
        QCOMPARE(QString::fromStdString(r->meta().model), QString("cnn-small"));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(r->sampleIds()[i], ids[size_t(i)]);
            QCOMPARE(r->rowOf(ids[size_t(i)]), int64_t(i));
            QCOMPARE(r->logits()[i * K + 2], float(i * 10 + 2));
            QCOMPARE(r->features()[i * L + 1], float(i) + 0.5f);
        }
        QVERIFY(std::isnan(r->loss()[3]));
        QCOMPARE(r->loss()[2], 0.5f);
        QCOMPARE(r->rowOf(6), int64_t(-1));
    }

    void truncatedArrayIsRefused() {
        std::vector<int64_t> ids = {1, 2};
        std::vector<float> lg(4, 1.f), ft(2, 1.f), ls(2, 0.f);
        {
            RunOutputsWriter w(dir("b"), {2, 2, 1, "m"});
            w.append(ids.data(), lg.data(), ft.data(), ls.data(), 2);
            w.finish();
        }
        fs::resize_file(dir("b") / "logits.f32", 12);
        try {
            RunOutputs::open(dir("b"));
            QFAIL("truncated file accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("logits.f32") != std::string::npos);
        }
    }

    void wrongRowCountFailsFinish() {
        std::vector<int64_t> ids = {1};
        std::vector<float> lg(2, 1.f), ft(1, 1.f), ls(1, 0.f);
        RunOutputsWriter w(dir("c"), {3, 2, 1, "m"});
        w.append(ids.data(), lg.data(), ft.data(), ls.data(), 1);
        QVERIFY_THROWS_EXCEPTION(Error, w.finish());
        QVERIFY(!fs::exists(dir("c") / "meta.json"));
    }
};

QTEST_GUILESS_MAIN(TestTrainOutputs)
#include "tst_train_outputs.moc"
