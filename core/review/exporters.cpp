#include "core/review/exporters.h"

#include <map>
#include <vector>

#include "core/review/label_versions.h"
#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

struct LabelRow {
    int64_t id;
    std::string path;
    std::string split;
    int original;
    int final;
};

std::vector<LabelRow> labelRows(Project& project) {
    std::vector<int32_t> original = labelsAtVersion(project, 1);
    std::vector<LabelRow> rows;
    auto st = project.db().prepare(
        "SELECT s.id, s.media_kind, s.path, s.item_index, s.frame_start, s.frame_end, s.split,"
        " coalesce(c.idx,-1) FROM samples s LEFT JOIN classes c ON c.id=s.label ORDER BY s.id");
    const char* splits[] = {"train", "val", "test"};
    while (st.step()) {
        LabelRow r;
        r.id = st.int64(0);
        r.path = st.text(2);
        if (st.int32(1) == 1) r.path += "#" + std::to_string(st.int64(3));
        if (st.int32(1) == 2)
            r.path += "@" + std::to_string(st.int64(4)) + "-" + std::to_string(st.int64(5));
        int split = st.int32(6);
        r.split = splits[split >= 0 && split < 3 ? split : 0];
        r.original = original[rows.size()];
        r.final = st.int32(7);
        rows.push_back(r);
    }
    return rows;
}

std::map<int, std::string> classNames(Project& project) {
    std::map<int, std::string> names;
    auto st = project.db().prepare("SELECT idx, name FROM classes");
    while (st.step()) names[st.int32(0)] = st.text(1);
    return names;
}

}  // namespace

void exportLabelsCsv(Project& project, const fs::path& out, const ProgressFn& progress, const CancelToken* cancel) {
    auto names = classNames(project);
    auto decisions = ReviewLog(project).effectiveAll();
    AtomicFile f = project.createExportFile(out);
    f << csvHeader({"sample_id", "path", "split", "original_label", "final_label", "action", "reviewer", "time"});
    const std::vector<LabelRow> rows = labelRows(project);
    ProgressReporter reporter(progress, cancel, int64_t(rows.size()), 4096);
    for (const auto& r : rows) {
        reporter.step(1, "exporting labels");
        auto d = decisions.find(r.id);
        bool has = d != decisions.end();
        f << CsvRow()
                 .integer(r.id)
                 .text(r.path)
                 .text(r.split)
                 .text(r.original >= 0 ? names[r.original] : "")
                 .text(r.final >= 0 ? names[r.final] : "")
                 .text(has ? reviewActionName(d->second.action) : "")
                 .text(has ? d->second.reviewer : "")
                 .text(has ? d->second.createdAt : "")
                 .line();
    }
    f.commit();
    reporter.done("exported " + std::to_string(rows.size()) + " labels");
}

void exportLabelsJson(Project& project, const fs::path& out, const ProgressFn& progress, const CancelToken* cancel) {
    auto names = classNames(project);
    auto decisions = ReviewLog(project).effectiveAll();
    AtomicFile f = project.createExportFile(out);
    f << "[\n";
    bool first = true;
    const std::vector<LabelRow> rows = labelRows(project);
    ProgressReporter reporter(progress, cancel, int64_t(rows.size()), 4096);
    for (const auto& r : rows) {
        reporter.step(1, "exporting labels");
        nlohmann::json j;
        j["sample_id"] = r.id;
        j["path"] = r.path;
        j["split"] = r.split;
        j["original_label"] = r.original >= 0 ? nlohmann::json(names[r.original]) : nlohmann::json();
        j["final_label"] = r.final >= 0 ? nlohmann::json(names[r.final]) : nlohmann::json();
        auto d = decisions.find(r.id);
        if (d != decisions.end()) {
            j["action"] = reviewActionName(d->second.action);
            j["reviewer"] = d->second.reviewer;
            j["time"] = d->second.createdAt;
        }
        f << (first ? "" : ",\n") << dumpJson(j);
        first = false;
    }
    f << "\n]\n";
    f.commit();
    reporter.done("exported " + std::to_string(rows.size()) + " labels");
}

}  // namespace winnow::core
