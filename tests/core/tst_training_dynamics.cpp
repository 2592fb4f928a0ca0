// Training dynamics (issue 17): the early-epoch rule on synthetic curves, the recorder's
// margins and losses by hand, the aum / early-loss detectors on built matrices, the files'
// round trip, and a real training whose recorded losses must agree with its own epoch rows.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "array_project_fixture.h"
#include "core/influence/detection_metrics.h"
#include "core/influence/data_gamma.h"
#include "core/influence/dynamics_detectors.h"
#include "core/influence/influential_rank_rounds.h"
#include "core/influence/round_budget.h"
#include "core/store/project.h"
#include "core/train/training_dynamics.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

using namespace winnow::core;
namespace fs = std::filesystem;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

class TestTrainingDynamics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void earlyEpochPeakBeforeOnset() {
        // Held-out accuracy peaks at epoch 3 (0.80) and falls while training accuracy on the
        // noisy labels climbs past it by more than 0.05 at epoch 6 (0.86 vs 0.74).
        std::vector<double> train = {0.30, 0.50, 0.60, 0.65, 0.70, 0.75, 0.86, 0.95, 0.99};
        std::vector<double> held = {0.40, 0.65, 0.75, 0.80, 0.79, 0.77, 0.74, 0.72, 0.70};
        auto c = chooseEarlyEpoch(train, held, 9);
        QCOMPARE(c.onset, 6);
        QCOMPARE(c.epoch, 3);
    }

    void earlyEpochIgnoresRecoveryAfterOnset() {
        // The held-out accuracy recovers late (lr decay) to 0.85, but the model memorised from
        // epoch 4 on: the choice stays before the onset (epoch 2, 0.78).
        std::vector<double> train = {0.3, 0.6, 0.7, 0.8, 0.9, 0.97, 0.99, 1.0};
        std::vector<double> held = {0.5, 0.7, 0.78, 0.77, 0.80, 0.82, 0.84, 0.85};
        auto c = chooseEarlyEpoch(train, held, 8);
        QCOMPARE(c.onset, 4);  // epoch 3: 0.80 - 0.77 = 0.03; epoch 4: 0.90 - 0.80 = 0.10
        QCOMPARE(c.epoch, 2);
    }

    void earlyEpochOnsetAtZeroAndNoHeldOut() {
        auto c = chooseEarlyEpoch({0.9, 0.95}, {0.5, 0.6}, 2);
        QCOMPARE(c.onset, 0);
        QCOMPARE(c.epoch, 0);
        // No held-out accuracy: the first quarter of the planned epochs.
        QCOMPARE(chooseEarlyEpoch(std::vector<double>(60, 0.5), std::vector<double>(60, kNaN), 60).epoch, 14);
        QCOMPARE(chooseEarlyEpoch(std::vector<double>(20, 0.5), {}, 20).epoch, 4);
        // Fewer epochs seen than planned (a prefix): the newest one.
        QCOMPARE(chooseEarlyEpoch(std::vector<double>(3, 0.5), {}, 20).epoch, 2);
        // No onset: the best of all epochs, the first one on ties.
        auto d = chooseEarlyEpoch({0.1, 0.2, 0.3}, {0.5, 0.7, 0.7}, 3);
        QCOMPARE(d.onset, -1);
        QCOMPARE(d.epoch, 1);
    }

    void earlyEpochByFlipsWithoutValidation() {
        // The flip rate is lowest at epoch 3 (0.20) and stays above it for 5 epochs: fixed
        // there, onset 4; a later dip (learning-rate decay, epoch 9) no longer moves it.
        const std::vector<double> f = {kNaN, 0.40, 0.30, 0.20, 0.25, 0.22, 0.30, 0.35, 0.40, 0.10};
        auto c = chooseEarlyEpochByFlips(f, 5);
        QCOMPARE(c.epoch, 3);
        QCOMPARE(c.onset, 4);
        // Followed online: each prefix gives the same epoch or its newest one.
        for (size_t k = 1; k <= f.size(); ++k)
            QCOMPARE(chooseEarlyEpochByFlips(std::vector<double>(f.begin(), f.begin() + ptrdiff_t(k)), 5).epoch,
                     std::min(int(k) - 1, 3));
        // A lower rate within the patience moves it (epoch 7 after four epochs above 0.30).
        auto d = chooseEarlyEpochByFlips({kNaN, 0.4, 0.3, 0.35, 0.36, 0.37, 0.38, 0.29, 0.31, 0.33, 0.34, 0.35, 0.36}, 5);
        QCOMPARE(d.epoch, 7);
        QCOMPARE(d.onset, 8);
        // Still falling: the newest epoch, no onset. Ties: the first epoch.
        auto m = chooseEarlyEpochByFlips({kNaN, 0.5, 0.4, 0.3}, 5);
        QCOMPARE(m.epoch, 3);
        QCOMPARE(m.onset, -1);
        auto t = chooseEarlyEpochByFlips({kNaN, 0.3, 0.3, 0.4, 0.4, 0.4, 0.4}, 5);
        QCOMPARE(t.epoch, 1);
        QCOMPARE(t.onset, 2);
        // Nothing measured (one epoch, or a resumed run's first): the newest epoch.
        QCOMPARE(chooseEarlyEpochByFlips({kNaN}, 5).epoch, 0);
    }

    void recorderUsesFlipsWithoutValidation() {
        // Four samples, K = 2, all labelled 0; margin = z0 - z1. Signs per epoch:
        // epoch 0 (+,-,-,-); epoch 1 (+,+,-,-): 1 of 4 flipped; epoch 2 (-,-,+,+): 4 of 4.
        // The trusted accuracy (trained on) is best at epoch 2; the flips say epoch 1.
        const float signs[3][4] = {{1, -1, -1, -1}, {1, 1, -1, -1}, {-1, -1, 1, 1}};
        const double trusted[3] = {0.9, 0.5, 1.0};
        for (const std::string source : {"trusted", "val"}) {
            TrainingDynamicsRecorder rec({0, 1, 2, 3}, {10, 11, 12, 13}, 3, 2, false, 0);
            for (int e = 0; e < 3; ++e) {
                float z[8];
                for (int i = 0; i < 4; ++i) {
                    z[2 * i] = signs[e][i] * float(e + 1);
                    z[2 * i + 1] = 0;
                }
                const int64_t rows[] = {0, 1, 2, 3}, y[] = {0, 0, 0, 0};
                rec.record(e, rows, 4, z, y);
                rec.endEpoch(e, 0.5, trusted[e], source);
            }
            const fs::path dir = fs::path(QDir::tempPath().toStdString()) / ("winnow_tst_dyn_flips_" + source);
            fs::remove_all(dir);
            rec.write(dir);
            auto d = TrainingDynamics::open(dir);
            QVERIFY(d != nullptr);
            const nlohmann::json j = readJsonFile(dir / "dynamics.json");
            QVERIFY(j["flip_rate"][0].is_null());
            QCOMPARE(j["flip_rate"][1].get<double>(), 0.25);
            QCOMPARE(j["flip_rate"][2].get<double>(), 1.0);
            if (source == "val") {  // a validation split keeps the held-out rule: its best epoch
                QCOMPARE(d->earlyEpoch(), 2);
                continue;
            }
            QCOMPARE(d->earlyEpoch(), 1);
            QVERIFY2(QString::fromStdString(d->earlyRule()).contains("label flips"), d->earlyRule().c_str());
            // The early probabilities are epoch 1's softmax: sample 10 has z = [2, 0].
            const float p0 = float(1.0 / (1.0 + std::exp(-2.0)));
            QVERIFY(std::fabs(d->earlyProbs()[0] - p0) < 1e-6f);
            fs::remove_all(dir);
        }
    }

    void recorderByHand() {
        // Data rows 0..3; rows 1 and 3 are training columns 0 and 1. K = 3.
        TrainingDynamicsRecorder rec({-1, 0, -1, 1}, {101, 103}, 2, 3, false, 0);
        // Epoch 0: row 1 drawn twice (logits [2,1,0] label 0 -> margin 1; [0,0,3] label 0 ->
        // margin -3; mean -1), row 3 once ([2,1,0] label 2 -> margin 0 - 2 = -2), row 0 is not
        // a training row and is ignored.
        const float z[] = {2, 1, 0, 0, 0, 3, 2, 1, 0, 5, 5, 5};
        const int64_t rows[] = {1, 1, 3, 0};
        const int64_t y[] = {0, 0, 2, 1};
        rec.record(0, rows, 4, z, y);
        rec.endEpoch(0, 0.5, 0.9, "val");
        // Epoch 1: only row 3, logits [0,0,0] label 2: margin 0, loss log 3. Row 1 not drawn.
        const float z1[] = {0, 0, 0};
        const int64_t r1[] = {3};
        const int64_t y1[] = {2};
        rec.record(1, r1, 1, z1, y1);
        rec.endEpoch(1, 0.99, 0.8, "val");  // onset at epoch 1: early epoch 0
        QCOMPARE(rec.early().epoch, 0);
        const fs::path dir = fs::path(QDir::tempPath().toStdString()) / "winnow_tst_dyn_rec";
        fs::remove_all(dir);
        rec.write(dir);
        auto d = TrainingDynamics::open(dir);
        QVERIFY(d != nullptr);
        QCOMPARE(d->epochs(), 2);
        QCOMPARE(d->n(), int64_t(2));
        QCOMPARE(d->earlyEpoch(), 0);
        QCOMPARE(d->columnOf(103), int64_t(1));
        QCOMPARE(d->columnOf(102), int64_t(-1));
        const float* m = d->margin();
        QCOMPARE(m[0], -1.0f);
        QCOMPARE(m[1], -2.0f);
        QVERIFY(std::isnan(m[2]));  // row 1 not drawn in epoch 1
        QCOMPARE(m[3], 0.0f);
        // Losses: logsumexp - z_y. [2,1,0] label 0: log(1 + e^-1 + e^-2) = 0.407606;
        // [0,0,3] label 0: 3 + log(1 + 2e^-3) = 3.094923; mean 1.751264. [2,1,0] label 2: 2.407606.
        const float* l = d->loss();
        QVERIFY(std::fabs(l[0] - 1.751264f) < 1e-5f);
        QVERIFY(std::fabs(l[1] - 2.407606f) < 1e-5f);
        QVERIFY(std::fabs(l[3] - float(std::log(3.0))) < 1e-6f);
        // Early probabilities = epoch 0's mean softmax: row 1 p0 = (0.665241 + 0.045279)/2.
        const float* p = d->earlyProbs();
        QVERIFY(std::fabs(p[0] - 0.355260f) < 1e-5f);
        QVERIFY(std::fabs(p[3 + 2] - 0.090031f) < 1e-5f);  // row 3: softmax([2,1,0])[2]
        // dynamics.json written last: without it there are no dynamics; a short array throws.
        fs::remove(dir / "dynamics.json");
        QVERIFY(TrainingDynamics::open(dir) == nullptr);
        rec.write(dir);
        fs::resize_file(dir / "dynamics_margin.f32", 8);
        try {
            TrainingDynamics::open(dir);
            QFAIL("a truncated margin file must be refused");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("dynamics_margin.f32") != std::string::npos, e.what());
        }
        fs::remove_all(dir);
    }

    void aumScoresLowMarginsHigh() {
        // 3 epochs x 4 samples. AUMs: s0 (2+2+2)/3 = 2; s1 (-1+0+1)/3 = 0; s2 (-3-2+2)/3 = -1;
        // s3 NaN in epoch 0, (-0.5 - 0.5)/2 = -0.5.
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const float m[] = {2, -1, -3, nan, 2, 0, -2, -0.5f, 2, 1, 2, -0.5f};
        auto r = detectAum(m, 3, 4, {0, 1, 2, 3, -1});
        QCOMPARE(r.score[0], -2.0f);
        QCOMPARE(r.score[1], 0.0f);
        QCOMPARE(r.score[2], 1.0f);
        QCOMPARE(r.score[3], 0.5f);
        QVERIFY(std::isnan(r.score[4]));  // not recorded: unscored, never flagged
        std::vector<uint8_t> expect = {0, 0, 1, 1, 0};
        QVERIFY(r.flag == expect);
        QCOMPARE(r.unscored, int64_t(1));
        QCOMPARE(r.flagged, int64_t(2));
    }

    void earlyLossSeesWhatTheLastEpochHides() {
        // 40 samples, 10 mislabelled. Epochs 0-2: mislabelled losses ~2.3, clean ~0.3; from
        // epoch 3 on everything is memorised (loss 0.01 with noise that hides the truth).
        const int E = 8, n = 40;
        std::vector<float> loss(size_t(E * n));
        std::vector<uint8_t> noisy(n);
        for (int i = 0; i < n; ++i) noisy[size_t(i)] = i % 4 == 0;
        for (int e = 0; e < E; ++e)
            for (int i = 0; i < n; ++i)
                loss[size_t(e * n + i)] = e < 3 ? (noisy[size_t(i)] ? 2.3f : 0.3f) + 0.01f * float(i % 5)
                                                : 0.01f + 0.001f * float((i * 7) % 11);
        std::vector<int64_t> cols(n);
        for (int i = 0; i < n; ++i) cols[size_t(i)] = i;
        auto early = detectEarlyLoss(loss.data(), E, n, cols, 2);
        QVERIFY(early.flag == noisy);
        auto em = detectionMetrics(noisy, early.flag, &early.score);
        QCOMPARE(em.averagePrecision, 1.0);
        // Averaging all epochs instead would dilute it; the last epoch alone cannot rank it.
        auto last = detectEarlyLoss(loss.data() + (E - 1) * n, 1, n, cols, 0);
        QVERIFY(detectionMetrics(noisy, last.flag, &last.score).averagePrecision < 0.6);
    }

    void dataGammaMatchesTheTarget() {
        // K = 4, consensus counts of 10 samples: flagged at g=1..4: 7, 5, 3, 1.
        std::vector<uint8_t> c = {0, 0, 0, 1, 1, 2, 2, 3, 3, 4};
        auto a = chooseDataGamma(c, 4, 3);
        QCOMPARE(a.gamma, 3);
        std::vector<int64_t> at = {10, 7, 5, 3, 1};
        QVERIFY(a.flaggedAt == at);
        QCOMPARE(chooseDataGamma(c, 4, 6).gamma, 2);   // |5-6| = 1 = |7-6|: the larger gamma
        QCOMPARE(chooseDataGamma(c, 4, 100).gamma, 1);
        QCOMPARE(chooseDataGamma(c, 4, 0).gamma, 4);
    }

    void budgetStopsRounds() {
        RoundBudget b{50, 0, -1, 30};
        QVERIFY(nextRoundFits(b));    // 0 + 30 <= 50
        b.spent = 30;
        b.lastRound = 30;
        QVERIFY(!nextRoundFits(b));   // 30 + 30 > 50
        b.lastRound = 20;
        QVERIFY(nextRoundFits(b));    // 30 + 20 = 50
        QVERIFY(!nextRoundFits(RoundBudget{10, 0, -1, 11}));  // not even one round
    }

    void roundsContinueWithinAFakeBudget() {
        const fs::path dir = fs::path(QDir::tempPath().toStdString()) / "winnow_tst_dyn_rounds";
        fs::remove_all(dir);
        fs::create_directories(dir);
        const fs::path file = dir / "p.winnow";
        array_fixture::makeArrayProject(file, 60);
        auto p = Project::open(file);
        const int64_t base = trainRun(*p, array_fixture::tinyConfig(2), {}).runId;
        RankOptions o;
        o.baseRun = base;
        o.rounds = 5;
        o.epochs = 1;
        o.acceptMargin = -1.0;  // accept every round: only the budget stops them
        o.scoring.gamma = 1;    // flag generously
        // Fake cost: each round (two clock reads) costs 100 CPU-s; the base training 200 for
        // its 2 epochs, so the first round is expected at 100 (1 post-training epoch).
        double t = 0;
        int reads = 0;
        o.cpuClock = [&] { return (reads++ % 2 == 0) ? t : (t += 100); };
        o.baseCostOverride = 200;
        o.budget = 1.6;  // 320: rounds 1-3 (300), a 4th would reach 400
        nlohmann::json s = runInfluentialRank(*p, o, {});
        QCOMPARE(jsonField(s, "rounds").size(), size_t(3));
        QCOMPARE(jsonDouble(jsonField(s, "spent_cpu_seconds")), 300.0);
        QVERIFY2(jsonString(jsonField(s, "stopped")).find("budget") == 0, jsonString(jsonField(s, "stopped")).c_str());
        p.reset();
        fs::remove_all(dir);
    }

    void dynamicsDetectorsScoreAProject() {
        const fs::path dir = fs::path(QDir::tempPath().toStdString()) / "winnow_tst_dyn_score";
        fs::remove_all(dir);
        fs::create_directories(dir);
        const fs::path file = dir / "p.winnow";
        array_fixture::makeArrayProject(file, 60);
        auto p = Project::open(file);
        TrainConfig cfg = array_fixture::tinyConfig(4);
        cfg.augment = false;
        trainRun(*p, cfg, {});
        // Truth from the fixture: original_label differs for every 10th training sample.
        for (const char* det : {"aum", "early-loss", "cl-early"}) {
            ScoreRequest r;
            r.detector = det;
            auto out = scoreProject(*p, r);
            QCOMPARE(jsonInt(jsonField(out.summary, "n")), int64_t(180));
            const fs::path scoreDir = out.resultDir;
            QVERIFY(fs::exists(scoreDir / "meta.json"));
        }
        // aum ranks the mislabelled samples high: its low-margin flags are mostly them.
        ScoreRequest r;
        r.detector = "aum";
        auto out = scoreProject(*p, r);
        int64_t hits = 0;
        for (int64_t id : out.flaggedIds)
            hits += p->db().queryInt64("SELECT label<>original_label FROM samples WHERE id=" + std::to_string(id));
        QVERIFY2(hits * 2 > int64_t(out.flaggedIds.size()) && hits >= 9,
                 (std::to_string(hits) + " of " + std::to_string(out.flaggedIds.size())).c_str());
        // Influential Rank with the data rule records it and its target.
        ScoreRequest ir;
        ir.detector = "influential-rank";
        auto irOut = scoreProject(*p, ir);
        QCOMPARE(jsonString(jsonField(irOut.summary, "gamma_rule")), std::string("data"));
        const auto& at = jsonField(irOut.summary, "gamma_flagged_at");
        const int g = int(jsonInt(jsonField(irOut.summary, "gamma")));
        QCOMPARE(jsonInt(jsonField(irOut.summary, "flagged")) <= jsonInt(jsonItem(at, size_t(g))), true);
        ir.influentialRank.gammaRule = "methods";
        auto mOut = scoreProject(*p, ir);
        QCOMPARE(jsonInt(jsonField(mOut.summary, "gamma")), jsonInt(jsonField(mOut.summary, "gamma_default")));
        p.reset();
        fs::remove_all(dir);
    }

    void trainingRecordsWhatItTrainedOn() {
        const fs::path dir = fs::path(QDir::tempPath().toStdString()) / "winnow_tst_dyn_train";
        fs::remove_all(dir);
        fs::create_directories(dir);
        const fs::path file = dir / "p.winnow";
        const auto made = array_fixture::makeArrayProject(file, 60);
        auto p = Project::open(file);
        TrainConfig cfg = array_fixture::tinyConfig(3);
        cfg.augment = false;
        auto res = trainRun(*p, cfg, {});
        auto d = TrainingDynamics::open(res.outputsDir);
        QVERIFY(d != nullptr);
        QCOMPARE(d->n(), made.trainCount);
        QCOMPARE(d->epochs(), 3);
        QVERIFY(!d->augmented());
        // Every epoch's mean recorded loss is the epoch's loss_train (CE, no CMO, instance
        // sampler: every sample once per epoch), and its share of positive margins acc_train.
        for (int e = 0; e < 3; ++e) {
            auto row = parseJson(p->db().queryText("SELECT metrics_json FROM run_epochs WHERE run_id=" +
                                                   std::to_string(res.runId) + " AND epoch=" + std::to_string(e)),
                                 "epoch row");
            double sum = 0;
            int64_t positive = 0;
            for (int64_t c = 0; c < d->n(); ++c) {
                const float l = d->loss()[e * d->n() + c], m = d->margin()[e * d->n() + c];
                QVERIFY(std::isfinite(l) && std::isfinite(m));
                sum += l;
                positive += m > 0;
            }
            QVERIFY(std::fabs(sum / double(d->n()) - jsonDouble(jsonField(row, "loss_train"))) < 1e-4);
            QVERIFY(std::fabs(double(positive) / double(d->n()) - jsonDouble(jsonField(row, "acc_train"))) < 1e-9);
        }
        // dynamics.json names a valid early epoch and the held-out source (val split).
        auto meta = readJsonFile(fs::path(res.outputsDir) / "dynamics.json");
        QCOMPARE(jsonString(jsonField(meta, "held_source")), std::string("val"));
        QVERIFY(d->earlyEpoch() >= 0 && d->earlyEpoch() < 3);
        p.reset();
        fs::remove_all(dir);
    }
};

QTEST_APPLESS_MAIN(TestTrainingDynamics)
#include "tst_training_dynamics.moc"
