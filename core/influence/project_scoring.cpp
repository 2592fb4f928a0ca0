#include "core/influence/project_scoring.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <optional>
#include <unordered_set>

#include "core/dataset/sample_store.h"
#include "core/influence/clip_scoring.h"
#include "core/influence/detector_compute.h"
#include "core/influence/detector_registry.h"
#include "core/influence/score_file.h"
#include "core/influence/score_order.h"
#include "core/store/project.h"
#include "core/train/clip_outputs.h"
#include "core/train/run_outputs.h"
#include "core/train/subsets.h"
#include "core/train/train_config.h"
#include "core/train/training_dynamics.h"
#include "core/util/error.h"
#include "core/util/process_tag.h"

namespace winnow::core {
namespace {

// Several processes (ScoreShard): stops every one of them, with the same message, when they
// do not agree on `what` (each adds its value and rank 0's; all see the same sums).
void checkSameOnEveryRank(const ScoreShard& sh, const std::string& what, const std::vector<int64_t>& mine) {
    if (!sh.active()) return;
    std::vector<double> v(2 * mine.size(), 0.0);
    for (size_t i = 0; i < mine.size(); ++i) {
        v[i] = sh.rank == 0 ? double(mine[i]) : 0.0;
        v[mine.size() + i] = double(mine[i]);
    }
    sh.sum(v);
    for (size_t i = 0; i < mine.size(); ++i)
        if (v[mine.size() + i] != v[i] * double(sh.world))
            throw Error("rank " + std::to_string(sh.rank) + ": the " + std::to_string(sh.world) +
                        " processes scoring together see different " + what + " (rank 0: " +
                        std::to_string(int64_t(v[i])) + ", this rank: " + std::to_string(mine[i]) +
                        "); give every rank the same --run, and do not change the project while they score");
}

bool hasColumn(Database& db, const std::string& table, const std::string& column) {
    auto st = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name=?");
    st.bind(1, table).bind(2, column);
    return st.step() && st.int64(0) > 0;
}

// Rows of the run outputs copied into compact arrays.
struct Gathered {
    std::vector<int64_t> ids;
    std::vector<float> feat, logits;
    std::vector<int32_t> labels;
    LastLayerData data(int K, int L) const {
        return {int64_t(ids.size()), K, L, feat.data(), logits.data(), labels.data()};
    }
};

void gather(const RunOutputs& out, int64_t sampleId, int32_t label, Gathered& g) {
    int64_t r = out.rowOf(sampleId);
    if (r < 0) return;
    const auto& m = out.meta();
    g.ids.push_back(sampleId);
    g.feat.insert(g.feat.end(), out.features() + r * m.features, out.features() + (r + 1) * m.features);
    g.logits.insert(g.logits.end(), out.logits() + r * m.classes, out.logits() + (r + 1) * m.classes);
    g.labels.push_back(label);
}

}  // namespace

int64_t latestRun(Project& project, bool allowCrossVal) {
    auto st = project.db().prepare(
        std::string("SELECT id FROM runs WHERE state='done' AND outputs_dir IS NOT NULL") +
        (allowCrossVal ? "" : " AND kind<>'cross-val'") + " ORDER BY id DESC LIMIT 1");
    if (!st.step())
        throw Error("project " + project.file().string() +
                    " has no finished training run; run `winnow-cli train` first");
    return st.int64(0);
}

std::string runOutputsPath(Project& project, int64_t runId) {
    auto st = project.db().prepare("SELECT state, coalesce(outputs_dir,'') FROM runs WHERE id=?");
    st.bind(1, runId);
    if (!st.step())
        throw Error("run " + std::to_string(runId) + " does not exist in " + project.file().string());
    if (st.text(0) != "done")
        throw Error("run " + std::to_string(runId) + " is " + st.text(0) + ", not finished");
    auto dir = project.cacheDir() / st.text(1);
    if (st.text(1).empty() || !std::filesystem::exists(dir / "meta.json"))
        throw Error("run " + std::to_string(runId) + " has no outputs in " + dir.string());
    return dir.string();
}

std::vector<int64_t> workingSetRemoved(Project& project) {
    std::vector<int64_t> ids;
    auto st = project.db().prepare("SELECT sample_id FROM working_set_removed ORDER BY sample_id");
    while (st.step()) ids.push_back(st.int64(0));
    return ids;
}

ScoringOutcome scoreProject(Project& project, const ScoreRequest& req, ProgressFn progress,
                            const CancelToken* cancel) {
    const std::string& det = req.detector;
    const std::optional<DetectorInfo> info = findDetector(det);
    if (!info) throw Error("unknown detector '" + det + "' (use " + detectorIdList() + ")");
    if (info->scoreStored) return info->scoreStored(project, req, progress, cancel);
    auto& db = project.db();
    // Several processes (`winnow-cli score` under torchrun or srun): every one reads the run's
    // outputs and computes; Influential Rank's influence passes are split across them
    // (last_layer_data.h, ScoreShard). Rank 0 alone stores the scoring.
    const ScoreShard& shard = req.influentialRank.influence.shard;
    ScoringOutcome res;
    res.runId = req.runId > 0 ? req.runId : latestRun(project, info->acceptsCrossValRun);
    const std::string runDir = runOutputsPath(project, res.runId);
    checkSameOnEveryRank(shard, "runs", {res.runId});
    auto out = RunOutputs::open(runDir);
    const std::string kind = db.queryText("SELECT kind FROM runs WHERE id=" + std::to_string(res.runId));
    const bool crossVal = kind == "cross-val";
    if (crossVal && (info->needs & kNeedsFeatures))
        throw Error("run " + std::to_string(res.runId) +
                    " is a cross-validation run: its features come from several models, so " +
                    info->displayName + " cannot use it; score a train or post-train run");
    const int K = out->meta().classes, L = out->meta().features;
    SampleStore store(db);
    if (int(store.classes().size()) != K)
        throw Error("run " + std::to_string(res.runId) + " has " + std::to_string(K) +
                    " classes but the project has " + std::to_string(store.classes().size()));
    SampleTable t = store.loadTable();
    // The samples this run trained on: the train split minus its config's exclusions (which
    // for a post-train run include the working-set removals) minus reviewer exclusions.
    TrainConfig cfg = TrainConfig::fromJson(parseJson(
        db.queryText("SELECT config_json FROM runs WHERE id=" + std::to_string(res.runId), "{}"),
        "config of run " + std::to_string(res.runId)));
    // A random --subset run recorded the ids it drew (subsets.h): only those are its samples.
    std::unique_ptr<std::unordered_set<int64_t>> subset;
    if (cfg.subset > 0) {
        const std::filesystem::path idsFile = std::filesystem::path(runDir) / kTrainIdsFile;
        if (!std::filesystem::exists(idsFile))
            throw Error("run " + std::to_string(res.runId) + " trained on a random --subset but " +
                        idsFile.string() + " (the ids it drew) is missing: it was trained by an older "
                        "Winnow; train it again, or train the subset with --exclude-file");
        const auto ids = readIdList(idsFile);
        subset = std::make_unique<std::unordered_set<int64_t>>(ids.begin(), ids.end());
    }
    std::unordered_set<int64_t> removed(cfg.excludeIds.begin(), cfg.excludeIds.end());
    for (int64_t id : workingSetRemoved(project)) removed.insert(id);
    if (hasColumn(db, "samples", "excluded")) {
        auto st = db.prepare("SELECT id FROM samples WHERE excluded<>0");
        while (st.step()) removed.insert(st.int64(0));
    }
    Gathered work, trusted;
    std::vector<uint8_t> isTrusted;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t.label[i] < 0 || t.status[i] != 0) continue;
        if (t.trusted[i]) gather(*out, t.ids[i], t.label[i], trusted);
        if (t.split[i] != 0 || removed.count(t.ids[i]) || (subset && !subset->count(t.ids[i]))) continue;
        size_t before = work.ids.size();
        gather(*out, t.ids[i], t.label[i], work);
        if (work.ids.size() > before) isTrusted.push_back(t.trusted[i] != 0);
    }
    const int64_t n = int64_t(work.ids.size());
    if (n < 2) throw Error("run " + std::to_string(res.runId) + " has fewer than 2 labelled training samples in the working set");
    checkSameOnEveryRank(shard, "working sets (samples, trusted samples, first and last id)",
                         {n, int64_t(trusted.ids.size()), work.ids.front(), work.ids.back()});

    ScoreFile f;
    f.sampleIds = work.ids;
    f.givenLabel = work.labels;
    auto probs = softmaxRows(work.logits.data(), n, K);
    f.suggestedLabel.resize(size_t(n));
    f.suggestedProb.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        const float* p = &probs[size_t(i * K)];
        int a = int(std::max_element(p, p + K) - p);
        f.suggestedLabel[size_t(i)] = a;
        f.suggestedProb[size_t(i)] = p[a];
    }
    nlohmann::json params, summary;
    params["probabilities"] = crossVal ? "out-of-sample" : "in-sample";
    // Runs that saw video clips (METHODS §7): every detector stores the sampled frames and
    // their norms for the review strip; a detector may split each clip's score (Influential Rank).
    std::unique_ptr<GatheredClipFrames> clipFrames;
    if (auto clips = ClipFrameOutputs::open(runDir))
        clipFrames = std::make_unique<GatheredClipFrames>(gatherClipFrames(*out, *clips, work.ids));
    DetectorInput input{project, req, res.runId, runDir, crossVal, work.ids, work.data(K, L), trusted.data(K, L),
                        probs, clipFrames.get(), f, std::move(progress), cancel};
    DetectorOutput computed = info->compute(input);
    DetectorResult& dr = computed.result;
    if (dr.score.size() != size_t(n) || dr.flag.size() != size_t(n))
        throw Error("detector '" + det + "' returned " + std::to_string(dr.score.size()) + " scores and " +
                    std::to_string(dr.flag.size()) + " flags for " + std::to_string(n) + " samples");
    if (!info->higherIsMoreSuspicious)
        for (float& v : dr.score) v = -v;  // stored scores: higher = more suspicious (NaN stays NaN)
    dr.unscored = countUnscored(dr.score);
    params.update(computed.params);
    summary.update(computed.summary);
    res.warnings = std::move(computed.warnings);
    std::unique_ptr<ClipFrameScores> clipScores = std::move(computed.clipScores);
    if (dr.unscored > 0) res.warnings.push_back(unscoredWarning(dr.unscored));
    if (clipFrames && !clipScores)
        clipScores = std::make_unique<ClipFrameScores>(clipFrameNorms(clipFrames->rows(), n, L));
    if (clipScores) f.meta["clip_frames"] = clipScores->frames;
    // Trusted samples are human-verified: scored for display, never flagged.
    int64_t flagged = 0;
    for (int64_t i = 0; i < n; ++i) {
        if (isTrusted[size_t(i)]) dr.flag[size_t(i)] = 0;
        flagged += dr.flag[size_t(i)];
        if (dr.flag[size_t(i)]) res.flaggedIds.push_back(work.ids[size_t(i)]);
    }
    f.score = dr.score;
    f.flag = dr.flag;
    summary["n"] = n;
    summary["flagged"] = flagged;
    summary["noise_rate_estimate"] = dr.noiseRateEstimate;
    summary["n_trusted"] = int64_t(trusted.ids.size());
    summary["working_set_removed"] = int64_t(removed.size());
    nlohmann::json w = nlohmann::json::array();
    for (const auto& s : res.warnings) w.push_back(s);
    if (!shard.writer()) {  // another rank of several: computed its share, stores nothing
        res.summary = summary;
        return res;
    }

    auto ins = db.prepare(
        "INSERT INTO scorings(run_id, detector, created_at, params_json, summary_json, owner) VALUES(?,?,?,?,?,?)");
    ins.bind(1, res.runId).bind(2, det).bind(3, Project::nowUtc()).bind(4, dumpJson(params)).bind(5, dumpJson(summary))
        .bind(6, currentProcessTag());  // cleared with the result file (migration 10)
    ins.run();
    res.scoringId = db.lastInsertId();
    const std::string rel = "scorings/" + std::to_string(res.scoringId);
    f.meta["format"] = 1;
    f.meta["detector"] = det;
    f.meta["run_id"] = res.runId;
    f.meta["scoring_id"] = res.scoringId;
    f.meta["n"] = n;
    f.meta["classes"] = K;
    f.meta["flagged"] = flagged;
    f.meta["noise_rate_estimate"] = dr.noiseRateEstimate;
    f.meta["params"] = params;
    f.meta["warnings"] = w;
    auto dir = project.cacheSubdir("scorings") / std::to_string(res.scoringId);
    writeScoringFilesOrForget(db, res.scoringId, dir, [&] {
        // Written before the score file so meta.json still comes last.
        if (clipScores) writeClipFrameScores(dir, *clipScores);
        f.write(dir);
    });
    // Test hook (tests/cli/tst_cli_interrupted.cpp): a process killed between its files and
    // its result_file. Unset (always, outside tests): nothing happens.
    if (const char* v = std::getenv("WINNOW_TEST_KILL_BEFORE_SCORING_RESULT"); v && *v == '1') ::raise(SIGKILL);
    auto upd = db.prepare("UPDATE scorings SET result_file=?, owner=NULL WHERE id=?");
    upd.bind(1, rel).bind(2, res.scoringId).run();
    res.resultDir = dir.string();
    res.summary = summary;
    res.summary["scoring_id"] = res.scoringId;
    res.summary["run_id"] = res.runId;
    res.summary["detector"] = det;
    res.summary["probabilities"] = jsonField(params, "probabilities");
    res.summary["result_file"] = rel;
    res.summary["warnings"] = w;
    return res;
}

}  // namespace winnow::core
