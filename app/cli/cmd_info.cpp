// winnow-cli info: what a project holds (classes x splits), its import history and problems.
#include <iostream>
#include <map>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/sample.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct ClassRow {
    std::string name;
    int64_t split[3] = {0, 0, 0};
    int64_t total() const { return split[0] + split[1] + split[2]; }
};

struct Options {
    std::string project;
    long long issues = 20;
    bool json = false;
};

int run(const Options& args) {
    const std::string path = args.project;
    const long long maxIssues = args.issues;
    auto project = openForReading(path);  // info never writes to the project
    auto& db = project->db();

    nlohmann::json j;
    j["project"] = project->file().string();
    j["schema"] = project->schemaVersion();
    j["samples"] = db.queryInt64("SELECT count(*) FROM samples");
    j["unreadable"] = db.queryInt64("SELECT count(*) FROM samples WHERE status=1");
    j["trusted"] = db.queryInt64("SELECT count(*) FROM samples WHERE trusted<>0");
    j["unlabelled"] = db.queryInt64("SELECT count(*) FROM samples WHERE label IS NULL");

    nlohmann::json splits = nlohmann::json::object();
    for (int s = 0; s < 3; ++s) splits[core::splitName(core::Split(s))] = int64_t(0);
    auto st = db.prepare("SELECT split, count(*) FROM samples GROUP BY split");
    while (st.step()) splits[core::splitName(core::Split(st.int32(0)))] = st.int64(1);
    j["splits"] = splits;

    std::map<int, ClassRow> classes;
    auto cs = db.prepare(
        "SELECT c.idx, c.name, s.split, count(s.id) FROM classes c"
        " LEFT JOIN samples s ON s.label=c.id GROUP BY c.id, s.split ORDER BY c.idx");
    while (cs.step()) {
        ClassRow& row = classes[cs.int32(0)];
        row.name = cs.text(1);
        if (!cs.isNull(2) && cs.int32(2) >= 0 && cs.int32(2) < 3) row.split[cs.int32(2)] = cs.int64(3);
    }
    nlohmann::json cj = nlohmann::json::array();
    for (const auto& [idx, row] : classes) {
        nlohmann::json c;
        c["index"] = idx;
        c["name"] = row.name;
        c["count"] = row.total();
        for (int s = 0; s < 3; ++s) c[core::splitName(core::Split(s))] = row.split[s];
        cj.push_back(c);
    }
    j["classes"] = cj;

    nlohmann::json imports = nlohmann::json::array();
    auto is = db.prepare(
        "SELECT id, format, source, started_at, coalesce(finished_at,''), state, n_imported, n_issues"
        " FROM imports ORDER BY id");
    while (is.step()) {
        nlohmann::json i;
        i["id"] = is.int64(0);
        i["format"] = is.text(1);
        i["source"] = is.text(2);
        i["started_at"] = is.text(3);
        i["finished_at"] = is.text(4);
        i["state"] = is.text(5);
        i["imported"] = is.int64(6);
        i["issues"] = is.int64(7);
        imports.push_back(i);
    }
    j["imports"] = imports;
    j["issue_count"] = db.queryInt64("SELECT count(*) FROM import_issues");
    nlohmann::json issues = nlohmann::json::array();
    auto iq = db.prepare("SELECT import_id, path, line, reason FROM import_issues ORDER BY id LIMIT ?");
    iq.bind(1, int64_t(maxIssues));
    while (iq.step()) {
        nlohmann::json i;
        i["import_id"] = iq.int64(0);
        i["path"] = iq.text(1);
        if (!iq.isNull(2)) i["line"] = iq.int64(2);
        i["reason"] = iq.text(3);
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
    for (const auto& [idx, row] : classes)
        std::cout << "  " << idx << "  " << row.name << ": " << row.total() << " (train "
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
