#include "core/influence/detector_choice.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "core/influence/detector_registry.h"
#include "core/influence/noise_structure.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

namespace winnow::core {
namespace {

std::string fixed(double v, int digits) { return formatNumber(v, digits); }

// Last finished scoring of `detector` on `run`, or 0.
int64_t latestOf(Project& project, int64_t run, const std::string& detector) {
    auto st = project.db().prepare(
        "SELECT id FROM scorings WHERE run_id=? AND detector=? AND result_file IS NOT NULL "
        "ORDER BY id DESC LIMIT 1");
    st.bind(1, run).bind(2, detector);
    return st.step() ? st.int64(0) : 0;
}

DetectorChoice bySelfTest(Project& project) {
    DetectorChoice best;
    const nlohmann::json eval = evaluateProject(project);
    double bestAp = -1;
    for (const nlohmann::json& d : jsonArray(jsonField(eval, "detectors"))) {
        const double ap = jsonField(d, "average_precision").is_null() ? -1.0 : jsonDouble(jsonField(d, "average_precision"));
        if (ap >= bestAp) {  // ties: the newer scoring
            bestAp = ap;
            best.scoringId = jsonInt(jsonField(d, "scoring_id"));
            best.runId = jsonInt(jsonField(d, "run_id"));
            best.detector = jsonString(jsonField(d, "detector"));
        }
    }
    if (best.scoringId)
        best.reason = best.detector + " ranks the injected noise best on this self-test (average precision " +
                      fixed(bestAp, 3) + ")";
    return best;
}

}  // namespace

double lastTrainingAccuracy(Project& project, int64_t run) {
    auto ep = project.db().prepare("SELECT metrics_json FROM run_epochs WHERE run_id=? ORDER BY epoch DESC LIMIT 1");
    ep.bind(1, run);
    if (!ep.step()) return -1;
    const nlohmann::json m = parseJson(ep.text(0), "metrics of run " + std::to_string(run));
    return m.contains("acc_train") && !jsonField(m, "acc_train").is_null() ? jsonDouble(jsonField(m, "acc_train")) : -1.0;
}

DetectorChoice recommendedScoring(Project& project, double memorisedAccuracy, bool useSelfTest) {
    auto& db = project.db();
    if (db.queryInt64("SELECT count(*) FROM scorings WHERE result_file IS NOT NULL") == 0)
        return {0, 0, {}, "nothing has been scored yet", {}};
    if (useSelfTest && db.queryInt64("SELECT count(*) FROM noise_injections") > 0) {
        DetectorChoice c = bySelfTest(project);
        if (c.scoringId) return c;
    }
    // The latest run with a finished scoring, preferring ordinary runs to cross-val ones.
    const int64_t run = db.queryInt64(
        "SELECT s.run_id FROM scorings s JOIN runs r ON r.id=s.run_id WHERE s.result_file IS NOT NULL "
        "ORDER BY (r.kind='cross-val'), s.run_id DESC LIMIT 1");
    const double trainAcc = lastTrainingAccuracy(project, run);
    const bool memorised = trainAcc >= memorisedAccuracy;
    const NoiseStructure structure = runNoiseStructure(project, run);
    const bool flip = structure.kind == NoiseStructure::Kind::PairFlip;
    // The registered detectors the regime may pick, best first (DetectorInfo::reviewRank*).
    // Under a systematic flip the detectors ranked for it in this regime come first
    // (reviewRankPairFlip*).
    auto flipRank = [&](const DetectorInfo& d) {
        return memorised ? d.reviewRankPairFlipMemorised : d.reviewRankPairFlipLearning;
    };
    std::vector<std::pair<int, std::string>> order;
    for (const DetectorInfo& d : detectors()) {
        const int rank = memorised ? d.reviewRankMemorised : d.reviewRankLearning;
        if (flip && flipRank(d) > 0) order.emplace_back(flipRank(d) - 1000, d.id);
        else if (rank > 0) order.emplace_back(rank, d.id);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    DetectorChoice c;
    c.runId = run;
    c.noise = structure;
    for (const auto& [rank, det] : order)
        if ((c.scoringId = latestOf(project, run, det))) {
            c.detector = det;
            break;
        }
    if (!c.scoringId) {
        auto st = db.prepare("SELECT id, detector FROM scorings WHERE run_id=? AND result_file IS NOT NULL ORDER BY id DESC LIMIT 1");
        st.bind(1, run);
        if (!st.step())  // every finished scoring belongs to a run that is gone
            return {0, 0, {}, "no finished scoring belongs to a run of this project", {}};
        c.scoringId = st.int64(0);
        c.detector = st.text(1);
        c.reason = "the newest scoring of run " + std::to_string(run);
        return c;
    }
    const std::string acc = trainAcc < 0 ? std::string("unknown") : fixed(100 * trainAcc, 1) + "%";
    const auto info = findDetector(c.detector);
    const bool forFlip = flip && info && flipRank(*info) > 0;
    const std::string why = forFlip
                                ? " finds systematic flips, which the model learns early and early loss misses: " +
                                      structure.reason
                            : c.detector == "early-loss"
                                ? " reads each sample's loss from the epochs before the model memorised"
                                : " does not rely on the final loss";
    if (forFlip)
        c.reason = (memorised ? "the model fits its given labels (training accuracy "
                              : "the model has not memorised its labels (training accuracy ") +
                   acc + "); " + c.detector + why;
    else
        c.reason = memorised ? "the model fits its given labels (training accuracy " + acc +
                                   "), where loss-based detectors see little; " + c.detector + why
                             : "the model has not memorised its labels (training accuracy " + acc + "); " +
                                   c.detector + " is the strongest detector stored for this regime";
    return c;
}

}  // namespace winnow::core
