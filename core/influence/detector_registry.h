#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/influence/project_scoring.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;
struct DetectorInput;   // detector_compute.h
struct DetectorOutput;  // detector_compute.h

// The mislabel detectors Winnow knows, in menu order: what the CLI's `score --method`
// accepts (and its --help), the GUI's detector menus, scoreProject's dispatch, the review
// queue's default (detector_choice) and the self-test read them from here; nothing else
// lists detector names. Adding a detector: one file in core/influence/detectors/ that
// defines `DetectorInfo fooDetector()` and one line in detectors/detector_list.h (see
// core/influence/README.md).

// What a detector reads (bits of DetectorInfo::needs).
enum DetectorNeeds : unsigned {
    kNeedsProbabilities = 1u << 0,    // the run's softmax outputs over the working set
    kNeedsFeatures = 1u << 1,         // penultimate features (last-layer influence): one model's,
                                      // so a cross-validation run cannot be scored
    kNeedsTrustedSet = 1u << 2,       // the trusted samples' features and labels
    kNeedsStoredScorings = 1u << 3,   // combines stored scorings of a run, not its outputs
};

// Scores one run's working set from its gathered outputs (scoreProject does the gathering,
// the trusted-never-flagged rule, the score file and the `scorings` row).
using DetectorCompute = DetectorOutput (*)(DetectorInput& input);
// A detector that is not computed from run outputs (the combined ranking) scores and stores
// on its own; scoreProject hands the request over unchanged.
using DetectorScoreStored = ScoringOutcome (*)(Project& project, const ScoreRequest& request,
                                               const ProgressFn& progress, const CancelToken* cancel);

struct DetectorInfo {
    std::string id;            // stored in scorings.detector and score files: never rename
    std::string displayName;   // English; the GUI translates it by id (widgets/review/detector_names)
    std::string description;   // one sentence for --help and tooltips
    unsigned needs = kNeedsProbabilities;
    // The score as `compute` returns it; scoreProject stores every score higher = more
    // suspicious, so a detector whose natural score runs the other way (a margin) sets false
    // and its scores are negated before they are stored.
    bool higherIsMoreSuspicious = true;
    // Without --run, score the latest finished run including cross-validation runs (whose
    // out-of-sample probabilities suit it) instead of the latest train/post-train run.
    bool acceptsCrossValRun = false;
    // The ScoreRequest settings it reads, by CLI option name without "--" ("rate", "gamma",
    // "of", ...): the CLI refuses --rate and --of for detectors that do not read them, the
    // score dialog enables only these fields.
    std::vector<std::string> settings;
    // kNeedsStoredScorings: the sets of detectors whose scorings of the run it combines by
    // default, in preference order; the first set the run has complete is used (the score
    // dialog says what is missing when none is).
    std::vector<std::vector<std::string>> combines;
    // The self-test lists a registered detector with no stored scoring as "not scored yet"
    // (self_test.h); false for detectors that make no sense there.
    bool selfTest = true;
    // Review queue default when no self-test decides (detector_choice.h): lower comes first,
    // 0 = never picked by regime (only as "the newest scoring"). The built-ins use 10, 20,
    // 30, 40, so a new detector can go between them.
    int reviewRankMemorised = 0;   // the model fits its given labels
    int reviewRankLearning = 0;    // it does not
    // Before both when the run's noise is a systematic flip (noise_structure.h), by regime:
    // a memorised model's final probabilities hide the flips, an unmemorised model's do not.
    int reviewRankPairFlipMemorised = 0;
    int reviewRankPairFlipLearning = 0;
    // Re-scoring (the review window's retrain): reads the settings a stored scoring of this
    // detector used (its params JSON) back into a request; null when it has none to restore.
    void (*restoreSettings)(const nlohmann::json& params, ScoreRequest& into) = nullptr;
    // Under several processes (winnow-cli score under torchrun or srun, issue 12): true when
    // `compute` splits its work across the ranks (Influential Rank: ScoreShard); the others are
    // computed by rank 0 alone while the other ranks leave at once (docs/distributed.md).
    bool splitsAcrossProcesses = false;
    DetectorCompute compute = nullptr;          // exactly one of these two is set
    DetectorScoreStored scoreStored = nullptr;

    bool reads(const std::string& setting) const;
};

// Every registered detector, in menu order (built-ins, then test registrations).
std::vector<DetectorInfo> detectors();
std::vector<std::string> detectorIds();
std::optional<DetectorInfo> findDetector(const std::string& id);
// "a, b, c or d": ids for messages (default: every registered detector).
std::string detectorIdList(const std::vector<std::string>& ids = detectorIds());
// The detectors that read `setting` ("rate" -> {"self-confidence"}).
std::vector<std::string> detectorsReading(const std::string& setting);

// Test-only hook: registers `info` (appended after the built-ins) while alive. Throws Error
// for an empty or taken id, or when not exactly one of compute / scoreStored is set.
class ScopedDetectorRegistration {
public:
    explicit ScopedDetectorRegistration(DetectorInfo info);
    ~ScopedDetectorRegistration();
    ScopedDetectorRegistration(const ScopedDetectorRegistration&) = delete;
    ScopedDetectorRegistration& operator=(const ScopedDetectorRegistration&) = delete;

private:
    std::string m_id;
};

}  // namespace winnow::core
