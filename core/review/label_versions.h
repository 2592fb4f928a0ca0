#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::core {

class Project;

struct ApplyResult {
    int64_t versionId = 0;   // 0 when nothing changed (no version created)
    int64_t relabelled = 0;
    int64_t excluded = 0;
    int64_t included = 0;    // previously excluded samples the reviewer kept
    int64_t changes() const { return relabelled + excluded + included; }
};

// Turns the effective review decisions into a new label version: relabels change
// samples.label, excludes set samples.excluded, keeps of excluded samples include them again.
// Each change is a label_changes row of the new version; version 1 (as imported) and
// original_label are never touched. Idempotent: applying twice creates no second version.
ApplyResult applyReviewDecisions(Project& project, const std::string& name,
                                 const std::string& note = {});

// What applyReviewDecisions would change now, without writing anything (versionId 0):
// decisions recorded but not applied yet. Exports and retraining read the applied labels,
// so the GUI warns about these first.
ApplyResult pendingReviewDecisions(Project& project);

// Dense class index of every sample (id order) as of label version `version`
// (1 = as imported), reconstructed from the current labels and the recorded changes.
std::vector<int32_t> labelsAtVersion(Project& project, int64_t version);
int64_t currentLabelVersion(Project& project);

}  // namespace winnow::core
