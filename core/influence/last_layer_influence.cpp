#include "core/influence/last_layer_influence.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/train/device.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

torch::Tensor view(const float* p, int64_t rows, int64_t cols) {
    return torch::from_blob(const_cast<float*>(p), {rows, cols}, torch::kFloat32);
}

// Rows [begin, begin + rows) of `d` as h~ = [h, 1], softmax p and residual p - y on `dev`.
struct Batch {
    torch::Tensor h, p, r;
};

Batch makeBatch(const LastLayerData& d, int64_t begin, int64_t rows, const torch::Device& dev,
                torch::ScalarType dtype) {
    auto f = view(d.feature + begin * d.features, rows, d.features).to(dev, dtype);
    auto z = view(d.logits + begin * d.classes, rows, d.classes).to(dev, dtype);
    Batch b;
    b.h = torch::cat({f, torch::ones({rows, 1}, f.options())}, 1);
    b.p = torch::softmax(z, 1);
    auto lab = torch::from_blob(const_cast<int32_t*>(d.labels + begin), {rows}, torch::kInt32)
                   .to(dev, torch::kLong);
    auto valid = lab.ge(0);
    auto y = torch::zeros_like(b.p);
    y.scatter_(1, lab.clamp_min(0).unsqueeze(1), valid.unsqueeze(1).to(dtype));
    b.r = b.p - y;
    return b;
}

torch::Tensor flatGrad(const Batch& b) {
    return (b.r.unsqueeze(2) * b.h.unsqueeze(1)).reshape({b.r.size(0), -1});
}

// Several processes (ScoreShard): `t` summed element-wise across them, in place (float64 on
// the wire whatever t's type; t may live on the GPU).
void sumAcross(const ScoreShard& sh, torch::Tensor& t) {
    if (!sh.active()) return;
    auto c = t.to(torch::kCPU, torch::kFloat64).contiguous();
    std::vector<double> v(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
    sh.sum(v);
    t.copy_(torch::from_blob(v.data(), t.sizes(), torch::kFloat64));
}

// Several processes: `parts` holds this process's batches (batch index, one float64 tensor
// per accumulator); every batch's tensors reach every process (zero-padded slots summed) and
// are added to `acc` in batch order, as one process adds them.
void gatherBatches(const ScoreShard& sh, const std::vector<std::pair<int64_t, std::vector<torch::Tensor>>>& parts,
                   int64_t batches, const std::vector<torch::Tensor*>& acc) {
    int64_t width = 0;
    for (const torch::Tensor* t : acc) width += t->numel();
    std::vector<double> slots(size_t(batches * width), 0.0);
    for (const auto& [batch, ts] : parts) {
        double* at = &slots[size_t(batch * width)];
        for (const auto& t : ts) {
            auto c = t.to(torch::kCPU).contiguous();
            std::copy(c.data_ptr<double>(), c.data_ptr<double>() + c.numel(), at);
            at += c.numel();
        }
    }
    sh.sum(slots);
    for (int64_t b = 0; b < batches; ++b) {
        double* at = &slots[size_t(b * width)];
        for (torch::Tensor* t : acc) {
            *t += torch::from_blob(at, t->sizes(), torch::kFloat64).to(t->device());
            at += t->numel();
        }
    }
}

void checkData(const LastLayerData& d, const char* what) {
    if (d.classes < 2 || d.features < 1)
        throw Error(std::string("influence: ") + what + " needs at least 2 classes and 1 feature");
    if (d.n > 0 && (!d.feature || !d.logits || !d.labels))
        throw Error(std::string("influence: ") + what + " has missing arrays");
}

// Both Hessian blocks and the OSM quadratic form only ever need h~ h~' (symmetric), so they
// work on its packed upper triangle: T = L1 (L1 + 1) / 2 entries per row instead of L1^2,
// and class pairs a <= b (C = K (K + 1) / 2) instead of all K^2. This halves the Hessian's
// GEMM work and cuts OSM from one n x P x P product to one n x T x C product (~P^2 / 2).
struct PackedPairs {
    torch::Tensor fi, fj;  // T: feature index pairs j <= k
    torch::Tensor ca, cb;  // C: class pairs a <= b
    torch::Tensor twiceOff;  // T: 1 on the diagonal, 2 off it (h'Sh = sum over packed terms)
    torch::Tensor classTwice;  // C: likewise for class pairs
    int64_t T = 0, C = 0;

    PackedPairs(int64_t L1, int64_t K, const torch::Device& dev) {
        std::vector<int64_t> i, j, a, b;
        for (int64_t x = 0; x < L1; ++x)
            for (int64_t y = x; y < L1; ++y) i.push_back(x), j.push_back(y);
        for (int64_t x = 0; x < K; ++x)
            for (int64_t y = x; y < K; ++y) a.push_back(x), b.push_back(y);
        auto toT = [&](std::vector<int64_t>& v) {
            return torch::from_blob(v.data(), {int64_t(v.size())}, torch::kInt64).clone().to(dev);
        };
        fi = toT(i), fj = toT(j), ca = toT(a), cb = toT(b);
        T = fi.size(0), C = ca.size(0);
        twiceOff = 2.0 - fi.eq(fj).to(torch::kFloat64);
        classTwice = 2.0 - ca.eq(cb).to(torch::kFloat32);
    }
    // Row-wise packed outer product, rows x T, one contiguous column run per feature (a
    // gather over T columns is several times slower on the CPU).
    torch::Tensor outer(const torch::Tensor& h) const {
        const int64_t L1 = h.size(1);
        auto out = torch::empty({h.size(0), T}, h.options());
        for (int64_t j = 0, off = 0; j < L1; off += L1 - j, ++j) {
            auto dst = out.narrow(1, off, L1 - j);
            torch::mul_out(dst, h.narrow(1, j, L1 - j), h.narrow(1, j, 1));
        }
        return out;
    }
    // The packed outer products are built and consumed `kChunk` rows at a time so they stay
    // in cache; materialising B x T at once made the whole step memory-bound.
    static constexpr int64_t kChunk = 256;
    // sum_i packed(h_i h_i') w_i'  (T x C) for the rows of h (B x L1) and weights w (B x C).
    torch::Tensor weightedGram(const torch::Tensor& h, const torch::Tensor& w) const {
        auto acc = torch::zeros({T, w.size(1)}, h.options());
        for (int64_t c = 0; c < h.size(0); c += kChunk) {
            const int64_t rows = std::min(kChunk, h.size(0) - c);
            acc.addmm_(outer(h.narrow(0, c, rows)).t(), w.narrow(0, c, rows));
        }
        return acc;
    }
    // packed(h_i h_i') Q for every row: B x C.
    torch::Tensor quadratic(const torch::Tensor& h, const torch::Tensor& Q) const {
        std::vector<torch::Tensor> parts;
        for (int64_t c = 0; c < h.size(0); c += kChunk)
            parts.push_back(outer(h.narrow(0, c, std::min(kChunk, h.size(0) - c))).mm(Q));
        return torch::cat(parts, 0);
    }
};

}  // namespace

