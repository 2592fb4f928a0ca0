#include "core/retrieval/retrieval_export.h"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

#include "core/report/svg_chart.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_failures.h"
#include "core/store/database.h"
#include "core/store/project.h"
#include "core/util/csv.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

// Shortest round-trip text, whatever the locale.
std::string num(double v) {
    if (std::isnan(v)) return "nan";
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

// Fixed decimals, whatever the locale.
std::string fixed(double v, int decimals) {
    if (std::isnan(v)) return "nan";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    return std::string(buf, r.ptr);
}
std::string pct(double v) { return fixed(100.0 * v, 2); }

std::string seedsText(const std::vector<int64_t>& seeds) {
    std::string out;
    for (int64_t s : seeds) out += (out.empty() ? "" : " ") + std::to_string(s);
    return out;
}

std::string seedText(const RetrievalResultRow& r) {
    if (r.seed) return std::to_string(*r.seed);
    return r.attackKind == "mix" || r.attackKind == "patch" ? "mean" : "";
}

// Row order: set, direction (i2t first), clean first, attack name, seeds ascending, mean last.
auto rowKey(const std::string& direction, const std::string& attack, const std::optional<int64_t>& seed) {
    return std::make_tuple(direction == "i2t" ? 0 : 1, attack == "clean" ? 0 : 1, attack, seed ? 0 : 1,
                           seed.value_or(0));
}

}  // namespace

int64_t latestCompletedRun(Database& db) {
    return db.queryInt64("SELECT coalesce(max(id), 0) FROM retrieval_runs WHERE status = 'completed'");
}

std::string tokenizerText(const std::string& preprocessing) {
    const std::string key = "merges-sha256=";
    const size_t at = preprocessing.find(key);
    if (at == std::string::npos) return "CLIP BPE, merges file not recorded";
    size_t end = preprocessing.find_first_of(",;", at);
    if (end == std::string::npos) end = preprocessing.size();
    return "CLIP BPE, merges sha256:" + preprocessing.substr(at + key.size(), end - at - key.size());
}

ComparisonTable compareRetrievalRuns(Database& db) {
    // The latest completed run per (set, encoder).
    std::map<std::pair<int64_t, int64_t>, int64_t> latest;
    for (const RetrievalRun& r : listRuns(db))
        if (r.status == "completed") latest[{r.setId, r.encoderId}] = r.id;
    std::vector<int64_t> runs;
    for (const auto& [key, runId] : latest) runs.push_back(runId);
    return compareRetrievalRuns(db, runs);
}

ComparisonTable compareRetrievalRuns(Database& db, const std::vector<int64_t>& runIds) {
    ComparisonTable t;
    std::map<std::tuple<int64_t, int, int, std::string, int, int64_t>, size_t> rowIndex;
    for (int64_t runId : runIds) {
        const auto run = findRun(db, runId);
        if (!run) throw Error("There is no retrieval evaluation " + std::to_string(runId));
        ComparisonTable::Column c;
        c.runId = runId;
        c.setId = run->setId;
        if (auto e = findEncoder(db, run->encoderId)) c.encoder = *e;
        t.columns.push_back(c);
    }
    for (size_t col = 0; col < t.columns.size(); ++col) {
        const auto set = findCaptionSet(db, t.columns[col].setId);
        for (const RetrievalResultRow& r : listResults(db, t.columns[col].runId)) {
            const auto k = std::tuple_cat(std::make_tuple(t.columns[col].setId), rowKey(r.direction, r.attack, r.seed));
            auto it = rowIndex.find(k);
            if (it == rowIndex.end()) {
                ComparisonTable::Row row;
                row.setId = t.columns[col].setId;
                row.setName = set ? set->name : "?";
                row.direction = r.direction;
                row.attack = r.attack;
                row.seed = r.seed;
                it = rowIndex.emplace(k, 0).first;
                t.rows.push_back(std::move(row));
                it->second = t.rows.size() - 1;
            }
            auto& cells = t.rows[it->second].cells;
            cells.resize(t.columns.size());
            cells[col] = r;
        }
    }
    // Sort the rows by their key.
    std::vector<std::pair<decltype(rowIndex)::key_type, size_t>> order(rowIndex.begin(), rowIndex.end());
    std::vector<ComparisonTable::Row> sorted;
    for (const auto& [k, i] : order) {
        sorted.push_back(std::move(t.rows[i]));
        sorted.back().cells.resize(t.columns.size());
    }
    t.rows = std::move(sorted);
    return t;
}

