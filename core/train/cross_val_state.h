#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

// What a K-fold cross-validation run has gathered after its completed folds, so an interrupted
// run resumes at the next fold instead of training every fold again (each fold is a whole
// training). Kept in the run's folder as cv-state.bin (the arrays) and cv-state.json (sizes,
// counts and costs), both written through AtomicFile, the JSON last: a state file whose JSON
// is missing is not a state. One fold's progress is lost at most.
struct CrossValState {
    int folds = 0;            // K
    int foldsDone = 0;        // folds whose held-out rows are in the arrays
    int64_t rows = 0;         // rows of the run's data (every sample, not only training)
    int classes = 0;
    int featureDim = 0;
    int frames = 0;           // clips: evaluation frames per clip (0: images)
    std::string trainRowsKey; // SHA-256 of the training sample ids in order (the folds depend on them)
    std::vector<float> logits;       // rows x classes
    std::vector<float> features;     // rows x featureDim
    std::vector<float> loss;         // rows
    std::vector<char> have;          // rows: evaluated by a completed fold
    std::vector<int64_t> frameIndex; // clips: rows x frames
    std::vector<float> frameFeatures;// clips: rows x frames x featureDim
    double oosCorrect = 0;    // held-out training rows predicted right, over the completed folds
    // Costs of the completed folds in earlier processes, added to the finished run's summary.
    double cpuSeconds = 0, trainSeconds = 0;
    int64_t samplePasses = 0;
};

// Key of an ordered id list (hex SHA-256 of its little-endian bytes).
std::string idListKey(const std::vector<int64_t>& ids);

// Writes the state into `dir` (cv-state.bin, then cv-state.json). Throws Error naming the file.
void saveCrossValState(const std::filesystem::path& dir, const CrossValState& state);
// The state in `dir`, or nothing when there is none. A damaged or inconsistent state throws
// Error naming the file and the reason.
std::optional<CrossValState> loadCrossValState(const std::filesystem::path& dir);
// Removes the state files (after the run's outputs are written).
void removeCrossValState(const std::filesystem::path& dir);

}  // namespace winnow::core
