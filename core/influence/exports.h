#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/util/json_text.h"

namespace winnow::core {

class Project;

// N x K float32 softmax probabilities of one run (0 = latest, cross-val runs included) for
// the labelled, readable train-split samples in id order, as a .npy file (what cleanlab's
// find_label_issues expects), plus `<out>.csv` with row, sample_id, given_label and, on a
// self-test project, original_label. Returns {"rows":N,"classes":K,"run_id":..,"csv":..}.
nlohmann::json exportPredictions(Project& project, int64_t runId, const std::filesystem::path& out);

// CSV of the latest scoring of each detector (or only `detector`): sample_id, given_label,
// suggested_label, score, flag, detector (class names, not indices). Returns a summary.
nlohmann::json exportIssues(Project& project, const std::string& detector, const std::filesystem::path& out);

}  // namespace winnow::core
