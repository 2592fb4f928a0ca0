#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/review/label_versions.h"
#include "core/review/review_log.h"
#include "core/review/review_status.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

// review-apply: the GUI's "Apply decisions" for scripts (e.g. apply, then retrain).
struct ApplyOptions {
    std::string project;
    std::string name = "reviewed";
    std::string note;
    bool json = false;
};

int runApply(const ApplyOptions& args) {
    auto project = core::Project::open(args.project);
    const auto r = core::applyReviewDecisions(*project, args.name, args.note);
    nlohmann::json j;
    j["version"] = r.versionId;
    j["relabelled"] = r.relabelled;
    j["excluded"] = r.excluded;
    j["included"] = r.included;
    j["current_version"] = core::currentLabelVersion(*project);
    if (args.json) {
        printJsonLine(core::dumpJson(j));
    } else if (r.versionId == 0) {
        std::cout << "nothing to apply: the labels already match the review decisions\n";
    } else {
        std::cout << "label version " << r.versionId << ": " << r.relabelled << " relabelled, "
                  << r.excluded << " excluded, " << r.included << " included again\n";
    }
    return 0;
}

// review-status: how many samples have an effective decision, by action.
struct StatusOptions {
    std::string project;
    bool json = false;
};

int runStatus(const StatusOptions& args) {
    auto project = openForReading(args.project);
    const core::ReviewStatus status = core::readReviewStatus(*project);
    nlohmann::json j;
    j["reviewed"] = status.reviewed;
    j["rows"] = status.auditRows;
    for (const auto& [a, n] : status.byAction) j["by_action"][a] = n;
    if (args.json) {
        printJsonLine(core::dumpJson(j));
    } else {
        std::cout << status.reviewed << " samples reviewed (" << status.auditRows << " audit rows)\n";
        for (const auto& [a, n] : status.byAction) std::cout << "  " << a << ": " << n << "\n";
    }
    return 0;
}

Runner defineApply(CLI::App& app) {
    auto o = std::make_shared<ApplyOptions>();
    addProject(app, o->project);
    addText(app, "--name", o->name, "the new label version's name")->default_str(o->name);
    app.add_option("--note", o->note, "a note stored with the label version")->type_name("TEXT");
    addJson(app, o->json);
    return [o] { return runApply(*o); };
}

Runner defineStatus(CLI::App& app) {
    auto o = std::make_shared<StatusOptions>();
    addProject(app, o->project);
    addJson(app, o->json);
    return [o] { return runStatus(*o); };
}

const CommandRegistrar regApply({"review-apply", "turn the review decisions into a new label version",
                                 defineApply});
const CommandRegistrar regStatus({"review-status", "count the effective review decisions by action",
                                  defineStatus});

}  // namespace
}  // namespace winnow::cli
