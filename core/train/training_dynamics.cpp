#include "core/train/training_dynamics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/mapped_file.h"
#include "core/util/number_text.h"

namespace fs = std::filesystem;

namespace winnow::core {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string fixed(double v) { return formatNumber(v, 3); }  // locale-free
}  // namespace

EarlyEpochChoice chooseEarlyEpoch(const std::vector<double>& accTrain, const std::vector<double>& accHeld,
                                  int totalEpochs, double gap) {
    EarlyEpochChoice c;
    const int seen = int(accTrain.size());
    if (seen == 0) {
        c.rule = "no epoch recorded";
        return c;
    }
    bool anyHeld = false;
    for (int e = 0; e < seen && e < int(accHeld.size()); ++e) anyHeld = anyHeld || std::isfinite(accHeld[size_t(e)]);
    if (!anyHeld) {
        const int target = std::max(0, (std::max(1, totalEpochs) + 3) / 4 - 1);
        c.epoch = std::min(target, seen - 1);
        c.rule = "no held-out accuracy: the first quarter of the epochs (epoch " + std::to_string(c.epoch + 1) + ")";
        return c;
    }
    for (int e = 0; e < seen; ++e) {
        const double h = e < int(accHeld.size()) ? accHeld[size_t(e)] : NAN;
        if (std::isfinite(h) && std::isfinite(accTrain[size_t(e)]) && accTrain[size_t(e)] - h > gap) {
            c.onset = e;
            break;
        }
    }
    const int end = c.onset < 0 ? seen : std::max(1, c.onset);
    double best = -1;
    for (int e = 0; e < end; ++e) {
        const double h = e < int(accHeld.size()) ? accHeld[size_t(e)] : NAN;
        if (std::isfinite(h) && h > best) {
            best = h;
            c.epoch = e;
        }
    }
    c.rule = "best held-out accuracy (" + fixed(best) + ") at epoch " + std::to_string(c.epoch + 1) +
             (c.onset < 0 ? std::string(", no memorisation onset seen")
                          : ", before the memorisation onset at epoch " + std::to_string(c.onset + 1) +
                                " (training accuracy above held-out accuracy by more than " + fixed(gap) + ")");
    return c;
}

EarlyEpochChoice chooseEarlyEpochByFlips(const std::vector<double>& flipRate, int patience) {
    EarlyEpochChoice c;
    double best = NAN;
    int since = 0;
    for (int e = 0; e < int(flipRate.size()); ++e) {
        const double r = flipRate[size_t(e)];
        if (!std::isfinite(r)) continue;
        if (!std::isfinite(best) || r < best) {
            best = r;
            c.epoch = e;
            since = 0;
        } else if (++since >= std::max(1, patience)) {
            c.onset = c.epoch + 1;
            break;
        }
    }
    if (!std::isfinite(best)) {
        c.epoch = std::max(0, int(flipRate.size()) - 1);
        c.rule = "no label flips measured yet: the newest epoch (" + std::to_string(c.epoch + 1) + ")";
        return c;
    }
    c.rule = "fewest label flips (" + fixed(best) + " of the samples changed between agreeing and disagreeing " +
             "with their label) at epoch " + std::to_string(c.epoch + 1) +
             (c.onset < 0 ? std::string(", no rise seen")
                          : ", rising after it for " + std::to_string(std::max(1, patience)) +
                                " epochs (the model starts fitting noisy labels)") +
             "; no validation split";
    return c;
}

struct TrainingDynamicsRecorder::Impl {
    std::vector<int64_t> rowToColumn, ids;
    int epochs = 0, classes = 0, firstEpoch = 0;
    bool augmented = false;
    int64_t n = 0;
    std::vector<float> margin, loss;          // epochs x n
    std::vector<double> sumMargin, sumLoss;   // n, this epoch
    std::vector<float> probsSum;              // n x K, this epoch
    std::vector<int32_t> draws;               // n, this epoch
    std::vector<float> earlyProbs;            // n x K
    std::vector<double> accTrain, accHeld, flipRate;
    std::string heldSource = "none";
    EarlyEpochChoice early;
    int earlySnapshot = -1;
    EpochReduce reduce;

