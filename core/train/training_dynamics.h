#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace winnow::core {

// Training dynamics (issue 17): what the one training's own forward passes say about each
// training sample, recorded at no extra forward pass. Per epoch and training sample:
//   margin = z_y - max_{k != y} z_k of the training forward's logits (Pleiss et al. 2020,
//            "Area Under the Margin": AUM = the mean margin over epochs), and
//   loss   = the cross-entropy of those logits against the given label.
// With augmentation on they are the margin and loss of the augmented view the model trained
// on that epoch (crop/flip); the forward runs in train mode while the weights move through
// the epoch. A sample drawn several times in an epoch (samplers with replacement) gets the
// mean of its draws; a sample not drawn, or drawn only in CMO-mixed batches (whose labels
// are mixtures), gets NaN for that epoch.
//
// The early epoch e* (the model before it memorises its noisy labels) is chosen from the
// training curve by chooseEarlyEpoch(); the softmax of the training forward at e* is kept too
// (out-of-sample-like probabilities for confident learning, detector cl-early).
//
// Files in the run's output folder, each written atomically, dynamics.json last:
//   dynamics.json               {"format":1,"epochs":E,"n":N,"classes":K,"augmented":bool,
//                                "first_epoch":s,"early_epoch":e*,"early_rule":"...",
//                                "acc_train":[E],"acc_held":[E],"flip_rate":[E] (null where unknown),
//                                "held_source":"val"|"trusted"|"none"}
//   dynamics_ids.i64            N int64: the training samples' ids (columns)
//   dynamics_margin.f32         E x N float32 (epoch-major); NaN before `first_epoch` (resume)
//   dynamics_loss.f32           E x N float32
//   dynamics_early_probs.f32    N x K float32: softmax at epoch e* (NaN rows: not seen then)
// 70,000 samples x 60 epochs: 16.8 MB per array (33.6 MB for both), held in memory during
// the run as float32, plus two N x K probability buffers.

// The rule (docs/influence-decisions.md, "Training dynamics"), with a validation split: the
// held-out curve is the validation accuracy (without one, chooseEarlyEpochByFlips below; the
// trusted accuracy only when no flip rate is known yet, NaN = unknown).
// Memorisation onset m = the first epoch whose training accuracy on the given labels exceeds
// the held-out accuracy by more than `gap`. e* = the epoch of the highest held-out accuracy
// among epochs [0, m) (first one on ties; epoch 0 when m = 0); with no onset, among all
// epochs. Without any held-out accuracy, e* = ceil(totalEpochs / 4) - 1 (clamped to the
// epochs seen). Consistent online: for a prefix of the curve it returns the same epoch or a
// later one only when that later epoch is the newest one.
struct EarlyEpochChoice {
    int epoch = 0;
    int onset = -1;  // -1: no memorisation onset seen
    std::string rule;  // human-readable reason
};
EarlyEpochChoice chooseEarlyEpoch(const std::vector<double>& accTrain, const std::vector<double>& accHeld,
                                  int totalEpochs, double gap = 0.05);

// Without a validation split the trusted samples are trained on, so their accuracy is memorised
// too and shows no onset. The training curve then decides: flipRate[e] is the fraction of the
// samples seen at epochs e-1 and e whose prediction moved onto or off their given label (the
// margin changed sign; NaN = unknown). It falls while the model learns the clean samples and
// rises when it starts fitting the noisy ones. e* = the epoch of the lowest rate (first on
// ties), fixed once `patience` later epochs have not gone below it (onset = e* + 1); until then
// the newest epoch that lowered it, so the choice can be followed online.
EarlyEpochChoice chooseEarlyEpochByFlips(const std::vector<double>& flipRate, int patience = 5);

// Recorder used by the training loop (one per single training; cross-validation records
// none). Columns are the training rows; rows not listed are ignored.
class TrainingDynamicsRecorder {
public:
    // rowToColumn: data row -> column (-1 = not a training row); ids: column -> sample id.
    TrainingDynamicsRecorder(std::vector<int64_t> rowToColumn, std::vector<int64_t> ids, int epochs,
                             int classes, bool augmented, int firstEpoch);
    ~TrainingDynamicsRecorder();
    // One training batch: data rows, n x K logits (row-major) and the labels trained on.
    void record(int epoch, const int64_t* rows, int64_t n, const float* logits, const int64_t* labels);
    // Several processes (issue 12): each rank records the draws of its shard of every batch;
    // `reduce` sums a vector element-wise over the ranks (DistGroup::allReduceSum). endEpoch
    // calls it once per epoch on every rank with the epoch's per-sample sums and draw counts,
    // so every rank closes the epoch with the whole training set's values (one process: none).
    using EpochReduce = std::function<void(std::vector<double>&)>;
    void setEpochReduce(EpochReduce reduce);
    // Closes an epoch: averages its draws and updates the early-epoch choice (accHeld NaN =
    // unknown; heldSource names it). With an EpochReduce, a collective: every rank calls it.
    void endEpoch(int epoch, double accTrain, double accHeld, const std::string& heldSource);
    // Writes the files (see above) into `dir`.
    void write(const std::filesystem::path& dir) const;
    const EarlyEpochChoice& early() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Read side (memory-mapped).
class TrainingDynamics {
public:
    // nullptr when the run has no dynamics (older runs, cross-validation); throws Error naming
    // the file when they are present but damaged.
    static std::unique_ptr<TrainingDynamics> open(const std::filesystem::path& dir);
    ~TrainingDynamics();
    int epochs() const { return m_epochs; }
    int64_t n() const { return m_n; }
    int classes() const { return m_classes; }
    int earlyEpoch() const { return m_early; }
    bool augmented() const { return m_augmented; }
    const std::string& earlyRule() const { return m_rule; }
    const int64_t* ids() const;
    const float* margin() const;      // epochs x n
    const float* loss() const;        // epochs x n
    const float* earlyProbs() const;  // n x classes
    int64_t columnOf(int64_t sampleId) const;  // -1 when not recorded

private:
    TrainingDynamics() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    int m_epochs = 0, m_classes = 0, m_early = 0;
    int64_t m_n = 0;
    bool m_augmented = false;
    std::string m_rule;
};

}  // namespace winnow::core
