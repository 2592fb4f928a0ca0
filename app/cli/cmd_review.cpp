#include <iostream>

#include "app/cli/command.h"
#include "core/review/label_versions.h"
#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/json.h"

namespace winnow::cli {
namespace {

// review-apply: the GUI's "Apply decisions" for scripts (e.g. apply, then retrain).
int runApply(const std::vector<std::string>& argv) {
    Args args(argv, {"project", "name", "note"}, {"json"});
    auto project = core::Project::open(args.require("project"));
    const auto r = core::applyReviewDecisions(*project, args.get("name", "reviewed"), args.get("note"));
    core::Json j;
    j["version"] = r.versionId;
    j["relabelled"] = r.relabelled;
    j["excluded"] = r.excluded;
    j["included"] = r.included;
    j["current_version"] = core::currentLabelVersion(*project);
    if (args.flag("json")) {
        printJsonLine(j.dump());
    } else if (r.versionId == 0) {
        std::cout << "nothing to apply: the labels already match the review decisions\n";
    } else {
        std::cout << "label version " << r.versionId << ": " << r.relabelled << " relabelled, "
                  << r.excluded << " excluded, " << r.included << " included again\n";
    }
    return 0;
}

// review-status: how many samples have an effective decision, by action.
int runStatus(const std::vector<std::string>& argv) {
    Args args(argv, {"project"}, {"json"});
    auto project = core::Project::openReadOnly(args.require("project"));
    core::ReviewLog log(*project);
    std::map<std::string, int64_t> byAction;
    const auto all = log.effectiveAll();
    for (const auto& [id, d] : all) ++byAction[core::reviewActionName(d.action)];
    core::Json j;
    j["reviewed"] = int64_t(all.size());
    j["rows"] = project->db().queryInt64("SELECT count(*) FROM review_decisions");
    for (const auto& [a, n] : byAction) j["by_action"][a] = n;
    if (args.flag("json")) {
        printJsonLine(j.dump());
    } else {
        std::cout << all.size() << " samples reviewed (" << j.at("rows").asInt() << " audit rows)\n";
        for (const auto& [a, n] : byAction) std::cout << "  " << a << ": " << n << "\n";
    }
    return 0;
}

const CommandRegistrar regApply({"review-apply",
                                 "turn the review decisions into a new label version",
                                 "--project P [--name N] [--note T] [--json]", runApply});
const CommandRegistrar regStatus({"review-status", "count the effective review decisions by action",
                                  "--project P [--json]", runStatus});

}  // namespace
}  // namespace winnow::cli
