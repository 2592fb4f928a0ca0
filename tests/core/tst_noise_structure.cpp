// How suspected label errors spread over the other classes (noise_structure.h): the pair
// concentration of hand-made count matrices against values worked out by hand, and the
// confident joint of confident learning on planted flips (rows must be the given class).
#include <QTemporaryDir>
#include <QtTest>

#include <random>

#include "core/influence/detectors.h"
#include "core/influence/noise_structure.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "tests/core/score_fixture.h"

using namespace winnow::core;
using namespace winnow;
namespace fs = std::filesystem;

namespace {

// K x K counts with `diag` on the diagonal and `off(i, j)` elsewhere.
template <class F>
std::vector<double> counts(int K, double diag, F off) {
    std::vector<double> c(size_t(K * K));
    for (int i = 0; i < K; ++i)
        for (int j = 0; j < K; ++j) c[size_t(i * K + j)] = i == j ? diag : off(i, j);
    return c;
}

// Probabilities peaked on each sample's true class (0.85, the rest shared), labels flipped by
// `flip(true class, rng)` for every third sample.
template <class F>
void plantedFlips(int K, int n, F flip, std::vector<float>& probs, std::vector<int32_t>& labels) {
    std::mt19937 rng(7);
    probs.assign(size_t(n * K), 0.15f / float(K - 1));
    labels.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const int t = i % K;
        probs[size_t(i * K + t)] = 0.85f;
        labels[size_t(i)] = (i / K) % 3 == 0 ? flip(t, rng) : t;
    }
}

}  // namespace