    // The epoch's sums of every rank, added up (one process: nothing to do). Packed as
    // draws | margin sums | loss sums | probability sums; float64 on the wire, so a sample
    // drawn on one rank only (the usual case) comes back bit for bit.
    void reduceEpoch() {
        if (!reduce) return;
        const size_t N = size_t(n), NK = probsSum.size();
        std::vector<double> v(3 * N + NK);
        for (size_t c = 0; c < N; ++c) {
            v[c] = double(draws[c]);
            v[N + c] = sumMargin[c];
            v[2 * N + c] = sumLoss[c];
        }
        std::copy(probsSum.begin(), probsSum.end(), v.begin() + ptrdiff_t(3 * N));
        reduce(v);
        for (size_t c = 0; c < N; ++c) {
            draws[c] = int32_t(std::lround(v[c]));
            sumMargin[c] = v[N + c];
            sumLoss[c] = v[2 * N + c];
        }
        for (size_t i = 0; i < NK; ++i) probsSum[i] = float(v[3 * N + i]);
    }
};

TrainingDynamicsRecorder::TrainingDynamicsRecorder(std::vector<int64_t> rowToColumn, std::vector<int64_t> ids,
                                                   int epochs, int classes, bool augmented, int firstEpoch)
    : m_impl(std::make_unique<Impl>()) {
    auto& im = *m_impl;
    im.rowToColumn = std::move(rowToColumn);
    im.ids = std::move(ids);
    im.epochs = epochs;
    im.classes = classes;
    im.augmented = augmented;
    im.firstEpoch = firstEpoch;
    im.n = int64_t(im.ids.size());
    const size_t n = size_t(im.n), K = size_t(classes);
    im.margin.assign(size_t(epochs) * n, kNaN);
    im.loss.assign(size_t(epochs) * n, kNaN);
    im.sumMargin.assign(n, 0.0);
    im.sumLoss.assign(n, 0.0);
    im.draws.assign(n, 0);
    im.probsSum.assign(n * K, 0.f);
    im.earlyProbs.assign(n * K, kNaN);
    im.accTrain.assign(size_t(epochs), NAN);
    im.accHeld.assign(size_t(epochs), NAN);
    im.flipRate.assign(size_t(epochs), NAN);
}

TrainingDynamicsRecorder::~TrainingDynamicsRecorder() = default;

const EarlyEpochChoice& TrainingDynamicsRecorder::early() const { return m_impl->early; }

void TrainingDynamicsRecorder::setEpochReduce(EpochReduce reduce) { m_impl->reduce = std::move(reduce); }

void TrainingDynamicsRecorder::record(int epoch, const int64_t* rows, int64_t n, const float* logits,
                                      const int64_t* labels) {
    auto& im = *m_impl;
    if (epoch < 0 || epoch >= im.epochs) return;
    const int K = im.classes;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t r = rows[i];
        if (r < 0 || size_t(r) >= im.rowToColumn.size()) continue;
        const int64_t c = im.rowToColumn[size_t(r)];
        const int64_t y = labels[i];
        if (c < 0 || y < 0 || y >= K) continue;
        const float* z = logits + i * K;
        double other = -std::numeric_limits<double>::infinity(), mx = z[0];
        for (int k = 0; k < K; ++k) {
            mx = std::max(mx, double(z[k]));
            if (k != y) other = std::max(other, double(z[k]));
        }
        double sum = 0;
        for (int k = 0; k < K; ++k) sum += std::exp(double(z[k]) - mx);
        const double logSum = mx + std::log(sum);
        // One class only: no other logit, the margin is undefined.
        im.sumMargin[size_t(c)] += K > 1 ? double(z[y]) - other : 0.0;
        im.sumLoss[size_t(c)] += logSum - double(z[y]);
        float* p = &im.probsSum[size_t(c) * size_t(K)];
        for (int k = 0; k < K; ++k) p[k] += float(std::exp(double(z[k]) - logSum));
        ++im.draws[size_t(c)];
    }
}