int64_t exportRetrievalTable(Project& project, const std::filesystem::path& out) {
    AtomicFile f = project.createExportFile(out);
    Database& db = project.db();
    f << csvHeader({"run", "status", "set", "set_file", "model_identity", "model", "dim", "tokenizer", "preprocessing",
                    "attack", "attack_kind", "direction", "seed", "seeds", "lambda", "pairing", "queries", "r1", "r5",
                    "r10", "fr1", "drop_abs", "drop_rate", "images_used", "images_excluded", "normalisation", "ties"});
    int64_t n = 0;
    for (const RetrievalRun& run : listRuns(db)) {
        const auto set = findCaptionSet(db, run.setId);
        const auto enc = findEncoder(db, run.encoderId);
        for (const RetrievalResultRow& r : listResults(db, run.id)) {
            CsvRow row;
            row.integer(run.id).text(run.status).text(set ? set->name : "").text(set ? set->file.string() : "");
            row.text(enc ? enc->identity : "").text(enc ? enc->description : "").integer(enc ? enc->dim : 0);
            row.text(tokenizerText(enc ? enc->preprocessing : "")).text(enc ? enc->preprocessing : "");
            row.text(r.attack).text(r.attackKind).text(r.direction).text(seedText(r)).text(seedsText(run.seeds));
            if (r.lambda) row.number(*r.lambda);
            else row.empty();
            row.text(run.pairing).integer(r.scores.queries).number(r.scores.r1).number(r.scores.r5);
            row.number(r.scores.r10).number(r.scores.fr1).number(r.drop.absolute).number(r.drop.rate);
            row.integer(run.imagesUsed).integer(run.imagesExcluded).text(run.normalisation).text(run.ties);
            const std::string line = row.line();
            f << line;
            ++n;
        }
    }
    f.commit();
    return n;
}

int64_t exportRetrievalFailures(Project& project, const std::filesystem::path& out, int64_t runId) {
    project.refuseProtectedPath(out);
    if (runId == 0) runId = latestCompletedRun(project.db());
    if (runId == 0) throw Error("No completed retrieval evaluation in " + project.file().string() + " to export");
    RetrievalRunView view(project, runId);
    const auto failures = view.failures();
    AtomicFile f = project.createExportFile(out);
    f << csvHeader({"run", "attack", "direction", "seed", "query", "ground_truth", "top1_item", "top1_is_attack",
                    "top1_score", "truth_score", "best_attack_item", "best_attack_score", "margin", "failure", "rank",
                    "clean_rank", "swapped_words", "model_identity", "ties"});
    for (const RetrievalFailure& x : failures) {
        const QueryOutcome& o = x.outcome;
        CsvRow row;
        row.integer(runId).text(x.attack).text(x.direction);
        if (x.seed) row.integer(*x.seed);
        else row.empty();
        row.text(view.queryText(x)).text(view.truthText(x)).text(view.itemText(x, o.top1));
        row.integer(o.top1.kind == 'a' ? 1 : 0).number(o.top1Score).number(o.truthScore);
        row.text(view.itemText(x, o.bestAttack)).number(o.bestAttackScore).number(x.margin);
        row.text(failureKindText(x.kinds, x.lostFromTop)).integer(o.rank).integer(o.cleanRank);
        row.text(view.swappedWords(x, o.top1.kind == 'a' ? o.top1 : o.bestAttack));
        row.text(view.encoder().identity).text(view.run().ties);
        const std::string line = row.line();
        f << line;
    }
    f.commit();
    return int64_t(failures.size());
}

