// Retrieval metrics (METHODS §12) against hand-built similarity matrices — 6 ground-truth
// captions, ties with the ground truth, attack items tying with the top-1 — and the blocked
// embedding path against a brute-force full sort on integer embeddings (exact scores, many ties).
#include <QtTest>

#include <algorithm>
#include <limits>
#include <random>

#include "core/retrieval/retrieval_metrics.h"
#include "core/util/error.h"

using namespace winnow::core;

namespace {

// Reference for one query: sort the whole gallery by score, ties ordered attack items first,
// then other items, then ground truth (pessimistic), and read rank and top-1 off the order.
struct Ref {
    int32_t rank;
    int32_t top1;
};
Ref bruteForce(const std::vector<float>& scores, const std::vector<int32_t>& truth, int64_t baseCount) {
    std::vector<int32_t> order(scores.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = int32_t(k);
    const auto tier = [&](int32_t k) {
        if (k >= baseCount) return 0;
        return std::find(truth.begin(), truth.end(), k) != truth.end() ? 2 : 1;
    };
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        if (scores[size_t(a)] != scores[size_t(b)]) return scores[size_t(a)] > scores[size_t(b)];
        if (tier(a) != tier(b)) return tier(a) < tier(b);
        return a < b;
    });
    Ref r{-1, order[0]};
    for (size_t p = 0; p < order.size() && r.rank < 0; ++p)
        if (tier(order[p]) == 2) r.rank = int32_t(p);
    return r;
}

}  // namespace

class TestRetrievalMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void imageToTextHandBuilt() {
        // 3 images; image 0 has 6 ground-truth captions (0-5), image 1 has 6-10, image 2 has 11-15.
        const std::vector<int32_t> captionImage{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        const GroundTruth truth = imageToTextTruth(captionImage, 3);
        QCOMPARE(truth.queries(), int64_t(3));
        QCOMPARE(truth.offsets, (std::vector<int64_t>{0, 6, 11, 16}));
        std::vector<float> base(3 * 16, 0.f);
        auto row = [&](int q) { return base.data() + q * 16; };
        // Image 0: best ground truth 0.9 (caption 2); caption 7 (image 1's) beats it.
        std::fill(row(0), row(0) + 16, 0.5f);
        const float r0[6] = {0.1f, 0.2f, 0.9f, 0.3f, 0.1f, 0.0f};
        std::copy(r0, r0 + 6, row(0));
        row(0)[7] = 0.95f;
        // Image 1: best ground truth 0.8 (captions 6 and 8); caption 3 ties with it.
        std::fill(row(1), row(1) + 16, 0.3f);
        const float r1[5] = {0.8f, 0.7f, 0.8f, 0.1f, 0.1f};
        std::copy(r1, r1 + 5, row(1) + 6);
        row(1)[3] = 0.8f;
        // Image 2: its caption 12 is first.
        std::fill(row(2), row(2) + 16, 0.1f);
        const float r2[5] = {0.6f, 0.99f, 0.2f, 0.2f, 0.2f};
        std::copy(r2, r2 + 5, row(2) + 11);

        // Attack A: 15 adversarial captions.
        std::vector<float> a(3 * 15, 0.f);
        std::fill(a.begin() + 15, a.begin() + 30, 0.1f);
        std::fill(a.begin() + 30, a.end(), 0.2f);
        a[2] = 0.9f;             // ties image 0's best truth, below its top-1 (0.95)
        a[15 + 5] = 0.85f;       // beats image 1's best truth and its top-1
        a[15 + 6] = 0.8f;        // ties it
        a[30 + 10] = 0.99f;      // ties image 2's best truth, which is its top-1
        // Attack B: rank boundaries 10, 4 and 5.
        std::vector<float> b(3 * 15, 0.f);
        for (int k = 0; k < 9; ++k) b[size_t(k)] = 0.96f;
        for (int k = 0; k < 3; ++k) b[size_t(15 + k)] = 0.81f;
        for (int k = 0; k < 5; ++k) b[size_t(30 + k)] = 0.995f;

        const auto out = evaluateRetrievalScores(base.data(), 3, 16, truth,
                                                 {{"A", a.data(), 15}, {"B", b.data(), 15}});
        QCOMPARE(out.size(), size_t(3));
        QCOMPARE(out[0].name, std::string("clean"));
        QCOMPARE(out[0].rank, (std::vector<int32_t>{1, 1, 0}));
        QCOMPARE(out[0].top1, (std::vector<int32_t>{7, 3, 12}));
        QCOMPARE(out[0].truthScore, (std::vector<float>{0.9f, 0.8f, 0.99f}));
        QCOMPARE(out[0].scores.r1, 1.0 / 3);
        QCOMPARE(out[0].scores.r5, 1.0);
        QCOMPARE(out[0].scores.fr1, 0.0);

        QCOMPARE(out[1].name, std::string("A"));
        QCOMPARE(out[1].rank, (std::vector<int32_t>{2, 3, 1}));
        QCOMPARE(out[1].top1, (std::vector<int32_t>{7, 16 + 5, 16 + 10}));
        QCOMPARE(out[1].top1Score, (std::vector<float>{0.95f, 0.85f, 0.99f}));
        QCOMPARE(out[1].scores.r1, 0.0);
        QCOMPARE(out[1].scores.r5, 1.0);
        QCOMPARE(out[1].scores.fr1, 2.0 / 3);

        QCOMPARE(out[2].rank, (std::vector<int32_t>{10, 4, 5}));
        QCOMPARE(out[2].scores.r1, 0.0);
        QCOMPARE(out[2].scores.r5, 1.0 / 3);
        QCOMPARE(out[2].scores.r10, 2.0 / 3);
        QCOMPARE(out[2].scores.fr1, 1.0);
        QCOMPARE(out[2].scores.queries, int64_t(3));

        const RecallDrop drop = recallDrop(out[0].scores, out[1].scores);
        QCOMPARE(drop.absolute, 1.0 / 3);
        QCOMPARE(drop.rate, 1.0);
    }