void TrainingDynamicsRecorder::endEpoch(int epoch, double accTrain, double accHeld, const std::string& heldSource) {
    auto& im = *m_impl;
    if (epoch < 0 || epoch >= im.epochs) return;
    im.reduceEpoch();
    const size_t n = size_t(im.n), K = size_t(im.classes);
    float* mRow = &im.margin[size_t(epoch) * n];
    float* lRow = &im.loss[size_t(epoch) * n];
    for (size_t c = 0; c < n; ++c) {
        const int32_t d = im.draws[c];
        if (d == 0) continue;
        mRow[c] = float(im.sumMargin[c] / d);
        lRow[c] = float(im.sumLoss[c] / d);
        for (size_t k = 0; k < K; ++k) im.probsSum[c * K + k] /= float(d);
    }
    im.accTrain[size_t(epoch)] = accTrain;
    im.accHeld[size_t(epoch)] = accHeld;
    if (std::isfinite(accHeld)) im.heldSource = heldSource;
    if (epoch > 0) {  // samples whose margin changed sign since the epoch before (both seen)
        const float* prev = &im.margin[size_t(epoch - 1) * n];
        int64_t both = 0, flips = 0;
        for (size_t c = 0; c < n; ++c) {
            if (std::isnan(mRow[c]) || std::isnan(prev[c])) continue;
            ++both;
            flips += (mRow[c] > 0) != (prev[c] > 0);
        }
        if (both > 0) im.flipRate[size_t(epoch)] = double(flips) / double(both);
    }
    std::vector<double> t(im.accTrain.begin(), im.accTrain.begin() + epoch + 1);
    std::vector<double> h(im.accHeld.begin(), im.accHeld.begin() + epoch + 1);
    std::vector<double> f(im.flipRate.begin(), im.flipRate.begin() + epoch + 1);
    const bool anyFlip = std::any_of(f.begin(), f.end(), [](double v) { return std::isfinite(v); });
    im.early = im.heldSource != "val" && anyFlip ? chooseEarlyEpochByFlips(f) : chooseEarlyEpoch(t, h, im.epochs);
    if (im.early.epoch == epoch) {  // this epoch is (so far) the one before memorisation
        for (size_t c = 0; c < n; ++c) {
            const bool seen = im.draws[c] > 0;
            for (size_t k = 0; k < K; ++k) im.earlyProbs[c * K + k] = seen ? im.probsSum[c * K + k] : kNaN;
        }
        im.earlySnapshot = epoch;
    }
    std::fill(im.sumMargin.begin(), im.sumMargin.end(), 0.0);
    std::fill(im.sumLoss.begin(), im.sumLoss.end(), 0.0);
    std::fill(im.draws.begin(), im.draws.end(), 0);
    std::fill(im.probsSum.begin(), im.probsSum.end(), 0.f);
}

void TrainingDynamicsRecorder::write(const fs::path& dir) const {
    const auto& im = *m_impl;
    fs::create_directories(dir);
    fs::remove(dir / "dynamics.json");  // a stale one would vouch for half-written arrays
    auto put = [&](const char* name, const void* data, size_t bytes) {
        AtomicFile f(dir / name);
        f.write(data, bytes);
        f.commit();
    };
    const size_t n = size_t(im.n), K = size_t(im.classes);
    put("dynamics_ids.i64", im.ids.data(), n * 8);
    put("dynamics_margin.f32", im.margin.data(), im.margin.size() * 4);
    put("dynamics_loss.f32", im.loss.data(), im.loss.size() * 4);
    put("dynamics_early_probs.f32", im.earlyProbs.data(), n * K * 4);
    nlohmann::json j = nlohmann::json::object();
    j["format"] = 1;
    j["epochs"] = im.epochs;
    j["n"] = im.n;
    j["classes"] = im.classes;
    j["augmented"] = im.augmented;
    j["first_epoch"] = im.firstEpoch;
    j["early_epoch"] = im.earlySnapshot < 0 ? im.early.epoch : im.earlySnapshot;
    j["early_probs"] = im.earlySnapshot >= 0;
    j["memorisation_onset"] = im.early.onset;
    j["early_rule"] = im.early.rule;
    j["held_source"] = im.heldSource;
    nlohmann::json at = nlohmann::json::array(), ah = nlohmann::json::array(), fr = nlohmann::json::array();
    auto orNull = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
    for (int e = 0; e < im.epochs; ++e) {
        at.push_back(orNull(im.accTrain[size_t(e)]));
        ah.push_back(orNull(im.accHeld[size_t(e)]));
        fr.push_back(orNull(im.flipRate[size_t(e)]));
    }
    j["acc_train"] = at;
    j["acc_held"] = ah;
    j["flip_rate"] = fr;
    writeFileAtomically(dir / "dynamics.json", dumpJson(j) + "\n");
}

