// Influential Rank (METHODS.md §1-5, §7): the math is scoreInfluentialRank
// (influential_rank_scorer.h) and, for clips, scoreClipFrames (clip_scoring.h).
#include <algorithm>

#include "core/influence/data_gamma.h"
#include "core/influence/detector_compute.h"
#include "core/influence/dynamics_detectors.h"
#include "core/train/training_dynamics.h"

namespace winnow::core {
namespace {

nlohmann::json gmmJson(const Gmm1d& g) {
    nlohmann::json j;
    j["weight"] = nlohmann::json::array({g.weight[0], g.weight[1]});
    j["mean"] = nlohmann::json::array({g.mean[0], g.mean[1]});
    j["var"] = nlohmann::json::array({g.var[0], g.var[1]});
    j["mean_loglik"] = g.meanLogLik;
    j["iterations"] = g.iterations;
    j["valid"] = g.valid;
    return j;
}

DetectorOutput compute(DetectorInput& in) {
    DetectorOutput out;
    const auto& o = in.request.influentialRank;
    auto r = scoreInfluentialRank(in.work, in.trusted, o, in.progress, in.cancel);
    // Data-driven gamma (data_gamma.h, docs/influence-decisions.md): the flagged count closest
    // to confident learning's estimate on the early-epoch probabilities, when the run has them.
    out.summary["gamma_rule"] = o.gamma > 0 ? "explicit" : "methods";
    if (o.gamma == 0 && o.gammaRule == "data" && !r.osmOnly) {
        if (auto dyn = TrainingDynamics::open(in.runDir)) {
            nlohmann::json ignored;
            const std::vector<int32_t> labels(in.work.labels, in.work.labels + in.work.n);
            auto est = scoreFromDynamics("cl-early", *dyn, in.sampleIds, labels, in.work.classes, ignored);
            auto choice = chooseDataGamma(r.consensus, in.work.classes, est.flagged);
            r.gamma = choice.gamma;
            for (size_t i = 0; i < r.flag.size(); ++i) r.flag[i] = r.consensus[i] >= r.gamma;
            out.summary["gamma_rule"] = "data";
            out.summary["gamma_target"] = choice.target;
            out.summary["gamma_target_source"] = "cl-early";
            out.summary["gamma_flagged_at"] = choice.flaggedAt;
        }
    }
    out.result.score = r.score;
    out.result.flag = r.flag;
    out.result.noiseRateEstimate = r.noiseRateEstimate;
    ScoreFile& f = in.file;
    f.osm = r.osm;
    f.inDM = r.inDM;
    f.osd = r.osd;
    f.posterior = r.posteriorHigh;
    f.candidate = r.candidate;
    f.consensus = r.consensus;
    out.params["damping"] = o.influence.damping;
    out.params["gamma"] = o.gamma;
    out.params["gamma_rule"] = o.gammaRule;
    out.params["solver"] = r.solver;
    out.params["device"] = r.device;
    out.params["hessian_max_samples"] = o.influence.hessianMaxSamples;
    out.summary["gamma"] = r.gamma;
    out.summary["gamma_default"] = r.gammaDefault;
    out.summary["osm_only"] = r.osmOnly;
    out.summary["in_dm"] = int64_t(std::count(r.inDM.begin(), r.inDM.end(), 1));
    out.summary["seconds_hessian"] = r.secondsHessian;
    out.summary["seconds_influence"] = r.secondsInfluence;
    out.summary["seconds_gmm"] = r.secondsGmm;
    nlohmann::json g = nlohmann::json::array(), tp = nlohmann::json::array();
    for (int k = 0; k < in.work.classes; ++k) {
        g.push_back(gmmJson(r.gmm[size_t(k)]));
        tp.push_back(r.trustedPerClass[size_t(k)]);
    }
    f.meta["gmm"] = g;
    f.meta["trusted_per_class"] = tp;
    f.meta["gamma"] = r.gamma;
    f.meta["gamma_default"] = r.gammaDefault;
    f.meta["osm_only"] = r.osmOnly;
    f.meta["gamma_rule"] = out.summary["gamma_rule"];
    out.summary["trusted_per_class"] = tp;
    out.warnings = r.warnings;
    if (in.clipFrames)
        out.clipScores = std::make_unique<ClipFrameScores>(
            scoreClipFrames(in.work, in.trusted, o, r, in.clipFrames->rows(), in.cancel));
    return out;
}

}  // namespace

DetectorInfo influentialRankDetector() {
    DetectorInfo d;
    d.id = "influential-rank";
    d.displayName = "Influential Rank";
    d.description = "last-layer influence on the trusted set (OSM, OSD), per-class mixtures and a consensus";
    d.needs = kNeedsFeatures | kNeedsTrustedSet;
    d.settings = {"gamma", "gamma-rule", "damping", "solver"};
    d.reviewRankMemorised = 10;
    d.reviewRankLearning = 30;
    d.restoreSettings = [](const nlohmann::json& p, ScoreRequest& into) {
        into.influentialRank.gamma = int(jsonInt(jsonField(p, "gamma"), 0));
        if (p.contains("gamma_rule")) into.influentialRank.gammaRule = jsonString(jsonField(p, "gamma_rule"));
        if (p.contains("damping")) into.influentialRank.influence.damping = jsonDouble(jsonField(p, "damping"));
        if (p.contains("hessian_max_samples"))
            into.influentialRank.influence.hessianMaxSamples = jsonInt(jsonField(p, "hessian_max_samples"));
    };
    d.splitsAcrossProcesses = true;
    d.compute = compute;
    return d;
}

}  // namespace winnow::core