namespace {

void runSection(std::ostringstream& html, Project& project, int64_t runId) {
    RetrievalRunView view(project, runId);
    const RetrievalRun& run = view.run();
    const EncoderRecord& enc = view.encoder();
    html << "<h2>Evaluation " << run.id << ": " << htmlEscape(view.setInfo().name) << " with "
         << htmlEscape(enc.description) << "</h2>";
    html << "<table class='kv'>";
    auto kv = [&](const std::string& k, const std::string& v) {
        html << "<tr><th>" << htmlEscape(k) << "</th><td>" << htmlEscape(v) << "</td></tr>";
    };
    kv("model identity", enc.identity);
    kv("model", enc.description);
    kv("embedding size", std::to_string(enc.dim));
    kv("tokenizer", tokenizerText(enc.preprocessing));
    kv("preprocessing", enc.preprocessing);
    kv("caption set", view.setInfo().file.string());
    kv("captions", run.normalisation);
    kv("images", std::to_string(run.imagesUsed) + " used, " + std::to_string(run.imagesExcluded) +
                     " left out (missing or undecodable, with their captions)");
    kv("image attacks", "seeds " + (run.seeds.empty() ? std::string("none") : seedsText(run.seeds)) + ", λ " +
                            (run.lambda ? num(*run.lambda) : std::string("-")) + ", pairing " + run.pairing);
    kv("truncated captions", std::to_string(run.truncated));
    kv("ties", run.ties);
    kv("status", run.status + (run.message.empty() ? "" : ": " + run.message) + ", " + run.createdAt);
    html << "</table>";

    html << "<table><tr><th>direction</th><th>attack</th><th>seed</th><th>queries</th><th>R@1</th><th>R@5</th>"
            "<th>R@10</th><th>FR@1</th><th>drop (abs)</th><th>drop rate</th></tr>";
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<double>>> chart;  // direction -> bars
    std::map<std::string, double> cleanR1;
    for (const RetrievalResultRow& r : view.results()) {
        html << "<tr><td>" << r.direction << "</td><td>" << htmlEscape(r.attack) << "</td><td>" << seedText(r)
             << "</td><td>" << r.scores.queries << "</td><td>" << pct(r.scores.r1) << "</td><td>"
             << pct(r.scores.r5) << "</td><td>" << pct(r.scores.r10) << "</td><td>" << pct(r.scores.fr1)
             << "</td><td>" << pct(r.drop.absolute) << "</td><td>" << pct(r.drop.rate) << "</td></tr>";
        if (r.attack == "clean") cleanR1[r.direction] = r.scores.r1;
        else if (!r.seed) {
            chart[r.direction].first.push_back(r.attack);
            chart[r.direction].second.push_back(100.0 * r.scores.r1);
        }
    }
    html << "</table><p class='note'>Percentages. " << htmlEscape(run.ties) << ". " << htmlEscape(run.normalisation)
         << ".</p>";
    for (const auto& [direction, bars] : chart) {
        BarSeries clean{"clean", "#88a", std::vector<double>(bars.first.size(), 100.0 * cleanR1[direction])};
        BarSeries attacked{"attacked", "#c55", bars.second};
        html << svgBarChart("R@1 clean vs attacked (" + direction + ", %)", bars.first, {clean, attacked});
    }

    auto failures = view.failures();
    auto board = [&](const char* title, const std::vector<LeaderboardEntry>& entries) {
        html << "<h3>" << title << "</h3>";
        if (entries.empty()) {
            html << "<p>None.</p>";
            return;
        }
        html << "<table><tr><th>item</th><th>top-1 wins</th></tr>";
        for (const LeaderboardEntry& e : entries)
            html << "<tr><td>" << htmlEscape(e.item) << "</td><td>" << e.wins << "</td></tr>";
        html << "</table>";
    };
    board("Swapped words that win top-1 most often (source>target)", swapLeaderboard(view, failures));
    board("Gallery items that win top-1 most often", galleryLeaderboard(view, failures));
    html << "<h3>Failures, largest margin first (" << failures.size() << " in all; first 50)</h3>";
    html << "<table><tr><th>attack</th><th>dir</th><th>seed</th><th>query</th><th>top-1</th><th>swapped</th>"
            "<th>margin</th><th>kind</th></tr>";
    for (size_t i = 0; i < failures.size() && i < 50; ++i) {
        const RetrievalFailure& x = failures[i];
        html << "<tr><td>" << htmlEscape(x.attack) << "</td><td>" << x.direction << "</td><td>"
             << (x.seed ? std::to_string(*x.seed) : std::string()) << "</td><td>" << htmlEscape(view.queryText(x))
             << "</td><td>" << htmlEscape(view.itemText(x, x.outcome.top1)) << "</td><td>"
             << htmlEscape(view.swappedWords(x, x.outcome.top1)) << "</td><td>" << fixed(x.margin, 4) << "</td><td>"
             << htmlEscape(failureKindText(x.kinds, x.lostFromTop)) << "</td></tr>";
    }
    html << "</table><p class='note'>Margin = best attack score − best ground-truth score; "
         << htmlEscape(run.ties) << ".</p>";
}

void comparisonSection(std::ostringstream& html, Database& db) {
    const ComparisonTable t = compareRetrievalRuns(db);
    if (t.columns.size() < 2) return;
    html << "<h2>Models side by side (R@1 / FR@1, %)</h2><table><tr><th>set</th><th>direction</th><th>attack</th>"
            "<th>seed</th>";
    for (const auto& c : t.columns)
        html << "<th>" << htmlEscape(c.encoder.description) << "<br><small>" << htmlEscape(c.encoder.identity)
             << "</small></th>";
    html << "</tr>";
    for (const auto& r : t.rows) {
        html << "<tr><td>" << htmlEscape(r.setName) << "</td><td>" << r.direction << "</td><td>"
             << htmlEscape(r.attack) << "</td><td>" << (r.seed ? std::to_string(*r.seed) : std::string()) << "</td>";
        for (const auto& cell : r.cells)
            html << "<td>" << (cell ? pct(cell->scores.r1) + " / " + pct(cell->scores.fr1) : std::string("–"))
                 << "</td>";
        html << "</tr>";
    }
    html << "</table><p class='note'>" << htmlEscape(kTiesNote) << ".</p>";
}

}  // namespace

