#pragma once
#include <cstdint>
#include <string>

#include "core/influence/noise_injection.h"
#include "core/util/json_text.h"

namespace winnow::core {

class Project;

// METHODS.md §8 on a project: flips train-split labels (keeping the truth in
// samples.original_label), records a label version with one 'noise' label_changes row per
// flipped sample and a noise_injections row, and replaces the train split's trusted flags
// with m per class drawn from unflipped samples. Injecting again starts from the original
// labels, so rates do not compound. Returns a JSON summary.
nlohmann::json injectProjectNoise(Project& project, const NoiseSpec& spec, int trustedPerClass);

// Metrics of every stored scoring against the injected truth (label != original_label),
// per detector and per class, plus Influential Rank round accuracies, and under "not_scored"
// the ids of the registered detectors (detector_registry.h, selfTest) with no stored scoring
// yet. Throws Error when the project has no injected noise.
nlohmann::json evaluateProject(Project& project);

}  // namespace winnow::core
