#pragma once
#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace winnow::widgets {

// One fitted two-component mixture of a class's OSD values (component 0 = G_low).
struct ReviewGmm {
    double weight[2] = {0.5, 0.5};
    double mean[2] = {0.0, 0.0};
    double var[2] = {1.0, 1.0};
    bool valid = false;
};

// Everything the review views show about one sample, built on demand from ReviewData.
struct ReviewItem {
    qint64 sampleId = -1;
    int row = -1;                 // row in ReviewData
    int given = -1;               // dense class index, -1 = none
    int suggested = -1;           // -1 = no suggestion
    float suggestionProb = 0.f;
    float score = 0.f;            // detector score, higher = more likely mislabelled
    float posterior = 0.f;        // posterior of G_high for the given class (or the detector's)
    float osm = 0.f;              // NaN when the detector has none
    float loss = 0.f;
    int consensus = 0;
    bool flagged = false;
    bool trusted = false;
    int original = -1;            // self-test truth, -1 when not a self-test project
    std::vector<float> osd;       // per class; NaN = not computed
    std::vector<float> postHigh;  // per class; NaN = not computed
    std::array<int, 5> topClass{{-1, -1, -1, -1, -1}};
    std::array<float, 5> topProb{{0, 0, 0, 0, 0}};
};

// Per-sample scoring results of one detector, struct-of-arrays so a million samples with
// ten classes cost about 100 MB. Immutable once built; views share it through shared_ptr.
// Rows are in ascending sample id. Optional arrays (osd, postHigh, features) may be empty.
struct ReviewData {
    int64_t n = 0;
    int classes = 0;
    QString detector;
    QString choiceReason;  // why this scoring was opened by default (empty when asked by id)
    qint64 runId = 0;
    qint64 scoringId = 0;   // the scoring these rows come from; 0 = none (run fallback)
    QStringList classNames;
    std::vector<int64_t> ids;
    std::vector<int32_t> given, suggested, original;
    std::vector<float> suggestionProb, score, posterior, osm, loss;
    std::vector<uint8_t> consensus, flag, trusted;
    std::vector<float> osd, postHigh;       // n x classes
    std::vector<int16_t> topClass;          // n x 5, -1 padding
    std::vector<float> topProb;             // n x 5
    std::vector<ReviewGmm> gmm;             // classes (may be empty)
    std::vector<uint32_t> byScore;          // rows by descending score (ties: ascending id)
    // Why each row is in the queue (a curation issue queue: issue and duplicate group); empty
    // for a label-noise detector.
    std::vector<QString> reason;
    int gamma = 0;
    // How the scorer chose γ (Influential Rank): "data", "methods", or empty (set by hand or
    // an older scoring), and the γ METHODS' rule gives (0: not stored).
    QString gammaRule;
    int gammaMethods = 0;
    // Penultimate features (n x featureDim) for the similar-sample search; kept alive by
    // featureOwner (e.g. a memory-mapped run output).
    const float* features = nullptr;
    int featureDim = 0;
    // Row of each ReviewData row in `features` (-1: none); empty = the same row.
    std::vector<int64_t> featureRow;
    const float* featureOf(int row) const {
        if (!features || row < 0 || row >= n) return nullptr;
        const int64_t fr = featureRow.empty() ? row : featureRow[size_t(row)];
        return fr < 0 ? nullptr : features + size_t(fr) * size_t(featureDim);
    }
    std::shared_ptr<const void> featureOwner;

    bool hasOsd() const { return !osd.empty(); }
    bool isSelfTest() const;
    // Row of a sample id (binary search), or -1.
    int rowOf(qint64 sampleId) const;
    ReviewItem item(int row) const;
    // Allocates every array for n rows and k classes (optional ones only when asked).
    void resize(int64_t rows, int k, bool withOsd);
    // Fills byScore; call once after the arrays are filled (O(n log n), off the GUI thread).
    void sortByScore();
};

// Deterministic synthetic data for tests and benchmarks: `noisyFraction` of the rows get a
// wrong given label (original kept), scores/posteriors/OSD higher for them, features with
// one cluster per class. ids are 1..n.
std::shared_ptr<ReviewData> makeSyntheticReviewData(int64_t n, int classes, double noisyFraction,
                                                    uint64_t seed, int featureDim = 16);

}  // namespace winnow::widgets