struct LastLayerInfluence::Impl {
    int K = 0, L1 = 0;
    int64_t P = 0;
    bool kfac = false;
    torch::Device dev = torch::kCPU;
    torch::Tensor hinv;        // exact: P x P float on dev
    std::unique_ptr<PackedPairs> pairs;  // exact path
    torch::Tensor osmQuad;     // exact: T x C, packed sym(H^-2) blocks, for ||H^-1 g||^2
    torch::Tensor ainv, binv;  // kfac: K x K and (L+1) x (L+1) float on dev
    torch::Tensor hDamped;     // P x P double (exact) or factors (kfac) on CPU, for hessian()
    torch::Tensor aD, bD;
    int64_t budget = 0;
    ScoreShard shard;  // several processes: strided rows, sums across them

    int64_t batchRows() const {
        int64_t perRow = (kfac ? (K + L1) : 2 * pairs->T + P) * int64_t(sizeof(double));
        return std::clamp<int64_t>(budget / std::max<int64_t>(perRow, 1), 64, 65536);
    }
    // H^-1 g for a batch, as a B x P tensor (exact) — K-FAC never materialises it.
    torch::Tensor solveExact(const Batch& b) const { return flatGrad(b).mm(hinv); }
};

LastLayerInfluence::LastLayerInfluence(const LastLayerData& d, const InfluenceOptions& o)
    : m_impl(std::make_unique<Impl>()) {
    checkData(d, "Hessian data");
    if (d.n < 1) throw Error("influence: no training samples to build the Hessian from");
    auto& m = *m_impl;
    m.K = d.classes;
    m.L1 = d.features + 1;
    m.P = int64_t(m.K) * m.L1;
    m.budget = std::max<int64_t>(o.memoryBudgetBytes, int64_t(1) << 20);
    m.shard = o.shard;
    m.dev = torch::Device(resolveDevice(o.device) == "cuda" ? torch::kCUDA : torch::kCPU);
    if (o.solver == "exact") m.kfac = false;
    else if (o.solver == "kfac") m.kfac = true;
    else if (o.solver == "auto" || o.solver.empty()) m.kfac = m.P > o.exactMaxParams;
    else throw Error("influence: unknown solver '" + o.solver + "' (use auto, exact or kfac)");
    if (!(o.damping >= 0)) throw Error("influence: damping must be >= 0");

    // Rows used for H: all, or a seeded subsample (sorted, so reads stay sequential).
    std::vector<int64_t> rows;
    if (d.n > o.hessianMaxSamples && o.hessianMaxSamples > 0) {
        rows.resize(size_t(d.n));
        std::iota(rows.begin(), rows.end(), 0);
        std::mt19937_64 rng(o.seed);
        std::shuffle(rows.begin(), rows.end(), rng);
        rows.resize(size_t(o.hessianMaxSamples));
        std::sort(rows.begin(), rows.end());
    }
    const int64_t used = rows.empty() ? d.n : int64_t(rows.size());
    // Several processes: each computes the batches rank, rank + world, ... of one process's
    // batching; every batch's float64 partial sum reaches every process (gatherBatches) and
    // is added in batch order, so H is the same bits as one process's (H^-1 would amplify
    // any difference by H's condition number, and OSD's candidates sit on thresholds).
    const ScoreShard& sh = o.shard;
    std::vector<std::pair<int64_t, std::vector<torch::Tensor>>> parts;  // this process's batches
    torch::NoGradGuard ng;
    auto fopt = torch::TensorOptions().dtype(torch::kFloat32).device(m.dev);
    auto dopt = torch::TensorOptions().dtype(torch::kFloat64).device(m.dev);
    torch::Tensor rowIdx;
    if (!rows.empty())
        rowIdx = torch::from_blob(rows.data(), {used}, torch::kInt64).clone();
    auto allF = view(d.feature, d.n, d.features);
    auto allZ = view(d.logits, d.n, d.classes);
    const int64_t hstep = std::clamp<int64_t>(
        m.budget / (int64_t(sizeof(float)) * (m.L1 + m.K) * 4), 256, 32768);
    // Blocks are accumulated in float32 per batch (fast GEMMs) and summed in double.
    torch::Tensor G, A, B;  // exact: G = sum_i packed(h~ h~') w_i' (T x C)
    if (m.kfac) {
        A = torch::zeros({m.K, m.K}, dopt);
        B = torch::zeros({m.L1, m.L1}, dopt);
    } else {
        m.pairs = std::make_unique<PackedPairs>(m.L1, m.K, m.dev);
        G = torch::zeros({m.pairs->T, m.pairs->C}, dopt);
    }
    const int64_t step = m.kfac ? hstep
                                : std::clamp<int64_t>(m.budget / (int64_t(sizeof(float)) * 2 *
                                                                  (m.pairs->T + m.pairs->C)),
                                                      64, 32768);
    // Every batch's partial sums travel when they fit the memory budget (a few float64
    // copies of the accumulators); beyond it each process adds its batches and the sums are
    // added up once (the same H up to float64 rounding).
    const int64_t accWidth = m.kfac ? int64_t(m.K) * m.K + int64_t(m.L1) * m.L1 : m.pairs->T * m.pairs->C;
    const int64_t batches = (used + step - 1) / step;
    const bool inOrder = sh.active() && batches * accWidth * int64_t(sizeof(double)) <= m.budget;
    for (int64_t s = 0, batch = 0; s < used; s += step, ++batch) {
        if (sh.active() && batch % sh.world != sh.rank) continue;
        int64_t cnt = std::min(step, used - s);
        torch::Tensor f, z;
        if (rowIdx.defined()) {
            auto idx = rowIdx.narrow(0, s, cnt);
            f = allF.index_select(0, idx);
            z = allZ.index_select(0, idx);
        } else {
            f = allF.narrow(0, s, cnt);
            z = allZ.narrow(0, s, cnt);
        }
        f = f.to(fopt);
        auto h = torch::cat({f, torch::ones({cnt, 1}, fopt)}, 1);
        auto p = torch::softmax(z.to(fopt), 1);
        if (m.kfac) {
            auto a = (torch::diag(p.sum(0)) - p.t().mm(p)).to(torch::kFloat64);
            auto b = h.t().mm(h).to(torch::kFloat64);
            if (inOrder) {
                parts.push_back({batch, {a, b}});
                continue;
            }
            A += a;
            B += b;
            continue;
        }
        // Block (a, b) of sum_i (diag p_i - p_i p_i') ⊗ h_i h_i' has weights
        // w_ab = delta_ab p_a - p_a p_b; all C blocks, packed, in one T x B x C GEMM.
        const auto& pp = *m.pairs;
        auto pa = p.index_select(1, pp.ca);
        auto w = pa * (pp.ca.eq(pp.cb).to(torch::kFloat32) - p.index_select(1, pp.cb));
        auto g = pp.weightedGram(h, w).to(torch::kFloat64);
        if (inOrder) parts.push_back({batch, {g}});
        else G += g;
    }
    if (inOrder) {
        if (m.kfac) gatherBatches(sh, parts, batches, {&A, &B});
        else gatherBatches(sh, parts, batches, {&G});
    } else if (m.kfac) {
        sumAcross(sh, A);
        sumAcross(sh, B);
    } else {
        sumAcross(sh, G);
    }
    torch::Tensor H;
    if (!m.kfac) {
        // Unpack: each block is symmetric, so (j, k) and (k, j) both take the packed entry.
        const auto& pp = *m.pairs;
        auto blocks = torch::zeros({pp.C, m.L1 * m.L1}, dopt);
        auto Gt = G.t();
        blocks.index_copy_(1, pp.fi * m.L1 + pp.fj, Gt);
        blocks.index_copy_(1, pp.fj * m.L1 + pp.fi, Gt);
        blocks = blocks.view({pp.C, m.L1, m.L1});
        H = torch::zeros({m.P, m.P}, dopt);
        auto ca = pp.ca.cpu(), cb = pp.cb.cpu();
        for (int64_t c = 0; c < pp.C; ++c) {
            const int64_t a = ca[c].item<int64_t>(), b = cb[c].item<int64_t>();
            H.narrow(0, a * m.L1, m.L1).narrow(1, b * m.L1, m.L1).copy_(blocks[c]);
            if (a != b) H.narrow(0, b * m.L1, m.L1).narrow(1, a * m.L1, m.L1).copy_(blocks[c]);
        }
    }
    const double inv = 1.0 / double(used);
    if (m.kfac) {
        const double sq = std::sqrt(o.damping);
        m.aD = A * inv + sq * torch::eye(m.K, dopt);
        m.bD = B * inv + sq * torch::eye(m.L1, dopt);
        m.ainv = torch::linalg_inv(m.aD).to(torch::kFloat32);
        m.binv = torch::linalg_inv(m.bD).to(torch::kFloat32);
        m.aD = m.aD.cpu();
        m.bD = m.bD.cpu();
        return;
    }
    auto Hd = H * inv + o.damping * torch::eye(m.P, dopt);
    auto [chol, info] = torch::linalg_cholesky_ex(Hd);
    if (info.item<int>() != 0)
        throw Error("influence: the damped Hessian is not positive definite; raise --damping");
    auto hinvD = torch::cholesky_inverse(chol);
    m.hinv = hinvD.to(torch::kFloat32);
    m.hDamped = Hd.cpu();
    // ||H^-1 g||^2 = g' H^-2 g with g = r ⊗ h~: sum over class pairs a <= b of
    // (2 - delta_ab) r_a r_b h~' sym(M_ab) h~, M = H^-2. The quadratic form
    // of H^-2 is formed and applied in float32 (agrees with a float64 reference to
    // 1e-6 in OSM z-score; see docs/influence-decisions.md).
    const auto& pp = *m.pairs;
    auto M = m.hinv.mm(m.hinv).view({m.K, m.L1, m.K, m.L1}).permute({0, 2, 1, 3});  // K K L1 L1
    auto Mab = M.index({pp.ca, pp.cb});                                            // C L1 L1
    auto S = (Mab + Mab.transpose(1, 2)) * 0.5f;
    auto packed = S.reshape({pp.C, m.L1 * m.L1}).index_select(1, pp.fi * m.L1 + pp.fj);  // C T
    m.osmQuad = (packed * pp.twiceOff.to(torch::kFloat32).unsqueeze(0)).t().contiguous();  // T C
}