int64_t writeRetrievalReport(Project& project, const std::filesystem::path& out, int64_t runId) {
    AtomicFile f = project.createExportFile(out);
    Database& db = project.db();
    std::vector<int64_t> runs;
    if (runId != 0) {
        if (!findRun(db, runId)) throw Error("No retrieval evaluation " + std::to_string(runId) + " in " + project.file().string());
        runs.push_back(runId);
    } else {
        for (const RetrievalRun& r : listRuns(db))
            if (r.status == "completed") runs.push_back(r.id);
    }
    std::ostringstream html;
    html << "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Winnow retrieval report — "
         << htmlEscape(project.file().filename().string())
         << "</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
            "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
            "text-align:right}th{background:#eef}td:first-child{text-align:left}"
            "table.kv td,table.kv th{text-align:left}.note{color:#555;font-size:90%}</style></head><body>";
    html << "<h1>Winnow retrieval report (RoCOCO stress test)</h1><p>Project <code>"
         << htmlEscape(project.file().string()) << "</code>, written " << Project::nowUtc() << ". "
         << htmlEscape(kTiesNote) << ".</p>";
    if (runs.empty()) html << "<p>No completed retrieval evaluation in this project yet.</p>";
    if (runId == 0) comparisonSection(html, db);
    for (int64_t id : runs) runSection(html, project, id);
    html << "</body></html>\n";
    f << html.str();
    f.commit();
    return int64_t(runs.size());
}

}  // namespace winnow::core
