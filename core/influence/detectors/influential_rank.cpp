// Influential Rank (METHODS.md §1-5, §7): the math is scoreInfluentialRank
// (influential_rank_scorer.h) and, for clips, scoreClipFrames (clip_scoring.h).
#include <algorithm>

#include "core/influence/detector_compute.h"

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
    d.settings = {"gamma", "damping", "solver"};
    d.reviewRankMemorised = 10;
    d.reviewRankLearning = 30;
    d.restoreSettings = [](const nlohmann::json& p, ScoreRequest& into) {
        into.influentialRank.gamma = int(jsonInt(jsonField(p, "gamma"), 0));
        if (p.contains("damping")) into.influentialRank.influence.damping = jsonDouble(jsonField(p, "damping"));
        if (p.contains("hessian_max_samples"))
            into.influentialRank.influence.hessianMaxSamples = jsonInt(jsonField(p, "hessian_max_samples"));
    };
    d.compute = compute;
    return d;
}

}  // namespace winnow::core
