#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/influence/clip_scoring.h"
#include "core/influence/detector_registry.h"
#include "core/influence/detectors.h"
#include "core/influence/last_layer_data.h"
#include "core/influence/score_file.h"
#include "core/util/json_text.h"

namespace winnow::core {

// What scoreProject hands a detector's `compute` (detector_registry.h): one run's working
// set (train split, labelled, readable, not excluded or removed), gathered in sample id order.
struct DetectorInput {
    Project& project;
    const ScoreRequest& request;
    int64_t runId = 0;
    std::string runDir;                   // the run's outputs folder (run_outputs.h)
    bool crossVal = false;                // out-of-sample probabilities from several models
    const std::vector<int64_t>& sampleIds;
    LastLayerData work;                   // n rows: features, logits, given labels
    LastLayerData trusted;                // the trusted samples (any split), same layout
    const std::vector<float>& probs;      // n x K softmax of work.logits
    const GatheredClipFrames* clipFrames; // null unless the run saw video clips
    ScoreFile& file;                      // optional columns (osm, osd, ...) and meta a detector adds
    ProgressFn progress;
    const CancelToken* cancel = nullptr;
};

struct DetectorOutput {
    DetectorResult result;                       // score and flag per working-set row
    nlohmann::json params = nlohmann::json::object();   // merged into scorings.params_json
    nlohmann::json summary = nlohmann::json::object();  // merged into scorings.summary_json
    std::vector<std::string> warnings;
    // Per-frame split of clip scores; when null and the run saw clips, the frames' norms.
    std::unique_ptr<ClipFrameScores> clipScores;
};

}  // namespace winnow::core
