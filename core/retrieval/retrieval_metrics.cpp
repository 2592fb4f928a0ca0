#include "core/retrieval/retrieval_metrics.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>

#include "core/util/error.h"

namespace winnow::core {
namespace {

// What the base gallery tells about one query row.
struct BaseRow {
    float best = 0;      // best ground-truth score
    int32_t rank = 0;    // base items ranked before the best ground truth (pessimistic ties)
    int32_t top1 = 0;    // base top-1 (a non-truth item when one ties with the best truth)
    float top1Score = 0;
};

BaseRow summariseBase(const float* row, int64_t count, const int32_t* truth, int64_t truthCount) {
    BaseRow r;
    int32_t truthArg = truth[0];
    r.best = row[truth[0]];
    for (int64_t t = 1; t < truthCount; ++t)
        if (row[truth[t]] > r.best) r.best = row[truth[t]], truthArg = truth[t];
    const float best = r.best;
    int32_t before = 0;
    float otherBest = -std::numeric_limits<float>::infinity();
    int32_t otherArg = -1;
    for (int64_t j = 0; j < count; ++j) {
        const float v = row[j];
        if (v < best) continue;  // the common case: one compare per item; NaN (either side) falls through
        bool isTruth = false;
        for (int64_t t = 0; t < truthCount; ++t) isTruth |= truth[t] == j;
        if (isTruth) continue;
        ++before;
        if (otherArg < 0 || v > otherBest) otherBest = v, otherArg = int32_t(j);
    }
    r.rank = before;
    r.top1 = before > 0 ? otherArg : truthArg;
    r.top1Score = before > 0 ? otherBest : best;
    return r;
}

// Items of an attack row scoring >= best (all are "not ground truth"), and its maximum.
void summariseAttack(const float* row, int64_t count, float best, int32_t& atLeast, int32_t& arg, float& max) {
    int32_t n = 0;
    for (int64_t j = 0; j < count; ++j) n += row[j] < best ? 0 : 1;  // a NaN counts against the truth
    atLeast = n;
    const float* m = std::max_element(row, row + count);
    arg = int32_t(m - row);
    max = *m;
}

struct Accumulator {
    int64_t hits1 = 0, hits5 = 0, hits10 = 0, fooled = 0;
    void add(int32_t rank, bool fool) {
        hits1 += rank < 1;
        hits5 += rank < 5;
        hits10 += rank < 10;
        fooled += fool;
    }
    RecallScores scores(int64_t n) const {
        RecallScores s;
        s.queries = n;
        if (n == 0) return s;
        s.r1 = double(hits1) / double(n);
        s.r5 = double(hits5) / double(n);
        s.r10 = double(hits10) / double(n);
        s.fr1 = double(fooled) / double(n);
        return s;
    }
};

void checkTruth(const GroundTruth& truth, int64_t queryCount, int64_t baseCount) {
    if (truth.queries() != queryCount)
        throw Error("Retrieval evaluation: ground truth for " + std::to_string(truth.queries()) + " queries, but " +
                    std::to_string(queryCount) + " queries");
    for (int64_t q = 0; q < queryCount; ++q) {
        if (truth.offsets[size_t(q) + 1] <= truth.offsets[size_t(q)])
            throw Error("Retrieval evaluation: query " + std::to_string(q) + " has no ground-truth item");
        for (int64_t k = truth.offsets[size_t(q)]; k < truth.offsets[size_t(q) + 1]; ++k)
            if (truth.items[size_t(k)] < 0 || truth.items[size_t(k)] >= baseCount)
                throw Error("Retrieval evaluation: query " + std::to_string(q) + " names gallery item " +
                            std::to_string(truth.items[size_t(k)]) + " of " + std::to_string(baseCount));
    }
}

// Shared driver: `rows(q0, q1, attack)` returns a pointer to the scores of queries [q0, q1)
// against the base (attack = -1) or attack k, row-major, valid until the next call.
template <class RowsFn>
std::vector<RetrievalOutcome> evaluate(int64_t queryCount, int64_t baseCount, const GroundTruth& truth,
                                       const std::vector<AttackGallery>& attacks, int64_t blockRows,
                                       RowsFn rows) {
    checkTruth(truth, queryCount, baseCount);
    if (baseCount <= 0) throw Error("Retrieval evaluation: the gallery is empty");
    std::vector<RetrievalOutcome> out(attacks.size() + 1);
    out[0].name = "clean";
    for (size_t a = 0; a < attacks.size(); ++a) out[a + 1].name = attacks[a].name;
    for (size_t k = 0; k < out.size(); ++k) {
        RetrievalOutcome& o = out[k];
        o.rank.resize(size_t(queryCount));
        o.top1.resize(size_t(queryCount));
        o.truthScore.resize(size_t(queryCount));
        o.top1Score.resize(size_t(queryCount));
        if (k > 0) {
            o.attackBestItem.assign(size_t(queryCount), -1);
            o.attackBestScore.assign(size_t(queryCount), std::numeric_limits<float>::quiet_NaN());
        }
    }
    std::vector<Accumulator> acc(out.size());
    std::vector<BaseRow> base(size_t(std::min(blockRows, queryCount)));
    for (int64_t q0 = 0; q0 < queryCount; q0 += blockRows) {
        const int64_t q1 = std::min(queryCount, q0 + blockRows);
        const float* s = rows(q0, q1, -1);
        for (int64_t q = q0; q < q1; ++q) {
            const int64_t t0 = truth.offsets[size_t(q)];
            const BaseRow r = summariseBase(s + (q - q0) * baseCount, baseCount, truth.items.data() + t0,
                                            truth.offsets[size_t(q) + 1] - t0);
            base[size_t(q - q0)] = r;
            RetrievalOutcome& o = out[0];
            o.rank[size_t(q)] = r.rank;
            o.top1[size_t(q)] = r.top1;
            o.truthScore[size_t(q)] = r.best;
            o.top1Score[size_t(q)] = r.top1Score;
            acc[0].add(r.rank, false);
        }
        for (size_t a = 0; a < attacks.size(); ++a) {
            const int64_t count = attacks[a].count;
            if (count <= 0) {
                for (int64_t q = q0; q < q1; ++q) {
                    const BaseRow& r = base[size_t(q - q0)];
                    RetrievalOutcome& o = out[a + 1];
                    o.rank[size_t(q)] = r.rank, o.top1[size_t(q)] = r.top1;
                    o.truthScore[size_t(q)] = r.best, o.top1Score[size_t(q)] = r.top1Score;
                    acc[a + 1].add(r.rank, false);
                }
                continue;
            }
            const float* sa = rows(q0, q1, int64_t(a));
            for (int64_t q = q0; q < q1; ++q) {
                const BaseRow& r = base[size_t(q - q0)];
                int32_t atLeast = 0, arg = 0;
                float max = 0;
                summariseAttack(sa + (q - q0) * count, count, r.best, atLeast, arg, max);
                const bool fooled = max >= r.top1Score;  // pessimistic: the attack wins ties
                RetrievalOutcome& o = out[a + 1];
                o.rank[size_t(q)] = r.rank + atLeast;
                o.top1[size_t(q)] = fooled ? int32_t(baseCount) + arg : r.top1;
                o.truthScore[size_t(q)] = r.best;
                o.top1Score[size_t(q)] = fooled ? max : r.top1Score;
                o.attackBestItem[size_t(q)] = int32_t(baseCount) + arg;
                o.attackBestScore[size_t(q)] = max;
                acc[a + 1].add(r.rank + atLeast, fooled);
            }
        }
    }
    for (size_t k = 0; k < out.size(); ++k) out[k].scores = acc[k].scores(queryCount);
    return out;
}

}  // namespace

void GroundTruth::add(std::vector<int32_t> truth) {
    items.insert(items.end(), truth.begin(), truth.end());
    offsets.push_back(int64_t(items.size()));
}

RecallDrop recallDrop(const RecallScores& clean, const RecallScores& attacked) {
    RecallDrop d;
    d.absolute = clean.r1 - attacked.r1;
    d.rate = clean.r1 > 0 ? d.absolute / clean.r1 : 0.0;
    return d;
}

GroundTruth imageToTextTruth(const std::vector<int32_t>& captionImage, int64_t imageCount) {
    std::vector<std::vector<int32_t>> per(size_t(std::max<int64_t>(imageCount, 0)));
    for (size_t c = 0; c < captionImage.size(); ++c) {
        if (captionImage[c] < 0 || captionImage[c] >= imageCount)
            throw Error("Retrieval evaluation: caption " + std::to_string(c) + " names image " +
                        std::to_string(captionImage[c]) + " of " + std::to_string(imageCount));
        per[size_t(captionImage[c])].push_back(int32_t(c));
    }
    GroundTruth g;
    for (auto& p : per) g.add(std::move(p));
    return g;
}

GroundTruth textToImageTruth(const std::vector<int32_t>& captionImage) {
    GroundTruth g;
    g.items = captionImage;
    g.offsets.resize(captionImage.size() + 1);
    for (size_t q = 0; q <= captionImage.size(); ++q) g.offsets[q] = int64_t(q);
    return g;
}

std::vector<RetrievalOutcome> evaluateRetrievalScores(const float* baseScores, int64_t queryCount,
                                                      int64_t baseCount, const GroundTruth& truth,
                                                      const std::vector<AttackGallery>& attackScores) {
    return evaluate(queryCount, baseCount, truth, attackScores, std::max<int64_t>(queryCount, 1),
                    [&](int64_t q0, int64_t, int64_t attack) -> const float* {
                        if (attack < 0) return baseScores + q0 * baseCount;
                        return attackScores[size_t(attack)].data + q0 * attackScores[size_t(attack)].count;
                    });
}

std::vector<RetrievalOutcome> evaluateRetrieval(const float* queries, int64_t queryCount, const float* base,
                                                int64_t baseCount, int64_t dim, const GroundTruth& truth,
                                                const std::vector<AttackGallery>& attacks, int64_t blockRows) {
    if (dim <= 0) throw Error("Retrieval evaluation: the embedding dimension must be positive");
    if (blockRows <= 0) blockRows = 512;
    torch::NoGradGuard noGrad;
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32);
    const torch::Tensor baseT = torch::from_blob(const_cast<float*>(base), {baseCount, dim}, opts);
    std::vector<torch::Tensor> attackT;
    for (const AttackGallery& a : attacks)
        attackT.push_back(a.count > 0 ? torch::from_blob(const_cast<float*>(a.data), {a.count, dim}, opts)
                                      : torch::Tensor());
    // One score buffer for every block product (no allocation per block).
    int64_t widest = baseCount;
    for (const AttackGallery& a : attacks) widest = std::max(widest, a.count);
    std::vector<float> buffer(size_t(std::min(blockRows, queryCount) * widest));
    return evaluate(queryCount, baseCount, truth, attacks, blockRows,
                    [&](int64_t q0, int64_t q1, int64_t attack) -> const float* {
                        const torch::Tensor q =
                            torch::from_blob(const_cast<float*>(queries + q0 * dim), {q1 - q0, dim}, opts);
                        const torch::Tensor& g = attack < 0 ? baseT : attackT[size_t(attack)];
                        torch::Tensor scores = torch::from_blob(buffer.data(), {q1 - q0, g.size(0)}, opts);
                        torch::mm_out(scores, q, g.t());
                        return buffer.data();
                    });
}

}  // namespace winnow::core
