#include "core/curation/curation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/curation/clip_scan.h"
#include "core/curation/features.h"
#include "core/curation/neighbour_scores.h"
#include "core/curation/quality_issues.h"
#include "core/curation/raw_array_file.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/sample.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

int64_t rowOfId(const std::vector<int64_t>& ids, int64_t id) {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    return it != ids.end() && *it == id ? int64_t(it - ids.begin()) : -1;
}

// Per flagged clip and flag, the sampled frames raising it (the worst frames), at most `limit`.
nlohmann::json clipFlaggedFrames(const CurationResult& r, size_t limit) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < r.qualityIds.size() && out.size() < limit; ++i) {
        if (!std::binary_search(r.frameIds.begin(), r.frameIds.end(), r.qualityIds[i])) continue;
        for (QualityFlag f : allQualityFlags()) {
            if (!(r.qualityFlags[i] & uint8_t(f)) || out.size() >= limit) continue;
            out.push_back({{"sample_id", r.qualityIds[i]}, {"flag", qualityFlagName(f)},
                           {"frames", flaggedFrames(r.frameIds, r.frameIndex, r.frameFlags, r.qualityIds[i], f)}});
        }
    }
    return out;
}

}  // namespace

std::vector<int64_t> clipFramesOfIssue(const CurationResult& r, int64_t sampleId, const std::string& issueType) {
    for (QualityFlag f : allQualityFlags())
        if (issueType == qualityFlagName(f)) return flaggedFrames(r.frameIds, r.frameIndex, r.frameFlags, sampleId, f);
    return {};
}

std::vector<std::string> curationIssueTypes() {
    std::vector<std::string> t = {"exact-duplicate", "near-duplicate", "leakage", "duplicate-label-conflict",
                                  "outlier", "neighbour-label-conflict"};
    for (QualityFlag f : allQualityFlags()) t.push_back(qualityFlagName(f));
    return t;
}