    void textToImageHandBuilt() {
        // 3 caption queries over 2 originals, each with one altered copy.
        const GroundTruth truth = textToImageTruth({0, 1, 0});
        const std::vector<float> base{0.5f, 0.5f,   // query 0: another original ties its own
                                      0.2f, 0.7f,   // query 1
                                      0.9f, 0.1f};  // query 2
        const std::vector<float> altered{0.4f, 0.6f,   // beats the tie: top-1 altered image 1
                                         0.7f, 0.1f,   // ties the truth: altered wins
                                         0.3f, 0.2f};
        const auto out = evaluateRetrievalScores(base.data(), 3, 2, truth, {{"mix", altered.data(), 2}});
        QCOMPARE(out[0].rank, (std::vector<int32_t>{1, 0, 0}));
        QCOMPARE(out[0].top1, (std::vector<int32_t>{1, 1, 0}));
        QCOMPARE(out[0].scores.r1, 2.0 / 3);
        QCOMPARE(out[1].rank, (std::vector<int32_t>{2, 1, 0}));
        QCOMPARE(out[1].top1, (std::vector<int32_t>{3, 2, 0}));
        QCOMPARE(out[1].scores.r1, 1.0 / 3);
        QCOMPARE(out[1].scores.fr1, 2.0 / 3);
        const RecallDrop drop = recallDrop(out[0].scores, out[1].scores);
        QCOMPARE(drop.absolute, 1.0 / 3);
        QCOMPARE(drop.rate, 0.5);
        QCOMPARE(recallDrop(RecallScores{}, out[1].scores).rate, 0.0);
    }

