#include "widgets/runs/run_comparison.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/train/train_config.h"
#include "widgets/review/dashboard_stats.h"

namespace winnow::widgets {

namespace {
double accOf(const nlohmann::json& o, const char* key) { return core::jsonDouble(core::jsonField(o, key), NAN); }
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

std::vector<RunInfo> loadRuns(const std::filesystem::path& projectFile) {
    auto p = core::Project::openReadOnly(projectFile);
    auto& db = p->db();
    std::vector<RunInfo> out;
    // Runs carry no label version of their own. A retrain records it in meta; otherwise the
    // version current when the run began is the newest one created no later than the run
    // (times have one-second resolution, so a version made in the run's own second counts).
    auto st = db.prepare(
        "SELECT r.id, r.created_at, r.state, r.kind, r.config_json, coalesce(r.summary_json,''),"
        " coalesce(r.parent_run,0),"
        " coalesce((SELECT CAST(m.value AS INTEGER) FROM meta m WHERE m.key = 'run_label_version.' || r.id),"
        "          (SELECT max(v.id) FROM label_versions v WHERE v.created_at <= r.created_at), 1)"
        " FROM runs r ORDER BY r.id");
    auto ep = db.prepare("SELECT metrics_json FROM run_epochs WHERE run_id=? ORDER BY epoch");
    while (st.step()) {
        RunInfo r;
        r.id = st.int64(0);
        r.created = qs(st.text(1));
        r.state = qs(st.text(2));
        r.kind = qs(st.text(3));
        const auto cfg = core::TrainConfig::fromJson(core::parseJson(st.text(4), "config of run " + std::to_string(r.id)));
        r.model = qs(cfg.model);
        r.loss = qs(cfg.loss);
        r.epochs = cfg.epochs;
        r.parentRun = st.int64(6);
        r.labelVersion = st.int64(7);
        ep.reset();
        ep.bind(1, int64_t(r.id));
        while (ep.step()) r.epochRows << qs(ep.text(0));
        // Final accuracies from the summary of a finished run, else the last epoch so far.
        const nlohmann::json last =
            core::parseJsonOrNull(st.text(5).empty() ? r.lastEpochRow().toStdString() : st.text(5));
        r.accTrain = accOf(last, "acc_train");
        r.accVal = accOf(last, "acc_val");
        r.accTest = accOf(last, "acc_test");
        out.push_back(std::move(r));
    }
    return out;
}

bool ScoringVector::isSelfTest() const {
    return std::any_of(truth.begin(), truth.end(), [](int32_t t) { return t >= 0; });
}

std::vector<ScoringRef> scoringsOfRun(const std::filesystem::path& projectFile, qint64 runId) {
    auto p = core::Project::openReadOnly(projectFile);
    auto st = p->db().prepare(
        "SELECT id, run_id, detector FROM scorings WHERE run_id=? AND result_file IS NOT NULL ORDER BY id");
    st.bind(1, int64_t(runId));
    std::vector<ScoringRef> out;
    while (st.step()) out.push_back({st.int64(0), st.int64(1), qs(st.text(2))});
    return out;
}

ScoringVector loadScoringVector(const std::filesystem::path& projectFile, qint64 scoringId) {
    auto p = core::Project::openReadOnly(projectFile);
    auto& db = p->db();
    auto st = db.prepare("SELECT run_id, detector, result_file FROM scorings WHERE id=? AND result_file IS NOT NULL");
    st.bind(1, int64_t(scoringId));
    if (!st.step())
        throw core::Error("scoring " + std::to_string(scoringId) + " has no results in " + projectFile.string());
    ScoringVector v;
    v.id = scoringId;
    v.runId = st.int64(0);
    v.detector = qs(st.text(1));
    const auto f = core::ScoreFile::read(p->cacheDir() / st.text(2));
    // Sorted by id so two scorings can be merged.
    std::vector<size_t> order(size_t(f.n()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return f.sampleIds[a] < f.sampleIds[b]; });
    std::unordered_map<int64_t, int32_t> truth;
    auto t = db.prepare("SELECT s.id, c.idx FROM samples s JOIN classes c ON c.id=s.original_label");
    while (t.step()) truth[t.int64(0)] = t.int32(1);
    for (size_t i : order) {
        v.ids.push_back(f.sampleIds[i]);
        v.score.push_back(f.score[i]);
        v.flag.push_back(f.flag[i]);
        v.given.push_back(f.givenLabel[i]);
        const auto it = truth.find(f.sampleIds[i]);
        v.truth.push_back(it == truth.end() ? -1 : it->second);
    }
    return v;
}

FlagQuality flagQuality(const ScoringVector& s) {
    FlagQuality q;
    const bool self = s.isSelfTest();
    for (size_t i = 0; i < s.ids.size(); ++i) {
        q.flagged += s.flag[i] ? 1 : 0;
        if (!self || s.truth[i] < 0) continue;
        const bool noisy = s.truth[i] != s.given[i];
        q.noisy += noisy;
        q.truePositives += noisy && s.flag[i];
    }
    if (!self) return q;
    q.precision = q.flagged ? double(q.truePositives) / double(q.flagged) : 0.0;
    q.recall = q.noisy ? double(q.truePositives) / double(q.noisy) : 0.0;
    q.f1 = q.precision + q.recall > 0 ? 2 * q.precision * q.recall / (q.precision + q.recall) : 0.0;
    return q;
}

ScoringComparison compareScorings(const ScoringVector& a, const ScoringVector& b) {
    ScoringComparison c;
    for (uint8_t f : a.flag) c.flaggedA += f ? 1 : 0;
    for (uint8_t f : b.flag) c.flaggedB += f ? 1 : 0;
    std::vector<double> sa, sb;
    // Both id lists are ascending: one merge pass.
    for (size_t i = 0, j = 0; i < a.ids.size() && j < b.ids.size();) {
        if (a.ids[i] < b.ids[j]) { ++i; continue; }
        if (b.ids[j] < a.ids[i]) { ++j; continue; }
        ++c.common;
        c.overlap += a.flag[i] && b.flag[j];
        if (!std::isnan(a.score[i]) && !std::isnan(b.score[j])) {
            sa.push_back(a.score[i]);
            sb.push_back(b.score[j]);
        }
        ++i, ++j;
    }
    const int64_t uni = c.flaggedA + c.flaggedB - c.overlap;
    c.jaccard = uni > 0 ? double(c.overlap) / double(uni) : NAN;
    c.spearman = spearman(sa, sb);
    return c;
}

}  // namespace winnow::widgets