CurationResult runCuration(Project& project, const CurationOptions& o, const ProgressFn& progress, const CancelToken* cancel) {
    if (o.k < 1 || o.k > 1000) throw Error("issues: k must be between 1 and 1000");
    if (!(o.nearThreshold <= 4)) throw Error("issues: the near-duplicate threshold must be in [0, 4]");
    auto phase = [&](double from, double to) -> ProgressFn {
        if (!progress) return {};
        return [=](const Progress& p) { progress({from + (to - from) * p.fraction, p.message}); };
    };
    CurationResult r;
    const SampleScan scan = scanSamples(project, phase(0.0, 0.3), cancel, o.threads);
    FeatureMatrix features = loadFeatures(project, o.features, scan, phase(0.3, 0.5), cancel);
    r.features = features.name;
    r.featuresDescription = features.description;
    r.featureIds = features.ids;
    const bool featuresMapped = features.rows->isMapped();
    const std::string featuresWarning = features.cacheWarning;

    NeighbourOptions nopt = o.neighbours;
    nopt.k = o.k;
    nopt.threads = o.threads;
    if (nopt.cacheDir.empty()) {
        std::error_code ec;
        const fs::path dir = project.cacheDir() / "curation";
        fs::create_directories(dir, ec);
        if (!ec) nopt.cacheDir = dir;  // else the index is built and not kept (read-only folder)
    }
    r.graph = buildNeighbourGraph(features.view(), nopt, phase(0.5, 0.95), cancel);
    features.rows = FloatRows::held({});  // the graph is all that is needed from here

    // Labels and splits per feature row.
    SampleStore store(project.db());
    const SampleTable table = store.loadTable();
    const size_t n = r.featureIds.size();
    std::vector<int32_t> label(n, -1);
    std::vector<int8_t> split(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const int64_t t = rowOfId(table.ids, r.featureIds[i]);
        if (t < 0) continue;
        label[i] = table.label[size_t(t)];
        split[i] = table.split[size_t(t)];
    }
    std::vector<std::array<uint8_t, 32>> hash(n);
    std::vector<uint8_t> hasHash(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const int64_t s = rowOfId(scan.ids, r.featureIds[i]);
        if (s < 0) continue;
        hash[i] = scan.hash[size_t(s)];
        hasHash[i] = 1;
    }

    double medianNearest = 0;
    const double automatic = automaticNearThreshold(r.graph, medianNearest);
    const double nearThreshold = o.nearThreshold < 0 ? automatic : o.nearThreshold;
    DuplicateInput din;
    din.n = int64_t(n);
    din.hash = hash.data();
    din.hasHash = hasHash.data();
    din.graph = &r.graph;
    din.nearThreshold = float(nearThreshold);
    din.label = label.data();
    din.split = split.data();
    r.groups = findDuplicateGroups(din);
    const OutlierScores outliers = scoreOutliers(r.graph, label.data());
    r.outlierScore = outliers.score;
    r.neighbourConflict = neighbourLabelConflict(r.graph, label.data());

    // Image quality over the scanned samples (clips per sampled frame and per clip).
    r.qualityIds = scan.ids;
    r.quality = scan.quality;
    const QualityAssessment qa = assessQuality(scan, o.quality);
    const float medianBlur = qa.medianBlur;
    const bool mostlyGrey = qa.mostlyGrey;
    r.qualityFlags = qa.flags;
    r.frameIds = scan.frameSampleIds;
    r.frameIndex = scan.frameIndex;
    r.frameQuality = scan.frameQuality;
    r.frameFlags = qa.frameFlags;

    // Issues.
    auto add = [&](const std::string& type, int64_t id, int64_t group, double score) {
        r.issues.push_back({type, id, group, score});
    };
    int64_t exactGroups = 0, nearGroups = 0, leakGroups = 0, conflictGroups = 0;
    for (const auto& g : r.groups) {
        const std::string type = g.exact ? "exact-duplicate" : "near-duplicate";
        (g.exact ? exactGroups : nearGroups)++;
        leakGroups += g.leakage;
        conflictGroups += g.labelConflict;
        for (int64_t row : g.rows) {
            add(type, r.featureIds[size_t(row)], g.id, g.maxDistance);
            if (g.leakage) add("leakage", r.featureIds[size_t(row)], g.id, double(split[size_t(row)]));
            if (g.labelConflict) add("duplicate-label-conflict", r.featureIds[size_t(row)], g.id, double(label[size_t(row)]));
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (outliers.flag[i]) add("outlier", r.featureIds[i], -1, outliers.score[i]);
        const float c = r.neighbourConflict[i];
        if (std::isfinite(c) && c > o.neighbourConflictAbove) add("neighbour-label-conflict", r.featureIds[i], -1, c);
    }
    for (const auto& q : qa.issues) add(qualityFlagName(q.flag), q.sampleId, -1, q.score);
    const auto types = curationIssueTypes();
    auto typeRank = [&](const std::string& t) { return std::find(types.begin(), types.end(), t) - types.begin(); };
    std::stable_sort(r.issues.begin(), r.issues.end(), [&](const CurationIssue& a, const CurationIssue& b) {
        const auto ra = typeRank(a.type), rb = typeRank(b.type);
        if (ra != rb) return ra < rb;
        if (a.group != b.group) return a.group < b.group;
        if (a.group < 0 && a.score != b.score) return a.score > b.score;
        return a.sampleId < b.sampleId;
    });

    r.params = {{"features", o.features}, {"k", o.k},
                {"near_threshold", o.nearThreshold < 0 ? nlohmann::json("auto") : nlohmann::json(o.nearThreshold)},
                {"neighbour_conflict_above", o.neighbourConflictAbove}, {"exact_up_to", nopt.exactUpTo},
                {"target_recall", nopt.targetRecall}, {"recall_queries", nopt.recallQueries}};
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& t : types) counts[t] = 0;
    for (const auto& is : r.issues) counts[is.type] = counts[is.type].get<int64_t>() + 1;
    r.summary = {{"features", r.features},
                 {"features_description", r.featuresDescription},
                 {"samples", int64_t(n)},
                 {"scanned", scan.n()},
                 {"scan_failed", scan.failed},
                 {"scan_problems", scan.problems},
                 {"scan_changed_since_import", scan.changedSinceImport},
                 {"scan_changed", scan.changed},
                 {"clips_scanned", scan.clips},
                 {"clip_frames_scanned", int64_t(scan.frameIndex.size())},
                 {"clip_frames_per_clip", kClipScanFrames},
                 {"clip_flag_rule", "a clip raises a quality flag when at least half of its sampled frames do"},
                 {"clip_flagged_frames", clipFlaggedFrames(r, 100)},
                 {"scan_from_cache", scan.fromCache},
                 {"scan_cache_warning", scan.cacheWarning},
                 {"features_mapped", featuresMapped},
                 {"features_cache_warning", featuresWarning},
                 {"neighbours", {{"k", o.k}, {"method", r.graph.method}, {"exact", r.graph.exact},
                                 {"nlist", r.graph.nlist}, {"nprobe", r.graph.nprobe},
                                 {"recall_at_k", r.graph.recall}, {"recall_queries", r.graph.recallQueries},
                                 {"index_from_cache", r.graph.indexFromCache},
                                 {"index_seconds", r.graph.indexSeconds}, {"search_seconds", r.graph.searchSeconds}}},
                 {"groups", {{"exact", exactGroups}, {"near", nearGroups}, {"leakage", leakGroups},
                             {"label_conflict", conflictGroups}}},
                 {"outlier_gmm", {{"valid", outliers.gmm.valid}, {"mean", {outliers.gmm.mean[0], outliers.gmm.mean[1]}},
                                  {"weight", {outliers.gmm.weight[0], outliers.gmm.weight[1]}}}},
                 {"near_threshold_used", nearThreshold},
                 {"median_nearest_distance", medianNearest},
                 {"largest_group", r.groups.empty() ? int64_t(0) : int64_t(r.groups.front().rows.size())},
                 {"outlier_robust_cut_log", outliers.robustCut},
                 {"median_blur", medianBlur},
                 {"mostly_grey", mostlyGrey},
                 {"grey_fraction", qa.greyFraction},
                 {"grey_colour_mismatch_checked", !qa.mixedSet},
                 {"counts", counts}};
    return r;
}

