#include "core/influence/dynamics_detectors.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/influence/score_order.h"
#include "core/train/training_dynamics.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Mean over epochs [0, lastEpoch] of one column, skipping NaN (epochs it was not drawn).
float columnMean(const float* a, int lastEpoch, int64_t stride, int64_t column) {
    double sum = 0;
    int count = 0;
    for (int e = 0; e <= lastEpoch; ++e) {
        const float v = a[int64_t(e) * stride + column];
        if (std::isnan(v)) continue;
        sum += v;
        ++count;
    }
    return count ? float(sum / count) : kNaN;
}

void finish(DetectorResult& r) {
    r.unscored = countUnscored(r.score);
    r.flagged = 0;
    for (uint8_t f : r.flag) r.flagged += f;
    r.noiseRateEstimate = r.score.empty() ? 0.0 : double(r.flagged) / double(r.score.size());
}

}  // namespace

DetectorResult detectAum(const float* margins, int epochs, int64_t stride, const std::vector<int64_t>& columns,
                         double threshold) {
    DetectorResult r;
    r.detector = "aum";
    r.score.assign(columns.size(), kNaN);
    r.flag.assign(columns.size(), 0);
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] < 0) continue;
        const float aum = columnMean(margins, epochs - 1, stride, columns[i]);
        if (std::isnan(aum)) continue;
        r.score[i] = -aum;  // low AUM = suspicious; higher score = more suspicious
        r.flag[i] = double(aum) < threshold;
    }
    r.extra = {threshold};
    finish(r);
    return r;
}

DetectorResult detectEarlyLoss(const float* losses, int epochs, int64_t stride, const std::vector<int64_t>& columns,
                               int earlyEpoch, const GmmOptions& gmm) {
    DetectorResult r;
    r.detector = "early-loss";
    const int last = std::clamp(earlyEpoch, 0, std::max(0, epochs - 1));
    r.score.assign(columns.size(), kNaN);
    r.flag.assign(columns.size(), 0);
    std::vector<double> known;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] < 0) continue;
        r.score[i] = columnMean(losses, last, stride, columns[i]);
        if (!std::isnan(r.score[i])) known.push_back(r.score[i]);
    }
    const double lo = known.empty() ? 0 : *std::min_element(known.begin(), known.end());
    const double hi = known.empty() ? 1 : *std::max_element(known.begin(), known.end());
    auto norm = [&](double v) { return hi > lo ? (v - lo) / (hi - lo) : 0.0; };
    for (auto& v : known) v = norm(v);
    const Gmm1d g = fitGmm1d(known, gmm);
    for (size_t i = 0; i < columns.size(); ++i)
        r.flag[i] = !std::isnan(r.score[i]) && g.valid && g.posteriorHigh(norm(r.score[i])) > 0.5;
    r.extra = {g.mean[0], g.mean[1], g.var[0], g.var[1], g.weight[0], g.weight[1]};
    finish(r);
    return r;
}

bool isDynamicsDetector(const std::string& d) { return d == "aum" || d == "early-loss" || d == "cl-early"; }

DetectorResult scoreFromDynamics(const std::string& detector, const TrainingDynamics& dyn,
                                 const std::vector<int64_t>& ids, const std::vector<int32_t>& labels, int classes,
                                 nlohmann::json& params) {
    if (!isDynamicsDetector(detector)) throw Error("'" + detector + "' is not a training-dynamics detector");
    if (dyn.classes() != classes)
        throw Error("the training dynamics have " + std::to_string(dyn.classes()) + " classes, the run " +
                    std::to_string(classes));
    std::vector<int64_t> columns(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) columns[i] = dyn.columnOf(ids[i]);
    params["epochs"] = dyn.epochs();
    params["augmented_view"] = dyn.augmented();
    if (detector == "aum") return detectAum(dyn.margin(), dyn.epochs(), dyn.n(), columns);
    params["early_epoch"] = dyn.earlyEpoch();
    params["early_rule"] = dyn.earlyRule();
    if (detector == "early-loss")
        return detectEarlyLoss(dyn.loss(), dyn.epochs(), dyn.n(), columns, dyn.earlyEpoch());
    // cl-early: the softmax of the early epoch's training forward (NaN rows: not recorded).
    const size_t K = size_t(classes);
    std::vector<float> probs(ids.size() * K, kNaN);
    for (size_t i = 0; i < ids.size(); ++i)
        if (columns[i] >= 0) std::copy_n(dyn.earlyProbs() + size_t(columns[i]) * K, K, &probs[i * K]);
    DetectorResult r = detectConfidentLearning(probs.data(), labels.data(), int64_t(ids.size()), classes);
    r.detector = "cl-early";
    return r;
}

DetectorResult scoreDynamicsOfRun(const std::string& detector, const std::string& runDir, int64_t runId,
                                  const std::vector<int64_t>& ids, const std::vector<int32_t>& labels, int classes,
                                  nlohmann::json& params) {
    auto dyn = TrainingDynamics::open(runDir);
    if (!dyn)
        throw Error("run " + std::to_string(runId) + " has no training dynamics (" + runDir +
                    "/dynamics.json): it was trained by an older Winnow (before issue 17, or "
                    "by several processes before issue 12) or is a cross-validation run; train it again to use " + detector);
    DetectorResult r = scoreFromDynamics(detector, *dyn, ids, labels, classes, params);
    params["probabilities"] = "training forward";
    return r;
}

}  // namespace winnow::core