class TestNoiseStructure : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void spreadNoiseIsSpread() {
        // Every other class gets 10: each row's largest share is 1/9.
        const auto s = noiseStructureOfRows(noiseRows(counts(10, 500, [](int, int) { return 10.0; }), 10));
        QCOMPARE(int(s.kind), int(NoiseStructure::Kind::Spread));
        QVERIFY(std::abs(s.pairConcentration - 1.0 / 9.0) < 1e-12);
        QVERIFY(std::abs(s.threshold - 0.5 * (1.0 / 9.0 + 1.0)) < 1e-12);
        QCOMPARE(s.offDiagonal, 900.0);
    }

    void aFlipToTheNextClassIsAPairFlip() {
        // Row i: 60 to class i+1, 5 to each of the 8 others -> 60 / 100 = 0.6 >= 0.556.
        const auto rows = noiseRows(counts(10, 500, [](int i, int j) { return j == (i + 1) % 10 ? 60.0 : 5.0; }), 10);
        QCOMPARE(rows[3].largestClass, 4);
        QCOMPARE(rows[9].largestClass, 0);
        const auto s = noiseStructureOfRows(rows);
        QCOMPARE(int(s.kind), int(NoiseStructure::Kind::PairFlip));
        QVERIFY(std::abs(s.pairConcentration - 0.6) < 1e-12);
        QVERIFY2(s.reason.find("0.60 >= 0.56") != std::string::npos, s.reason.c_str());
        // 45 of 85 (0.53) falls below the cut.
        const auto below = noiseStructureOfRows(noiseRows(counts(10, 500, [](int i, int j) { return j == (i + 1) % 10 ? 45.0 : 5.0; }), 10));
        QCOMPARE(int(below.kind), int(NoiseStructure::Kind::Spread));
    }

    // Rows weigh by their mass: one heavy concentrated class outweighs light spread ones.
    void rowsWeighByTheirMass() {
        std::vector<NoiseRow> rows(4);
        rows[0] = {100, 90, 1};
        for (int i = 1; i < 4; ++i) rows[size_t(i)] = {30, 10, 0};
        const auto s = noiseStructureOfRows(rows);
        QVERIFY(std::abs(s.pairConcentration - (90.0 + 30.0) / 190.0) < 1e-12);
    }

    void unknownWithTwoClassesOrTooLittleNoise() {
        QCOMPARE(int(noiseStructureOfRows(noiseRows(counts(2, 50, [](int, int) { return 40.0; }), 2)).kind),
                 int(NoiseStructure::Kind::Unknown));
        // Ten classes need at least 50 samples off the diagonal.
        const auto s = noiseStructureOfRows(noiseRows(counts(10, 50, [](int i, int j) { return j == (i + 1) % 10 ? 4.0 : 0.0; }), 10));
        QCOMPARE(int(s.kind), int(NoiseStructure::Kind::Unknown));
        QVERIFY2(s.reason.find("too little") != std::string::npos, s.reason.c_str());
    }

    // The joint confident learning returns has the given class in its rows: planted
    // class -> next class flips read as a pair flip, flips to random classes as spread.
    void confidentJointOfPlantedFlips() {
        const int K = 5, n = 3000;
        std::vector<float> probs;
        std::vector<int32_t> labels;
        plantedFlips(K, n, [&](int t, std::mt19937&) { return (t + 1) % K; }, probs, labels);
        auto r = detectConfidentLearning(probs.data(), labels.data(), n, K);
        const auto rows = noiseRows(r.extra, K);
        for (int g = 0; g < K; ++g) QCOMPARE(rows[size_t(g)].largestClass, (g + K - 1) % K);  // given g: truly g-1
        QCOMPARE(int(noiseStructureOfRows(rows).kind), int(NoiseStructure::Kind::PairFlip));

        plantedFlips(K, n, [&](int t, std::mt19937& rng) { return (t + 1 + int(rng() % (K - 1))) % K; }, probs, labels);
        r = detectConfidentLearning(probs.data(), labels.data(), n, K);
        const auto spread = noiseStructureOfRows(noiseRows(r.extra, K));
        QCOMPARE(int(spread.kind), int(NoiseStructure::Kind::Spread));
        QVERIFY(spread.pairConcentration < 0.4);  // about 1/4 with four other classes
    }

    void summaryRoundTripAndMalformed() {
        const auto rows = noiseRows(counts(3, 9, [](int i, int j) { return double(i + j); }), 3);
        const auto back = noiseRowsFromSummary(nlohmann::json{{"noise_by_class", noiseRowsJson(rows)}});
        QCOMPARE(back.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(back[i].offDiagonal, rows[i].offDiagonal);
            QCOMPARE(back[i].largestClass, rows[i].largestClass);
        }
        QVERIFY(noiseRowsFromSummary(nlohmann::json::parse(R"({"noise_by_class":[{"largest":1}]})")).empty());
        QVERIFY(noiseRowsFromSummary(nlohmann::json::parse(R"({"flagged":3})")).empty());
    }

    // A run's structure: the cl-early summary's rows when stored; an older scoring without them
    // falls back to its flagged (given -> suggested) pairs; no confident learning: unknown.
    void readFromTheRunsScorings() {
        auto p = Project::create(fs::path(m_dir.path().toStdString()) / "r.winnow");
        p->db().exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        QCOMPARE(int(runNoiseStructure(*p, 1).kind), int(NoiseStructure::Kind::Unknown));
        // An old confident-learning scoring of 60 samples (given 0, suggested 0): 3 classes, the
        // flagged ones rewritten to suggest class 2 -> every flagged pair is 0 -> 2.
        std::vector<uint8_t> flag(60, 0);
        for (int i = 0; i < 30; ++i) flag[size_t(i)] = 1;
        const int64_t old = test::addTestScoring(*p, 1, "confident-learning", std::vector<float>(60, 1.0f), flag);
        {
            const fs::path dir = p->cacheDir() / ("scorings/" + std::to_string(old));
            ScoreFile f = ScoreFile::read(dir);
            f.meta["classes"] = 3;
            for (int i = 0; i < 30; ++i) f.suggestedLabel[size_t(i)] = 2;
            f.write(dir);
        }
        auto s = runNoiseStructure(*p, 1);
        QCOMPARE(s.source, std::string("flagged pairs"));
        QCOMPARE(int(s.kind), int(NoiseStructure::Kind::PairFlip));  // 30 of 30 in one cell; cut 0.75
        QCOMPARE(s.pairConcentration, 1.0);
        QCOMPARE(s.scoringId, old);
        // A cl-early scoring with the joint's rows in its summary wins: spread (1/2 of each row).
        const int64_t early = test::addTestScoring(*p, 1, "cl-early", std::vector<float>(60, 1.0f), flag);
        const std::vector<NoiseRow> rows{{20, 10, 1}, {20, 10, 0}, {20, 10, 0}};
        p->db().prepare("UPDATE scorings SET summary_json=? WHERE id=?")
            .bind(1, nlohmann::json{{"noise_by_class", noiseRowsJson(rows)}}.dump()).bind(2, early).run();
        s = runNoiseStructure(*p, 1);
        QCOMPARE(s.scoringId, early);
        QCOMPARE(s.source, std::string("confident joint"));
        QCOMPARE(int(s.kind), int(NoiseStructure::Kind::Spread));
        QCOMPARE(s.pairConcentration, 0.5);
    }
};

QTEST_GUILESS_MAIN(TestNoiseStructure)
#include "tst_noise_structure.moc"