    void embeddingsMatchBruteForceSort() {
        // Integer components: every dot product is exact in float whatever the summation
        // order, and ties are frequent.
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> comp(-2, 2);
        const int64_t dim = 8, images = 37, gt = 6 * 3 + 5 * 34;
        auto make = [&](int64_t n) {
            std::vector<float> v(size_t(n * dim));
            for (float& x : v) x = float(comp(rng));
            return v;
        };
        const std::vector<float> img = make(images), cap = make(gt), adv1 = make(5 * images), adv2 = make(3);
        std::vector<int32_t> captionImage;
        for (int32_t i = 0; i < images; ++i)
            for (int c = 0; c < (i < 3 ? 6 : 5); ++c) captionImage.push_back(i);
        const GroundTruth truth = imageToTextTruth(captionImage, images);
        const std::vector<AttackGallery> attacks{{"a1", adv1.data(), 5 * images}, {"a2", adv2.data(), 3},
                                                 {"empty", nullptr, 0}};
        const auto out = evaluateRetrieval(img.data(), images, cap.data(), gt, dim, truth, attacks, 5);
        QCOMPARE(out.size(), size_t(4));
        auto dot = [&](const float* x, const float* y) {
            float s = 0;
            for (int64_t d = 0; d < dim; ++d) s += x[d] * y[d];
            return s;
        };
        int ties = 0;
        for (size_t k = 0; k < out.size(); ++k) {
            const std::vector<float>* attack = k == 1 ? &adv1 : k == 2 ? &adv2 : nullptr;
            const int64_t attackCount = k == 1 ? 5 * images : k == 2 ? 3 : 0;
            int64_t hits1 = 0, hits5 = 0, hits10 = 0, fooled = 0;
            for (int64_t q = 0; q < images; ++q) {
                std::vector<float> scores;
                for (int64_t c = 0; c < gt; ++c) scores.push_back(dot(&img[size_t(q * dim)], &cap[size_t(c * dim)]));
                for (int64_t c = 0; c < attackCount; ++c)
                    scores.push_back(dot(&img[size_t(q * dim)], &(*attack)[size_t(c * dim)]));
                const std::vector<int32_t> t(truth.items.begin() + truth.offsets[size_t(q)],
                                             truth.items.begin() + truth.offsets[size_t(q) + 1]);
                const Ref ref = bruteForce(scores, t, gt);
                float bestTruth = -1e9f;
                for (int32_t c : t) bestTruth = std::max(bestTruth, scores[size_t(c)]);
                ties += int(std::count(scores.begin(), scores.end(), bestTruth)) > 1;
                QCOMPARE(out[k].rank[size_t(q)], ref.rank);
                QCOMPARE(scores[size_t(out[k].top1[size_t(q)])], scores[size_t(ref.top1)]);
                QCOMPARE(out[k].top1[size_t(q)] >= gt, ref.top1 >= gt);
                hits1 += ref.rank < 1, hits5 += ref.rank < 5, hits10 += ref.rank < 10, fooled += ref.top1 >= gt;
            }
            QCOMPARE(out[k].scores.r1, double(hits1) / images);
            QCOMPARE(out[k].scores.r5, double(hits5) / images);
            QCOMPARE(out[k].scores.r10, double(hits10) / images);
            QCOMPARE(out[k].scores.fr1, double(fooled) / images);
        }
        QVERIFY2(ties > 10, "the data should exercise ties");
        QCOMPARE(out[3].rank, out[0].rank);  // an empty attack changes nothing
    }

    void nanScoresCountAgainstTheGroundTruth() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const GroundTruth truth = textToImageTruth({0, 0});
        const std::vector<float> base{nan, 0.1f, 0.2f,    // the truth's score is NaN: last
                                      0.5f, nan, 0.1f};   // a NaN item ranks before the truth
        const std::vector<float> attack{0.5f, 0.1f,       //
                                        nan, 0.1f};       // a NaN attack item too
        const auto out = evaluateRetrievalScores(base.data(), 2, 3, truth, {{"a", attack.data(), 2}});
        QCOMPARE(out[0].rank, (std::vector<int32_t>{2, 1}));
        QCOMPARE(out[1].rank, (std::vector<int32_t>{4, 2}));
        QCOMPARE(out[1].scores.r1, 0.0);
    }

    void inconsistentInputIsAnError() {
        const std::vector<float> s{0.1f, 0.2f};
        GroundTruth none;
        none.add({});
        QVERIFY_THROWS_EXCEPTION(Error, evaluateRetrievalScores(s.data(), 1, 2, none, {}));
        GroundTruth outOfRange;
        outOfRange.add({2});
        QVERIFY_THROWS_EXCEPTION(Error, evaluateRetrievalScores(s.data(), 1, 2, outOfRange, {}));
        QVERIFY_THROWS_EXCEPTION(Error, imageToTextTruth({0, 3}, 2));
        QVERIFY_THROWS_EXCEPTION(Error, evaluateRetrievalScores(s.data(), 2, 1, textToImageTruth({0}), {}));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalMetrics)
#include "tst_retrieval_metrics.moc"
