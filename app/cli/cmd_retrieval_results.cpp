// winnow-cli retrieval results / retrieval export: the stored RoCOCO evaluations, two or more
// models side by side, and their CSV / HTML exports.
#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "app/cli/retrieval_json.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_export.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::cli {
namespace {

struct ResultsOptions {
    std::string project;
    bool json = false;
};

int results(const ResultsOptions& a) {
    auto project = openForReading(a.project);
    core::Database& db = project->db();
    const auto sets = core::listCaptionSets(db);
    const auto runs = core::listRuns(db);
    const core::ComparisonTable t = core::compareRetrievalRuns(db);
    if (a.json) {
        nlohmann::json j;
        nlohmann::json js = nlohmann::json::array();
        for (const auto& s : sets) {
            nlohmann::json x;
            x["id"] = s.id;
            x["name"] = s.name;
            x["file"] = s.file.string();
            x["format"] = s.format;
            x["rococo"] = s.rococo;
            x["images"] = s.images;
            x["ground_truth_captions"] = s.groundTruthCaptions;
            x["adversarial_captions"] = s.adversarialCaptions;
            x["missing_images"] = s.missingImages;
            js.push_back(x);
        }
        j["sets"] = js;
        nlohmann::json jr = nlohmann::json::array();
        for (const auto& r : runs) {
            nlohmann::json x;
            x["id"] = r.id;
            x["set_id"] = r.setId;
            x["status"] = r.status;
            if (const auto e = core::findEncoder(db, r.encoderId)) x["model"] = e->identity;
            x["images_used"] = r.imagesUsed;
            x["images_excluded"] = r.imagesExcluded;
            jr.push_back(x);
        }
        j["runs"] = jr;
        nlohmann::json cols = nlohmann::json::array();
        for (const auto& c : t.columns) {
            nlohmann::json x;
            x["run_id"] = c.runId;
            x["set_id"] = c.setId;
            x["model"] = c.encoder.identity;
            x["description"] = c.encoder.description;
            cols.push_back(x);
        }
        j["columns"] = cols;
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& r : t.rows) {
            nlohmann::json x;
            x["set_id"] = r.setId;
            x["direction"] = r.direction;
            x["attack"] = r.attack;
            if (r.seed) x["seed"] = *r.seed;
            nlohmann::json cells = nlohmann::json::array();
            for (const auto& c : r.cells) cells.push_back(c ? resultJson(*c) : nlohmann::json());
            x["cells"] = cells;
            rows.push_back(x);
        }
        j["rows"] = rows;
        j["ties"] = core::kTiesNote;
        printJsonLine(core::dumpJson(j));
        return 0;
    }
    std::printf("caption sets:\n");
    for (const auto& s : sets)
        std::printf("  %lld  %s (%s%s): %lld images, %lld ground-truth, %lld adversarial captions, %s\n",
                    (long long)s.id, s.name.c_str(), s.format.c_str(), s.rococo ? ", RoCOCO" : "",
                    (long long)s.images, (long long)s.groundTruthCaptions, (long long)s.adversarialCaptions,
                    s.imageFolder.empty() ? "images not checked (imported without --images)"
                                          : (std::to_string(s.missingImages) + " images missing or unusable in " +
                                             s.imageFolder).c_str());
    std::printf("evaluations:\n");
    for (const auto& r : runs) {
        const auto e = core::findEncoder(db, r.encoderId);
        std::printf("  %lld  set %lld, %s, %s%s\n", (long long)r.id, (long long)r.setId,
                    e ? e->identity.c_str() : "?", r.status.c_str(), r.message.empty() ? "" : (": " + r.message).c_str());
    }
    if (t.columns.empty()) {
        std::printf("no completed evaluation yet\n");
        return 0;
    }
    std::printf("\nR@1 / FR@1 / drop rate (%%), latest completed evaluation per set and model:\n");
    std::printf("%-20s %-4s %-16s %-5s", "set", "dir", "attack", "seed");
    for (size_t c = 0; c < t.columns.size(); ++c)
        std::printf(" | %-26.26s", ("run " + std::to_string(t.columns[c].runId) + " " + t.columns[c].encoder.identity).c_str());
    std::printf("\n");
    for (const auto& r : t.rows) {
        std::printf("%-20.20s %-4s %-16.16s %-5s", r.setName.c_str(), r.direction.c_str(), r.attack.c_str(),
                    r.seed ? std::to_string(*r.seed).c_str() : (r.attack == "clean" || r.direction == "i2t" ? "" : "mean"));
        for (const auto& c : r.cells) {
            if (!c) {
                std::printf(" | %-26s", "-");
                continue;
            }
            char buf[64];
            std::snprintf(buf, sizeof buf, "%6.2f / %6.2f / %6.2f", 100 * c->scores.r1, 100 * c->scores.fr1,
                          100 * c->drop.rate);
            std::printf(" | %-26s", buf);
        }
        std::printf("\n");
    }
    std::printf("%s\n", core::kTiesNote);
    return 0;
}

struct ExportOptions {
    std::string project;
    std::string table, failures, report;
    long long run = 0;
    bool json = false;
};

int exportRetrieval(const ExportOptions& a) {
    if (a.table.empty() && a.failures.empty() && a.report.empty())
        throw UsageError{"give --table FILE.csv, --failures FILE.csv and/or --report FILE.html"};
    auto project = openForReading(a.project);
    nlohmann::json j;
    j["event"] = "done";
    if (!a.table.empty()) {
        const int64_t n = core::exportRetrievalTable(*project, a.table);
        j["table"] = a.table;
        j["table_rows"] = n;
        if (!a.json) std::printf("wrote %s: %lld result rows\n", a.table.c_str(), (long long)n);
    }
    if (!a.failures.empty()) {
        const int64_t n = core::exportRetrievalFailures(*project, a.failures, a.run);
        j["failures"] = a.failures;
        j["failure_rows"] = n;
        if (!a.json) std::printf("wrote %s: %lld failures\n", a.failures.c_str(), (long long)n);
    }
    if (!a.report.empty()) {
        const int64_t n = core::writeRetrievalReport(*project, a.report, a.run);
        j["report"] = a.report;
        j["report_runs"] = n;
        if (!a.json) std::printf("wrote %s: %lld evaluations\n", a.report.c_str(), (long long)n);
    }
    if (a.json) printJsonLine(core::dumpJson(j));
    return 0;
}

Runner defineResults(CLI::App& app) {
    auto o = std::make_shared<ResultsOptions>();
    addProject(app, o->project);
    addJson(app, o->json);
    return [o] { return results(*o); };
}

Runner defineExport(CLI::App& app) {
    auto o = std::make_shared<ExportOptions>();
    addProject(app, o->project);
    addText(app, "--table", o->table, "write every stored result as CSV", "FILE");
    addText(app, "--failures", o->failures, "write the failures of an evaluation as CSV", "FILE");
    addText(app, "--report", o->report, "write a self-contained HTML report", "FILE");
    addWhole(app, "--run", o->run, 1, kNoLimit, "the evaluation (default: the latest completed; report: all)");
    addJson(app, o->json);
    return [o] { return exportRetrieval(*o); };
}

const CommandRegistrar regResults({"retrieval results", "stored RoCOCO results, models side by side", defineResults});
const CommandRegistrar regExport({"retrieval export", "retrieval results and failures as CSV or HTML", defineExport});

}  // namespace
}  // namespace winnow::cli
