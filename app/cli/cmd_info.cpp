// winnow-cli info: what a project holds (classes x splits), its import history and problems.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/project_summary.h"
#include "core/dataset/sample.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct Options {
    std::string project;
    long long issues = 20;
    bool json = false;
};

int run(const Options& args) {
    auto project = openForReading(args.project);  // info never writes to the project
    const core::ProjectSummary sum = core::readProjectSummary(*project, args.issues);

    nlohmann::json j;
    j["project"] = project->file().string();
    j["schema"] = project->schemaVersion();
    j["samples"] = sum.samples;
    j["unreadable"] = sum.unreadable;
    j["trusted"] = sum.trusted;
    j["unlabelled"] = sum.unlabelled;

    nlohmann::json splits = nlohmann::json::object();
    for (int s = 0; s < 3; ++s) splits[core::splitName(core::Split(s))] = int64_t(0);
    for (const auto& [split, n] : sum.splits) splits[core::splitName(core::Split(split))] = n;
    j["splits"] = splits;

    const auto& classes = sum.classes;
    nlohmann::json cj = nlohmann::json::array();
    for (const auto& row : classes) {
        nlohmann::json c;
        c["index"] = row.idx;
        c["name"] = row.name;
        c["count"] = row.total();
        for (int s = 0; s < 3; ++s) c[core::splitName(core::Split(s))] = row.split[s];
        cj.push_back(c);
    }
    j["classes"] = cj;

    nlohmann::json imports = nlohmann::json::array();
    for (const auto& im : sum.imports) {
        nlohmann::json i;
        i["id"] = im.id;
        i["format"] = im.format;
        i["source"] = im.source;
        i["started_at"] = im.startedAt;
        i["finished_at"] = im.finishedAt;
        i["state"] = im.state;
        i["imported"] = im.imported;
        i["issues"] = im.issues;
        imports.push_back(i);
    }
    j["imports"] = imports;
    j["issue_count"] = sum.issueCount;
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& is : sum.issues) {
        nlohmann::json i;
        i["import_id"] = is.importId;
        i["path"] = is.path;
        if (is.line) i["line"] = *is.line;
        i["reason"] = is.reason;
        issues.push_back(i);
    }
    j["issues"] = issues;

    if (args.json) {
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::cout << project->file().string() << ": " << core::jsonInt(j["samples"]) << " samples ("
              << core::jsonInt(j["unreadable"]) << " unreadable, " << core::jsonInt(j["trusted"]) << " trusted, "
              << core::jsonInt(j["unlabelled"]) << " unlabelled)\n";
    std::cout << "splits: train " << core::jsonInt(splits["train"]) << ", val " << core::jsonInt(splits["val"])
              << ", test " << core::jsonInt(splits["test"]) << "\n";
    std::cout << "classes (" << classes.size() << "):\n";
    for (const auto& row : classes)
        std::cout << "  " << row.idx << "  " << row.name << ": " << row.total() << " (train "
                  << row.split[0] << ", val " << row.split[1] << ", test " << row.split[2] << ")\n";
    std::cout << "imports:\n";
    for (const auto& i : core::jsonArray(imports))
        std::cout << "  #" << core::jsonInt(core::jsonField(i, "id")) << " " << core::jsonString(core::jsonField(i, "format")) << " "
                  << core::jsonString(core::jsonField(i, "source")) << " [" << core::jsonString(core::jsonField(i, "state")) << "] "
                  << core::jsonInt(core::jsonField(i, "imported")) << " samples, " << core::jsonInt(core::jsonField(i, "issues"))
                  << " issues, " << core::jsonString(core::jsonField(i, "started_at")) << "\n";
    std::cout << "import issues: " << core::jsonInt(j["issue_count"]) << "\n";
    for (const auto& i : core::jsonArray(issues)) {
        std::cout << "  " << core::jsonString(core::jsonField(i, "path"));
        if (i.contains("line")) std::cout << ":" << core::jsonInt(core::jsonField(i, "line"));
        std::cout << ": " << core::jsonString(core::jsonField(i, "reason")) << "\n";
    }
    return 0;
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project);
    addWhole(app, "--issues", o->issues, 0, 1000000, "import issues to list");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"info", "show a project's classes, splits, imports and import issues", define});

}  // namespace
}  // namespace winnow::cli