LastLayerInfluence::~LastLayerInfluence() = default;

int64_t LastLayerInfluence::params() const { return m_impl->P; }
std::string LastLayerInfluence::solver() const { return m_impl->kfac ? "kfac" : "exact"; }
std::string LastLayerInfluence::device() const { return m_impl->dev.is_cuda() ? "cuda" : "cpu"; }

void LastLayerInfluence::score(const LastLayerData& d, float* selfNorm,
                               const LastLayerData* trusted, const int32_t* groupOf, int groups,
                               float* sigma, ProgressFn progress,
                               const CancelToken* cancel) const {
    checkData(d, "scored data");
    const auto& m = *m_impl;
    if (d.classes != m.K || d.features + 1 != m.L1)
        throw Error("influence: scored data does not match the Hessian's shape");
    torch::NoGradGuard ng;
    const bool withTrusted = trusted && trusted->n > 0 && sigma && groupOf && groups > 0;
    const ScoreShard& sh = m.shard;
    // Trusted side: u_v = H^-1 g_v, kept as P x M (exact) or as its two Kronecker factors.
    torch::Tensor U, Ua, Ub, groupMask, groupCount;
    if (withTrusted) {
        auto tb = makeBatch(*trusted, 0, trusted->n, m.dev, torch::kFloat32);
        if (sh.active()) {
            // Several processes: each solves its strided share of the trusted rows; the
            // zero-padded solutions summed across them are every row's.
            auto idx = torch::arange(int64_t(sh.rank), trusted->n, int64_t(sh.world),
                                     torch::TensorOptions().dtype(torch::kLong).device(m.dev));
            Batch part{tb.h.index_select(0, idx), tb.p.index_select(0, idx), tb.r.index_select(0, idx)};
            if (m.kfac) {
                Ua = torch::zeros({trusted->n, m.K}, tb.r.options()).index_copy_(0, idx, part.r.mm(m.ainv));
                Ub = torch::zeros({trusted->n, m.L1}, tb.h.options()).index_copy_(0, idx, part.h.mm(m.binv));
                sumAcross(sh, Ua);
                sumAcross(sh, Ub);
            } else {
                U = torch::zeros({m.P, trusted->n}, tb.r.options()).index_copy_(1, idx, m.solveExact(part).t());
                sumAcross(sh, U);
            }
        } else if (m.kfac) {
            Ua = tb.r.mm(m.ainv);  // M x K  (A^-1 symmetric)
            Ub = tb.h.mm(m.binv);  // M x (L+1)
        } else {
            U = m.solveExact(tb).t().contiguous();  // P x M
        }
        auto g = torch::from_blob(const_cast<int32_t*>(groupOf), {trusted->n}, torch::kInt32)
                     .to(m.dev, torch::kLong);
        groupMask = torch::zeros({trusted->n, groups}, torch::TensorOptions().device(m.dev));
        auto valid = g.ge(0).logical_and(g.lt(groups));
        groupMask.index_put_({valid.nonzero().squeeze(1), g.index({valid})}, 1.0f);
        groupCount = groupMask.sum(0);  // groups
    }
    // Several processes: each scores the batches rank, rank + world, ... of one process's
    // batching (so every row is computed in the same batch, bit for bit: OSD's variance from
    // moments cancels, and a batch of other rows would change its last bits); the results,
    // zero elsewhere, are summed across the processes at the end.
    const int64_t step = m.batchRows();
    int64_t mine = 0;  // rows this process scores
    for (int64_t s = 0, batch = 0; s < d.n; s += step, ++batch)
        if (!sh.active() || batch % sh.world == sh.rank) mine += std::min(step, d.n - s);
    ProgressReporter rep(std::move(progress), cancel, mine, 1);
    for (int64_t s = 0, batch = 0; s < d.n; s += step, ++batch) {
        if (sh.active() && batch % sh.world != sh.rank) continue;
        if (cancel) cancel->throwIfCancelled();
        int64_t cnt = std::min(step, d.n - s);
        auto b = makeBatch(d, s, cnt, m.dev, torch::kFloat32);
        torch::Tensor norm, id;  // id: B x M, I_D(i, v)
        if (m.kfac) {
            auto ar = b.r.mm(m.ainv), bh = b.h.mm(m.binv);
            norm = ar.norm(2, 1) * bh.norm(2, 1);
            if (withTrusted) id = -(b.r.mm(Ua.t()) * b.h.mm(Ub.t()));
        } else {
            const auto& pp = *m.pairs;
            auto q = pp.quadratic(b.h, m.osmQuad);  // B x C: h~' sym(M_ab) h~
            auto rr = b.r.index_select(1, pp.ca) * b.r.index_select(1, pp.cb) * pp.classTwice;
            norm = (q * rr).sum(1).clamp_min(0).sqrt();
            if (withTrusted) id = -(flatGrad(b).mm(U));
        }
        auto nc = norm.cpu().contiguous();
        std::copy(nc.data_ptr<float>(), nc.data_ptr<float>() + cnt, selfNorm + s);
        if (withTrusted) {
            // Population std per group from first and second moments, in double for safety.
            auto idd = id.to(torch::kFloat64);
            auto gm = groupMask.to(torch::kFloat64);
            auto cntd = groupCount.to(torch::kFloat64);
            auto mean = idd.mm(gm) / cntd;
            auto sq = (idd * idd).mm(gm) / cntd;
            auto var = (sq - mean * mean).clamp_min(0);
            auto sd = var.sqrt().to(torch::kFloat32);
            sd.masked_fill_(cntd.eq(0).unsqueeze(0).expand_as(sd), NAN);
            auto sc = sd.cpu().contiguous();
            std::copy(sc.data_ptr<float>(), sc.data_ptr<float>() + cnt * groups,
                      sigma + s * groups);
        }
        rep.step(cnt, "influence");
    }
    if (!sh.active()) return;
    // Row i's norm and its `groups` sigmas from the process that scored it (the others add
    // 0; NaN, an empty group, survives the sum).
    const size_t G = withTrusted ? size_t(groups) : 0, width = 1 + G;
    std::vector<double> all(size_t(d.n) * width, 0.0);
    for (int64_t s = 0, batch = 0; s < d.n; s += step, ++batch) {
        if (batch % sh.world != sh.rank) continue;
        for (int64_t i = s; i < std::min(d.n, s + step); ++i) {
            double* at = &all[size_t(i) * width];
            at[0] = selfNorm[i];
            for (size_t k = 0; k < G; ++k) at[1 + k] = sigma[size_t(i) * G + k];
        }
    }
    sh.sum(all);
    for (size_t i = 0; i < size_t(d.n); ++i) {
        selfNorm[i] = float(all[i * width]);
        for (size_t k = 0; k < G; ++k) sigma[i * G + k] = float(all[i * width + 1 + k]);
    }
}

