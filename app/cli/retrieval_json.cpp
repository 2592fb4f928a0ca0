#include "app/cli/retrieval_json.h"


namespace winnow::cli {

nlohmann::json resultJson(const core::RetrievalResultRow& r) {
    nlohmann::json j;
    j["run_id"] = r.runId;
    j["attack"] = r.attack;
    j["attack_kind"] = r.attackKind;
    j["direction"] = r.direction;
    if (r.seed) j["seed"] = *r.seed;
    j["queries"] = r.scores.queries;
    j["r1"] = r.scores.r1;
    j["r5"] = r.scores.r5;
    j["r10"] = r.scores.r10;
    j["fr1"] = r.scores.fr1;
    j["drop_abs"] = r.drop.absolute;
    j["drop_rate"] = r.drop.rate;
    return j;
}

}  // namespace winnow::cli
