#include "widgets/runs/run_comparison.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/dataset/sample_store.h"
#include "core/influence/score_file.h"
#include "core/influence/scoring_rows.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/train/run_record.h"
#include "core/train/run_rows.h"
#include "core/train/train_config.h"
#include "widgets/review/dashboard_stats.h"

namespace winnow::widgets {

namespace {
double accOf(const nlohmann::json& o, const char* key) { return core::jsonDouble(core::jsonField(o, key), NAN); }
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

std::vector<RunInfo> loadRuns(const std::filesystem::path& projectFile) {
    auto p = core::Project::openReadOnly(projectFile);
    std::vector<RunInfo> out;
    // Runs carry no label version of their own: see core::RunRow::labelVersion.
    for (const core::RunRow& row : core::listRunRows(*p)) {
        RunInfo r;
        r.id = row.id;
        r.created = qs(row.createdAt);
        r.state = qs(row.state);
        r.kind = qs(row.kind);
        const auto cfg = core::TrainConfig::fromJson(core::parseJson(row.configJson, "config of run " + std::to_string(r.id)));
        r.model = qs(cfg.model);
        r.loss = qs(cfg.loss);
        r.epochs = cfg.epochs;
        r.parentRun = row.parentRun;
        r.labelVersion = row.labelVersion;
        for (const auto& e : core::runEpochRows(p->db(), r.id)) r.epochRows << qs(e);
        // Final accuracies from the summary of a finished run, else the last epoch so far.
        const nlohmann::json last =
            core::parseJsonOrNull(row.summaryJson.empty() ? r.lastEpochRow().toStdString() : row.summaryJson);
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
    std::vector<ScoringRef> out;
    for (const auto& s : core::scoringsWithResultOfRun(*p, int64_t(runId))) out.push_back({s.id, s.runId, qs(s.detector)});
    return out;
}

ScoringVector loadScoringVector(const std::filesystem::path& projectFile, qint64 scoringId) {
    auto p = core::Project::openReadOnly(projectFile);
    const auto row = core::scoringWithResult(*p, int64_t(scoringId));
    if (!row)
        throw core::Error("scoring " + std::to_string(scoringId) + " has no results in " + projectFile.string());
    ScoringVector v;
    v.id = scoringId;
    v.runId = row->runId;
    v.detector = qs(row->detector);
    const auto f = core::ScoreFile::read(p->cacheDir() / row->resultFile);
    // Sorted by id so two scorings can be merged.
    std::vector<size_t> order(size_t(f.n()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return f.sampleIds[a] < f.sampleIds[b]; });
    std::unordered_map<int64_t, int32_t> truth;
    const core::SampleTable table = core::SampleStore(p->db()).loadTable();
    for (size_t i = 0; i < table.size(); ++i)
        if (table.originalLabel[i] >= 0) truth[table.ids[i]] = table.originalLabel[i];
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
