#include "core/report/html_report.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "core/dataset/sample_store.h"
#include "core/influence/detection_metrics.h"
#include "core/influence/score_file.h"
#include "core/report/svg_chart.h"
#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/number_text.h"

namespace winnow::core {
namespace {

std::string fmt(double v) { return formatNumber(v, 3); }

struct Scoring {
    int64_t id;
    std::string detector;
    std::string resultFile;
};

std::vector<Scoring> latestScorings(Project& project) {
    std::map<std::string, Scoring> latest;
    auto st = project.db().prepare(
        "SELECT id, detector, coalesce(result_file,'') FROM scorings ORDER BY id");
    while (st.step()) latest[st.text(1)] = {st.int64(0), st.text(1), st.text(2)};
    std::vector<Scoring> out;
    for (auto& [k, v] : latest) out.push_back(v);
    return out;
}

}  // namespace

nlohmann::json writeHtmlReport(Project& project, const std::filesystem::path& out) {
    AtomicFile f = project.createExportFile(out);  // refuses the project's own files up front
    SampleStore store(project.db());
    auto classes = store.classes();
    SampleTable table = store.loadTable();
    std::vector<std::string> names;
    for (const auto& c : classes) names.push_back(c.name);
    size_t K = names.size();

    std::map<int64_t, size_t> row;
    bool selfTest = false;
    for (size_t i = 0; i < table.size(); ++i) {
        row[table.ids[i]] = i;
        if (table.originalLabel[i] >= 0) selfTest = true;
    }

    nlohmann::json summary;
    std::ostringstream html;
    html << "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Winnow report — "
         << htmlEscape(project.file().filename().string())
         << "</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
            "text-align:right}th{background:#eef}td:first-child{text-align:left}</style>"
            "</head><body>";
    html << "<h1>Winnow report</h1><p>Project <code>" << htmlEscape(project.file().string())
         << "</code>, written " << Project::nowUtc() << ".</p>";

    // Dataset.
    std::vector<BarSeries> bySplit = {{"train", "", std::vector<double>(K)},
                                      {"val", "", std::vector<double>(K)},
                                      {"test", "", std::vector<double>(K)}};
    int64_t unreadable = 0, trusted = 0;
    for (size_t i = 0; i < table.size(); ++i) {
        if (table.status[i] != 0) ++unreadable;
        if (table.trusted[i]) ++trusted;
        int l = table.label[i], s = table.split[i];
        if (l >= 0 && size_t(l) < K && s >= 0 && s < 3) bySplit[size_t(s)].values[size_t(l)] += 1;
    }
    html << "<h2>Dataset</h2><table><tr><th>samples</th><th>classes</th><th>trusted</th>"
            "<th>unreadable</th></tr><tr><td>"
         << table.size() << "</td><td>" << K << "</td><td>" << trusted << "</td><td>"
         << unreadable << "</td></tr></table>"
         << svgBarChart("Samples per class and split", names, bySplit);
    summary["samples"] = int64_t(table.size());
    summary["classes"] = int64_t(K);

    // Detectors.
    html << "<h2>Detectors</h2>";
    auto scorings = latestScorings(project);
    if (scorings.empty()) html << "<p>No detector has been run on this project yet.</p>";
    std::vector<BarSeries> flaggedPerClass;
    html << "<table><tr><th>detector</th><th>scored</th><th>flagged</th>";
    if (selfTest) html << "<th>precision</th><th>recall</th><th>F1</th><th>AUROC</th><th>AP</th>";
    html << "</tr>";
    std::string irCharts;
    nlohmann::json detectors = nlohmann::json::array();
    for (const auto& sc : scorings) {
        ScoreFile f;
        try {
            f = ScoreFile::read(project.cacheDir() / sc.resultFile);
        } catch (const Error& e) {
            html << "<tr><td>" << htmlEscape(sc.detector) << "</td><td colspan='2'>"
                 << htmlEscape(e.what()) << "</td></tr>";
            continue;
        }
        BarSeries perClass{sc.detector, "", std::vector<double>(K)};
        std::vector<uint8_t> noisy(size_t(f.n()), 0);
        std::vector<int> group(size_t(f.n()), 0);
        int64_t flagged = 0;
        for (int64_t i = 0; i < f.n(); ++i) {
            if (f.flag[size_t(i)]) {
                ++flagged;
                int l = f.givenLabel[size_t(i)];
                if (l >= 0 && size_t(l) < K) perClass.values[size_t(l)] += 1;
            }
            auto it = row.find(f.sampleIds[size_t(i)]);
            if (it != row.end() && table.originalLabel[it->second] >= 0 &&
                table.originalLabel[it->second] != f.givenLabel[size_t(i)]) {
                noisy[size_t(i)] = 1;
                group[size_t(i)] = 1;
            }
        }
        flaggedPerClass.push_back(perClass);
        nlohmann::json dj;
        dj["detector"] = sc.detector;
        dj["flagged"] = flagged;
        html << "<tr><td>" << htmlEscape(sc.detector) << "</td><td>" << f.n() << "</td><td>"
             << flagged << "</td>";
        if (selfTest) {
            auto m = detectionMetrics(noisy, f.flag, &f.score);
            html << "<td>" << fmt(m.precision) << "</td><td>" << fmt(m.recall) << "</td><td>"
                 << fmt(m.f1) << "</td><td>" << fmt(m.auroc) << "</td><td>"
                 << fmt(m.averagePrecision) << "</td>";
            dj["precision"] = m.precision;
            dj["recall"] = m.recall;
            dj["f1"] = m.f1;
        }
        html << "</tr>";
        detectors.push_back(dj);
        if (!f.osm.empty()) {
            std::vector<std::string> groups = {"clean", "noisy (injected)"};
            irCharts += svgHistogram("OSM (" + sc.detector + ")", f.osm, 40,
                                     selfTest ? &group : nullptr, selfTest ? &groups : nullptr);
            std::vector<float> consensus(f.consensus.begin(), f.consensus.end());
            irCharts += svgHistogram("Class consensus count", consensus, int(K) + 1,
                                     selfTest ? &group : nullptr, selfTest ? &groups : nullptr);
        }
    }
    html << "</table>";
    if (!flaggedPerClass.empty())
        html << svgBarChart("Flagged samples per given class", names, flaggedPerClass);
    html << irCharts;
    summary["detectors"] = detectors;

    // Review.
    auto decisions = ReviewLog(project).effectiveAll();
    std::map<std::string, int64_t> byAction;
    for (const auto& [id, d] : decisions) ++byAction[reviewActionName(d.action)];
    html << "<h2>Review</h2><table><tr><th>action</th><th>samples</th></tr>";
    for (const auto& [a, n] : byAction) html << "<tr><td>" << a << "</td><td>" << n << "</td></tr>";
    html << "</table><h3>Label versions</h3><table><tr><th>version</th><th>name</th>"
            "<th>created</th><th>changes</th></tr>";
    auto lv = project.db().prepare(
        "SELECT v.id, v.name, v.created_at, (SELECT count(*) FROM label_changes c WHERE "
        "c.version_id=v.id) FROM label_versions v ORDER BY v.id");
    while (lv.step())
        html << "<tr><td>" << lv.int64(0) << "</td><td>" << htmlEscape(lv.text(1)) << "</td><td>"
             << lv.text(2) << "</td><td>" << lv.int64(3) << "</td></tr>";
    html << "</table></body></html>\n";
    summary["reviewed"] = int64_t(decisions.size());

    f << html.str();
    f.commit();
    summary["out"] = out.string();
    return summary;
}

}  // namespace winnow::core