struct TrainingDynamics::Impl {
    std::unique_ptr<MappedFile> ids, margin, loss, probs;
    std::vector<std::pair<int64_t, int64_t>> index;
};

TrainingDynamics::~TrainingDynamics() = default;

std::unique_ptr<TrainingDynamics> TrainingDynamics::open(const fs::path& dir) {
    const fs::path metaFile = dir / "dynamics.json";
    if (!fs::exists(metaFile)) return nullptr;
    const nlohmann::json j = readJsonFile(metaFile);
    if (jsonInt(jsonField(j, "format")) != 1) throw Error(metaFile.string() + ": unknown training dynamics format");
    std::unique_ptr<TrainingDynamics> d(new TrainingDynamics());
    d->m_epochs = int(jsonInt(jsonField(j, "epochs")));
    d->m_n = jsonInt(jsonField(j, "n"));
    d->m_classes = int(jsonInt(jsonField(j, "classes")));
    d->m_early = int(jsonInt(jsonField(j, "early_epoch")));
    d->m_augmented = jsonBool(jsonField(j, "augmented"));
    d->m_rule = jsonString(jsonField(j, "early_rule"));
    if (d->m_epochs < 1 || d->m_n < 0 || d->m_classes < 1 || d->m_early < 0 || d->m_early >= d->m_epochs)
        throw Error(metaFile.string() + ": inconsistent training dynamics (epochs, n, classes or early epoch)");
    d->m_impl = std::make_unique<Impl>();
    auto& im = *d->m_impl;
    const size_t n = size_t(d->m_n), E = size_t(d->m_epochs), K = size_t(d->m_classes);
    const std::string missing = "training dynamics are incomplete", src = "dynamics.json says";
    im.ids = mapFileOfSize(dir / "dynamics_ids.i64", n * 8, missing, src);
    im.margin = mapFileOfSize(dir / "dynamics_margin.f32", E * n * 4, missing, src);
    im.loss = mapFileOfSize(dir / "dynamics_loss.f32", E * n * 4, missing, src);
    im.probs = mapFileOfSize(dir / "dynamics_early_probs.f32", n * K * 4, missing, src);
    const int64_t* ids = d->ids();
    im.index.reserve(n);
    for (size_t i = 0; i < n; ++i) im.index.emplace_back(ids[i], int64_t(i));
    std::sort(im.index.begin(), im.index.end());
    return d;
}

const int64_t* TrainingDynamics::ids() const { return m_impl->ids->as<int64_t>(); }
const float* TrainingDynamics::margin() const { return m_impl->margin->as<float>(); }
const float* TrainingDynamics::loss() const { return m_impl->loss->as<float>(); }
const float* TrainingDynamics::earlyProbs() const { return m_impl->probs->as<float>(); }

int64_t TrainingDynamics::columnOf(int64_t sampleId) const {
    const auto& idx = m_impl->index;
    auto it = std::lower_bound(idx.begin(), idx.end(), std::make_pair(sampleId, int64_t(-1)));
    return (it != idx.end() && it->first == sampleId) ? it->second : -1;
}

}  // namespace winnow::core
