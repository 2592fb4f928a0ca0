#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/influence/gmm.h"
#include "core/util/json_text.h"

namespace winnow::core {

// One detector's result on one run, as the review GUI reads it. Stored in the cache folder
// as scorings/<scoring id>/ (the scorings.result_file column holds that relative path):
//   meta.json          {"format":1,"detector":...,"run_id":...,"n":N,"classes":K,
//                       "gamma":..,"gamma_default":..,"noise_rate_estimate":..,"flagged":..,
//                       "osm_only":bool,"gmm":[{"weight":[lo,hi],"mean":[..],"var":[..],
//                       "mean_loglik":..,"valid":bool} x K],"trusted_per_class":[..],
//                       "params":{...},"warnings":[...]}
//   sample_ids.i64     N int64: the scored samples (the working set), ascending id
//   given_label.i32    N: label the detector saw (dense class index)
//   score.f32          N: higher = more likely mislabelled (the review queue's sort key)
//   flag.u8            N: 1 = flagged
//   suggested_label.i32 N: the model's argmax class; suggested_prob.f32 N: its softmax
// Influential Rank only (files absent for other detectors):
//   osm.f32 N, in_dm.u8 N, osd.f32 N x K (NaN outside D_M), posterior.f32 N x K
//   (posterior of G_high, NaN outside D_M), candidate.u8 N x K, consensus.u8 N
// Raw little-endian row-major arrays, like the run outputs; meta.json is written last.
struct ScoreFile {
    nlohmann::json meta;
    std::vector<int64_t> sampleIds;
    std::vector<int32_t> givenLabel, suggestedLabel;
    std::vector<float> score, suggestedProb;
    std::vector<uint8_t> flag;
    // Influential Rank extras (empty for other detectors).
    std::vector<float> osm, osd, posterior;
    std::vector<uint8_t> inDM, candidate, consensus;

    int64_t n() const { return int64_t(sampleIds.size()); }
    int classes() const { return int(jsonInt(jsonField(meta, "classes"))); }
    std::string detector() const { return jsonString(jsonField(meta, "detector")); }
    // Per-class mixture of one class (Influential Rank), from meta.json.
    Gmm1d gmm(int k) const;

    // Throws Error naming the file when something is missing or has the wrong size.
    static ScoreFile read(const std::filesystem::path& dir);
    void write(const std::filesystem::path& dir) const;
};

class Database;

// Runs `write` (the files of scoring `scoringId`, inserted just before without a result file)
// and, when it throws, removes that row and whatever it wrote in `dir` before rethrowing: a
// failed write (disk full, the folder blocked) leaves neither a row nor half a result folder.
void writeScoringFilesOrForget(Database& db, int64_t scoringId, const std::filesystem::path& dir,
                               const std::function<void()>& write);

}  // namespace winnow::core