namespace {
// Per-sample scores for histograms and colouring (raw arrays like the score files).
void writeResultArrays(const fs::path& dir, const CurationResult& r) {
    fs::create_directories(dir);
    writeRawArray(dir / "sample_ids.i64", r.featureIds);
    writeRawArray(dir / "outlier.f32", r.outlierScore);
    writeRawArray(dir / "neighbour_conflict.f32", r.neighbourConflict);
    writeRawArray(dir / "knn_ids.i64", [&] {
        std::vector<int64_t> ids(r.graph.nbr.size(), -1);
        for (size_t i = 0; i < ids.size(); ++i)
            if (r.graph.nbr[i] >= 0) ids[i] = r.featureIds[size_t(r.graph.nbr[i])];
        return ids;
    }());
    writeRawArray(dir / "knn_dist.f32", r.graph.dist);
    writeRawArray(dir / "quality_ids.i64", r.qualityIds);
    writeRawArray(dir / "quality.f32", r.quality);
    writeRawArray(dir / "quality_flags.u8", r.qualityFlags);
    writeRawArray(dir / "frame_ids.i64", r.frameIds);
    writeRawArray(dir / "frame_index.i64", r.frameIndex);
    writeRawArray(dir / "frame_quality.f32", r.frameQuality);
    writeRawArray(dir / "frame_flags.u8", r.frameFlags);
    nlohmann::json meta = {{"format", 1}, {"features", r.features}, {"k", r.graph.k}, {"n", int64_t(r.featureIds.size())},
                           {"frames", int64_t(r.frameIds.size())},
                           {"quality_fields", {"brightness", "contrast", "blur", "entropy", "aspect", "colourfulness",
                                               "width", "height", "channels", "reserved"}}};
    writeFileAtomically(dir / "meta.json", dumpJson(meta, 1));
}

}  // namespace

int64_t storeCuration(Project& project, CurationResult& r) {
    Database& db = project.db();
    int64_t id = 0;
    {
        Transaction tx(db);
        auto ins = db.prepare("INSERT INTO curation_results(created_at, features, run_id, params_json, summary_json) "
                              "VALUES(?,?,?,?,?)");
        ins.bind(1, Project::nowUtc()).bind(2, r.features);
        if (r.features.rfind("run:", 0) == 0) ins.bind(3, int64_t(std::stoll(r.features.substr(4))));
        else ins.bindNull(3);
        ins.bind(4, dumpJson(r.params)).bind(5, dumpJson(r.summary));
        ins.run();
        id = db.lastInsertId();
        auto row = db.prepare("INSERT INTO curation_issues(result_id, sample_id, issue, group_id, score) VALUES(?,?,?,?,?)");
        for (const auto& is : r.issues) {
            row.reset();
            row.bind(1, id).bind(2, is.sampleId).bind(3, is.type);
            if (is.group >= 0) row.bind(4, is.group);
            else row.bindNull(4);
            row.bind(5, std::isfinite(is.score) ? is.score : 1e30);
            row.run();
        }
        tx.commit();
    }
    const std::string rel = "curation/results/" + std::to_string(id);
    const fs::path dir = project.cacheDir() / rel;
    try {
        writeResultArrays(dir, r);
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        r.arraysWarning = "the issues are stored, but their per-sample arrays (map, histograms) could not be "
                          "written to " + dir.string() + ": " + e.what();
        r.summary["warnings"].push_back(r.arraysWarning);
        auto up = db.prepare("UPDATE curation_results SET summary_json=? WHERE id=?");
        up.bind(1, dumpJson(r.summary)).bind(2, id);
        up.run();
        r.storedId = id;
        return id;
    }
    auto up = db.prepare("UPDATE curation_results SET result_dir=? WHERE id=?");
    up.bind(1, rel).bind(2, id);
    up.run();
    r.storedId = id;
    return id;
}

}  // namespace winnow::core
