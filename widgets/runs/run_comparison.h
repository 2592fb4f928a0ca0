#pragma once
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace winnow::widgets {

// Data behind the "Compare runs" view (no widgets; unit-tested against hand computations).

// One training run of a project with what the comparison table shows.
struct RunInfo {
    qint64 id = 0;
    QString created, state, kind, model, loss;
    int epochs = 0;
    qint64 labelVersion = 0;   // label version the run trained on (see loadRuns)
    qint64 parentRun = 0;
    double accTrain = NAN, accVal = NAN, accTest = NAN;  // final epoch; NaN = not measured
    QStringList epochRows;     // run_epochs.metrics_json, by epoch
    QString lastEpochRow() const { return epochRows.isEmpty() ? QString() : epochRows.last(); }
};

// Every run of the project (ascending id). The label version is the one a retrain recorded
// (meta "run_label_version.<id>"), else the newest created no later than the run. Reads only.
std::vector<RunInfo> loadRuns(const std::filesystem::path& projectFile);

// One scoring's per-sample results in a form two scorings can be compared in.
struct ScoringVector {
    qint64 id = 0, runId = 0;
    QString detector;
    std::vector<int64_t> ids;      // ascending
    std::vector<float> score;
    std::vector<uint8_t> flag;
    std::vector<int32_t> given;    // label the detector saw (dense)
    std::vector<int32_t> truth;    // self-test truth (dense), -1 when unknown
    bool isSelfTest() const;
};

// Scorings of one run (ascending id) and one scoring's vector (score file + truth).
struct ScoringRef {
    qint64 id = 0, runId = 0;
    QString detector;
};
std::vector<ScoringRef> scoringsOfRun(const std::filesystem::path& projectFile, qint64 runId);
ScoringVector loadScoringVector(const std::filesystem::path& projectFile, qint64 scoringId);

struct FlagQuality {
    int64_t flagged = 0, truePositives = 0, noisy = 0;
    double precision = NAN, recall = NAN, f1 = NAN;  // NaN without truth
};
// Against the self-test truth: noisy = given != truth (rows with truth >= 0).
FlagQuality flagQuality(const ScoringVector& s);

struct ScoringComparison {
    int64_t flaggedA = 0, flaggedB = 0;
    int64_t common = 0;        // samples scored by both
    int64_t overlap = 0;       // flagged by both
    double jaccard = NAN;      // overlap / union of the flagged sets (NaN when both empty)
    double spearman = NAN;     // rank correlation of the scores over common samples
};
ScoringComparison compareScorings(const ScoringVector& a, const ScoringVector& b);

}  // namespace winnow::widgets
