#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/json_text.h"

namespace winnow::core {

class Project;
struct ScoreFile;

// How a run's label errors spread over the other classes (issue 17: early loss misses
// systematic flips, which a model learns early). Read from confident learning's calibrated
// joint (given class i, true class j): cl-early and confident-learning scorings store, per
// given class, its off-diagonal mass and largest off-diagonal cell in their summary
// ("noise_by_class"); older scorings give the flagged samples' (given label -> the model's
// class) pairs instead. A class's pair concentration is the share of its off-diagonal mass in
// its largest other class; the run's figure is their mean weighted by that mass.
// Spread noise lands on the K-1 other classes alike (about 1/(K-1), raised by classes that
// are naturally confused); a systematic flip sends a class to one other class (near 1). The
// cut is the midpoint, (1/(K-1) + 1) / 2: 0.556 for ten classes (figures measured on
// Fashion-MNIST: docs/influence-decisions.md).
struct NoiseStructure {
    enum class Kind { Unknown, Spread, PairFlip };
    Kind kind = Kind::Unknown;
    double pairConcentration = 0;
    double threshold = 0;
    double offDiagonal = 0;  // the off-diagonal mass it was measured on (samples)
    int classes = 0;
    int64_t scoringId = 0;   // the scoring it was read from (0: none)
    std::string source;      // "confident joint" or "flagged pairs"
    std::string reason;      // one sentence: the figure against the cut, or why it is unknown
};

// One given class's row of a count matrix, without its diagonal.
struct NoiseRow {
    double offDiagonal = 0;  // sum of the row's other cells
    double largest = 0;      // its largest other cell
    int largestClass = -1;
};

// Less off-diagonal mass than this (or five samples per class, whichever is more) says
// nothing: Unknown.
inline constexpr double kMinNoiseMass = 20;

// The rows of a K x K row-major count matrix (row: given class, column: true or favoured class).
std::vector<NoiseRow> noiseRows(const std::vector<double>& counts, int classes);

// Unknown with two classes or fewer (every error is then a flip to the other class) or too
// little off-diagonal mass.
NoiseStructure noiseStructureOfRows(const std::vector<NoiseRow>& rows);

// The flagged samples' (given label -> suggested label) pairs of one scoring file, K x K.
std::vector<double> flaggedPairCounts(const ScoreFile& scoring);

// A summary's "noise_by_class": K objects {"off_diagonal", "largest", "largest_class"}, and back
// (empty when the summary has none or it is malformed).
nlohmann::json noiseRowsJson(const std::vector<NoiseRow>& rows);
std::vector<NoiseRow> noiseRowsFromSummary(const nlohmann::json& summary);

// From the run's latest cl-early scoring (out-of-sample-like), else its latest
// confident-learning scoring; Unknown when it has neither or it cannot be read.
NoiseStructure runNoiseStructure(Project& project, int64_t runId);

const char* noiseStructureName(NoiseStructure::Kind kind);  // "unknown", "spread", "pair-flip"

}  // namespace winnow::core