void LastLayerInfluence::pairwise(const LastLayerData& d, const LastLayerData& o,
                                  double* out) const {
    const auto& m = *m_impl;
    torch::NoGradGuard ng;
    auto a = makeBatch(d, 0, d.n, m.dev, torch::kFloat64);
    auto b = makeBatch(o, 0, o.n, m.dev, torch::kFloat64);
    torch::Tensor res;
    if (m.kfac) {
        auto ai = m.ainv.to(torch::kFloat64), bi = m.binv.to(torch::kFloat64);
        res = -(a.r.mm(ai).mm(b.r.t()) * a.h.mm(bi).mm(b.h.t()));
    } else {
        auto hd = m.hDamped.to(m.dev);
        auto x = torch::linalg_solve(hd, flatGrad(a).t());  // P x n
        res = -(flatGrad(b).mm(x)).t();                      // n x M
    }
    res = res.cpu().contiguous();
    std::copy(res.data_ptr<double>(), res.data_ptr<double>() + d.n * o.n, out);
}

std::vector<double> LastLayerInfluence::hessian() const {
    const auto& m = *m_impl;
    auto h = m.kfac ? torch::kron(m.aD, m.bD) : m.hDamped;
    h = h.contiguous();
    return {h.data_ptr<double>(), h.data_ptr<double>() + h.numel()};
}

std::vector<double> LastLayerInfluence::gradients(const LastLayerData& d) {
    checkData(d, "gradient data");
    torch::NoGradGuard ng;
    auto b = makeBatch(d, 0, d.n, torch::kCPU, torch::kFloat64);
    auto g = flatGrad(b).contiguous();
    return {g.data_ptr<double>(), g.data_ptr<double>() + g.numel()};
}

}  // namespace winnow::core
