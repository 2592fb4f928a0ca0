#include "core/influence/exports.h"

#include <cstdio>

#include "core/dataset/sample_store.h"
#include "core/influence/detectors.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/csv.h"
#include "core/util/error.h"
#include "core/util/number_text.h"

namespace winnow::core {
namespace fs = std::filesystem;
namespace {

// NumPy .npy version 1.0: magic, header length, a dict padded so data starts on 64 bytes.
void writeNpy(AtomicFile& f, const std::vector<float>& data, int64_t rows, int cols) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                         std::to_string(rows) + ", " + std::to_string(cols) + "), }";
    size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    f.write("\x93NUMPY\x01\x00", 8);
    uint16_t len = uint16_t(header.size());
    f << char(len & 0xff) << char(len >> 8) << header;
    f.write(data.data(), data.size() * sizeof(float));
}

}  // namespace

nlohmann::json exportPredictions(Project& project, int64_t runId, const fs::path& out) {
    if (runId <= 0) runId = latestRun(project, true);
    auto ro = RunOutputs::open(runOutputsPath(project, runId));
    const int K = ro->meta().classes;
    SampleStore store(project.db());
    auto classes = store.classes();
    SampleTable t = store.loadTable();
    bool selfTest = false;
    for (auto v : t.originalLabel) selfTest = selfTest || v >= 0;
    std::vector<float> probs;
    fs::path csv = out;
    csv += ".csv";
    AtomicFile npy = project.createExportFile(out);
    AtomicFile c = project.createExportFile(csv);
    c << (selfTest ? csvHeader({"row", "sample_id", "given_label", "given_class", "original_label", "original_class"})
                   : csvHeader({"row", "sample_id", "given_label", "given_class"}));
    int64_t rows = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t.split[i] != 0 || t.label[i] < 0 || t.status[i] != 0) continue;
        int64_t r = ro->rowOf(t.ids[i]);
        if (r < 0) continue;
        auto p = softmaxRows(ro->logits() + r * K, 1, K);
        probs.insert(probs.end(), p.begin(), p.end());
        CsvRow row;
        row.integer(rows).integer(t.ids[i]).integer(t.label[i]).text(classes[size_t(t.label[i])].name);
        if (selfTest) {
            const int o = t.originalLabel[i];
            row.integer(o);
            if (o >= 0) row.text(classes[size_t(o)].name);
            else row.empty();
        }
        c << row.line();
        ++rows;
    }
    writeNpy(npy, probs, rows, K);
    c.commit();
    npy.commit();
    nlohmann::json j;
    j["rows"] = rows;
    j["classes"] = K;
    j["run_id"] = runId;
    j["npy"] = out.string();
    j["csv"] = csv.string();
    return j;
}

nlohmann::json exportIssues(Project& project, const std::string& detector, const fs::path& out) {
    auto& db = project.db();
    auto classes = SampleStore(db).classes();
    std::string sql =
        "SELECT detector, result_file, id FROM scorings WHERE result_file IS NOT NULL AND id IN "
        "(SELECT max(id) FROM scorings GROUP BY detector)";
    if (!detector.empty()) sql += " AND detector=?";
    auto st = db.prepare(sql + " ORDER BY id");
    if (!detector.empty()) st.bind(1, detector);
    // Nothing replaces `out` unless the whole table was written (commit() at the end).
    AtomicFile c = project.createExportFile(out);
    c << csvHeader({"sample_id", "given_label", "suggested_label", "score", "flag", "detector"});
    int64_t rows = 0, scorings = 0;
    auto name = [&](int32_t k) { return k >= 0 && size_t(k) < classes.size() ? classes[size_t(k)].name : std::string(); };
    while (st.step()) {
        ++scorings;
        ScoreFile f = ScoreFile::read(project.cacheDir() / st.text(1));
        for (int64_t i = 0; i < f.n(); ++i) {
            c << CsvRow()
                     .integer(f.sampleIds[size_t(i)])
                     .text(name(f.givenLabel[size_t(i)]))
                     .text(name(f.suggestedLabel[size_t(i)]))
                     .significant(double(f.score[size_t(i)]), 6)
                     .integer(f.flag[size_t(i)])
                     .text(st.text(0))
                     .line();
            ++rows;
        }
    }
    if (scorings == 0)
        throw Error("project " + project.file().string() + " has no stored scoring" +
                    (detector.empty() ? "" : " for detector '" + detector + "'") +
                    "; run `winnow-cli score` first");
    c.commit();
    nlohmann::json j;
    j["rows"] = rows;
    j["scorings"] = scorings;
    j["csv"] = out.string();
    return j;
}

}  // namespace winnow::core
