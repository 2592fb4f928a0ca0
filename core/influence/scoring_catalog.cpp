#include "core/influence/scoring_catalog.h"

#include <algorithm>
#include <numeric>

#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {
namespace {

// The rows of `ids` in ascending id order (files are written in id order; this makes sure).
SampleColumn sortedColumn(const int64_t* ids, const float* values, const uint8_t* flags, int64_t n) {
    std::vector<size_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [ids](size_t a, size_t b) { return ids[a] < ids[b]; });
    SampleColumn c;
    c.ids.reserve(order.size());
    c.values.reserve(order.size());
    c.flagged.reserve(order.size());
    for (size_t i : order) {
        c.ids.push_back(ids[i]);
        c.values.push_back(values[i]);
        c.flagged.push_back(flags ? flags[i] : 0);
    }
    return c;
}

}  // namespace

std::vector<ScorableRun> scorableRuns(Project& project) {
    std::vector<ScorableRun> out;
    auto st = project.db().prepare(
        "SELECT id, kind, config_json, created_at FROM runs WHERE state='done' AND outputs_dir IS NOT NULL "
        "ORDER BY id DESC");
    while (st.step()) {
        ScorableRun r;
        r.id = st.int64(0);
        r.kind = st.text(1);
        try {
            const nlohmann::json cfg = parseJson(st.text(2), "a stored row");
            if (cfg.contains("model")) r.model = core::jsonString(core::jsonField(cfg, "model"));
        } catch (const std::exception&) {
            // An unreadable config only loses the model name in the list.
        }
        r.createdAt = st.text(3);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<StoredScoring> storedScorings(Project& project) {
    std::vector<StoredScoring> out;
    auto st = project.db().prepare(
        "SELECT id, run_id, detector, created_at, summary_json FROM scorings WHERE result_file IS NOT NULL "
        "ORDER BY id DESC");
    while (st.step()) {
        StoredScoring s;
        s.id = st.int64(0);
        s.runId = st.int64(1);
        s.detector = st.text(2);
        s.createdAt = st.text(3);
        if (!st.isNull(4)) {
            try {
                const nlohmann::json sum = parseJson(st.text(4), "a stored row");
                if (sum.contains("flagged")) s.flagged = core::jsonInt(core::jsonField(sum, "flagged"));
            } catch (const std::exception&) {
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

SampleColumn scoringColumn(Project& project, int64_t scoringId) {
    auto st = project.db().prepare("SELECT result_file FROM scorings WHERE id=? AND result_file IS NOT NULL");
    st.bind(1, scoringId);
    if (!st.step())
        throw Error(project.file().string() + ": scoring " + std::to_string(scoringId) + " does not exist or has no result");
    const ScoreFile sf = ScoreFile::read(project.cacheDir() / st.text(0));
    return sortedColumn(sf.sampleIds.data(), sf.score.data(), sf.flag.data(), sf.n());
}

SampleColumn runLossColumn(Project& project, int64_t runId) {
    const auto outputs = RunOutputs::open(runOutputsPath(project, runId));
    return sortedColumn(outputs->sampleIds(), outputs->loss(), nullptr, outputs->meta().n);
}

}  // namespace winnow::core
