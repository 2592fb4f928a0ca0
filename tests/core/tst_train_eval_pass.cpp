// The forward-only eval pass (issue 12): evaluateRows forwards each loader batch in pieces of
// at most the training batch (so its activations stay on the heap like training's), and its
// outputs are those of one forward pass over the whole set: same rows in the order asked for,
// same logits, features and losses within float tolerance.
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include <torch/torch.h>

#include <QtTest>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <random>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "train_private/batch_loader.h"
#include "core/train/eval_forward.h"
#include "train_private/train_engine.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// class/name.png folders of 16x16 noisy images, channel k bright for class k.
void writeFolder(const fs::path& root, int perClass, int seed) {
    std::mt19937 rng{uint32_t(seed)};
    std::uniform_int_distribution<int> noise(0, 120);
    for (int k = 0; k < 3; ++k) {
        fs::create_directories(root / ("c" + std::to_string(k)));
        for (int i = 0; i < perClass; ++i) {
            cv::Mat m(16, 16, CV_8UC3);
            for (int y = 0; y < 16; ++y)
                for (int x = 0; x < 16; ++x)
                    for (int c = 0; c < 3; ++c)
                        m.at<cv::Vec3b>(y, x)[c] = uint8_t(noise(rng) + (c == 2 - k ? 120 : 0));
            cv::imwrite((root / ("c" + std::to_string(k)) / ("img" + std::to_string(i) + ".png")).string(), m);
        }
    }
}

bool close(float a, float b) { return std::abs(a - b) <= 1e-4f * (1.f + std::abs(b)); }

}  // namespace

class TestTrainEvalPass : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path path(const std::string& n) { return fs::path(m_tmp.path().toStdString()) / n; }

private Q_SLOTS:
    void piecewiseForwardEqualsOneWholePass_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("cnn-small") << "cnn-small";
        QTest::newRow("resnet32") << "resnet32";
    }

    void piecewiseForwardEqualsOneWholePass() {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        auto p = Project::create(path(name + ".winnow"));
        writeFolder(path(name + "-train"), 13, 1);  // 39 rows: the last forward piece is short
        ImportOptions o;
        o.format = "imagefolder";
        o.source = path(name + "-train");
        QCOMPARE(importDataset(*p, o).imported, int64_t(39));
        TrainData d = loadTrainData(p->db(), 0, 8);
        QCOMPARE(d.rows(), size_t(39));

        TrainConfig cfg;
        cfg.model = name;
        cfg.batchSize = 4;       // training batch: the forward pieces
        cfg.evalBatchSize = 16;  // loader batch
        cfg.threads = 1;
        EngineSetup s{&d, cfg, torch::Device(torch::kCPU), {0.4f, 0.4f, 0.4f}, {0.3f, 0.3f, 0.3f}, nullptr};
        s.loaderThreads = 1;
        s.prefetch = 2;
        torch::manual_seed(7);
        auto net = buildNet(s);
        {  // batch-norm statistics other than the initial 0/1, so eval-mode BN matters
            torch::NoGradGuard ng;
            for (auto& [key, t] : net->namedState()) {
                if (key.find("running_mean") != std::string::npos) t.copy_(torch::randn(t.sizes()) * 0.2);
                if (key.find("running_var") != std::string::npos) t.copy_(torch::rand(t.sizes()) + 0.5);
            }
        }

        // Rows asked for in a shuffled order: the sink must see exactly this order.
        std::vector<int64_t> rows(d.rows());
        for (size_t i = 0; i < rows.size(); ++i) rows[i] = int64_t(i);
        std::shuffle(rows.begin(), rows.end(), std::mt19937_64(3));

        // Reference (the pass before issue 12): every asked row in one forward pass.
        auto planAll = [&](size_t) {
            BatchPlan pl;
            for (int64_t r : rows) pl.items.push_back({r});
            return pl;
        };
        torch::Tensor refH, refOut;
        {
            BatchLoader loader(d, s.mean, s.stdev, 1, planAll, 1, 1, nullptr, nullptr);
            auto b = loader.next();
            QVERIFY(b.has_value());
            torch::NoGradGuard ng;
            net->train(false);
            std::tie(refH, refOut) = net->forwardBoth(b->x);
            refH = refH.contiguous();
            refOut = refOut.contiguous();
        }
        const torch::Tensor refLogp = torch::log_softmax(refOut, 1).contiguous();
        const int K = d.classes, L = net->featureDim();
        QCOMPARE(int(refOut.size(1)), K);

        resetEvalForwardPeak();
        std::vector<int64_t> seen;
        int batches = 0, compared = 0;
        evaluateRows(s, *net, rows, [&](const EvalBatch& e) {
            ++batches;
            for (size_t i = 0; i < e.n; ++i) {
                const size_t at = seen.size();
                seen.push_back(e.rows[i]);
                if (at >= rows.size()) continue;
                for (int k = 0; k < K; ++k)
                    if (!close(e.logits[i * size_t(K) + size_t(k)], refOut[int64_t(at)][k].item<float>()))
                        QFAIL(qPrintable(QString("row %1 logit %2 differs").arg(at).arg(k)));
                for (int j = 0; j < L; ++j)
                    if (!close(e.features[i * size_t(L) + size_t(j)], refH[int64_t(at)][j].item<float>()))
                        QFAIL(qPrintable(QString("row %1 feature %2 differs").arg(at).arg(j)));
                const float want = -refLogp[int64_t(at)][d.label[size_t(e.rows[i])]].item<float>();
                if (!close(e.loss[i], want)) QFAIL(qPrintable(QString("row %1 loss differs").arg(at)));
                ++compared;
            }
        });
        QCOMPARE(seen, rows);  // same rows, same order
        QCOMPARE(compared, 39);
        QCOMPARE(batches, 3);  // 16 + 16 + 7: the loader's batch is still cfg.evalBatchSize
        // No forward pass took more rows than the training batch.
        QCOMPARE(evalForwardRows(cfg), int64_t(4));
        QCOMPARE(evalForwardPeakFrames(), int64_t(4));
    }

    void forwardPiecesFollowTheTrainingBatch() {
        TrainConfig c;
        c.batchSize = 128;
        c.evalBatchSize = 512;
        QCOMPARE(evalForwardRows(c), int64_t(128));
        c.evalBatchSize = 64;  // a smaller eval batch is forwarded whole
        QCOMPARE(evalForwardRows(c), int64_t(64));
    }
};

QTEST_GUILESS_MAIN(TestTrainEvalPass)
#include "tst_train_eval_pass.moc"
