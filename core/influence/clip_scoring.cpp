#include "core/influence/clip_scoring.h"

#include <cmath>
#include <fstream>

#include "core/influence/last_layer_influence.h"
#include "core/train/clip_outputs.h"
#include "core/train/run_outputs.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

// Bounds the pairwise block (rows x trusted doubles) and the frame rows copied for it.
constexpr int64_t kChunkRows = 4096;

// Mean and population std of σ_k over D_M, as the scorer z-scores it (double, same order).
std::vector<std::pair<double, double>> sigmaMoments(const LastLayerInfluence& inf,
                                                    const LastLayerData& train,
                                                    const LastLayerData& trusted,
                                                    const std::vector<int32_t>& group,
                                                    const InfluentialRankResult& r,
                                                    const CancelToken* cancel) {
    const int K = train.classes;
    std::vector<float> norm(size_t(train.n)), sigma(size_t(train.n) * size_t(K));
    inf.score(train, norm.data(), &trusted, group.data(), K, sigma.data(), {}, cancel);
    std::vector<std::pair<double, double>> mom(size_t(K), {0.0, 0.0});
    for (int k = 0; k < K; ++k) {
        double m = 0, s = 0, cnt = 0;
        for (int64_t i = 0; i < train.n; ++i)
            if (r.inDM[size_t(i)]) {
                m += sigma[size_t(i) * K + size_t(k)];
                ++cnt;
            }
        m /= std::max(cnt, 1.0);
        for (int64_t i = 0; i < train.n; ++i)
            if (r.inDM[size_t(i)]) {
                double d = sigma[size_t(i) * K + size_t(k)] - m;
                s += d * d;
            }
        mom[size_t(k)] = {m, std::sqrt(s / std::max(cnt, 1.0))};
    }
    return mom;
}

// Centres the values of `row` (stride `stride`) at the trusted columns of one class.
std::vector<double> centred(const double* out, int64_t stride, int64_t col, const std::vector<int64_t>& cols) {
    std::vector<double> c(cols.size());
    double mean = 0;
    for (size_t j = 0; j < cols.size(); ++j) mean += (c[j] = out[cols[j] * stride + col]);
    mean /= double(cols.size());
    for (double& x : c) x -= mean;
    return c;
}

}  // namespace

ClipFrameScores clipFrameNorms(const ClipFrameRows& rows, int64_t n, int L) {
    const int F = rows.frames;
    if (F <= 0) throw Error("clip frame scoring: the run's clip outputs have no frames");
    ClipFrameScores out;
    out.frames = F;
    out.frameIndex.assign(rows.frameIndex, rows.frameIndex + n * F);
    out.featureNorms.assign(size_t(n * F), NAN);
    out.contributions.assign(size_t(n * F), NAN);
    for (int64_t i = 0; i < n; ++i) {
        if (rows.frameIndex[i * F] < 0) continue;  // not a clip
        for (int f = 0; f < F; ++f) {
            const float* h = rows.frameFeatures + (i * F + f) * L;
            double s = 0;
            for (int l = 0; l < L; ++l) s += double(h[l]) * h[l];
            out.featureNorms[size_t(i * F + f)] = float(std::sqrt(s));
        }
    }
    return out;
}

ClipFrameScores scoreClipFrames(const LastLayerData& train, const LastLayerData& trusted,
                                const InfluentialRankOptions& options,
                                const InfluentialRankResult& r, const ClipFrameRows& rows,
                                const CancelToken* cancel) {
    const int K = train.classes, L = train.features, F = rows.frames;
    const int64_t n = train.n;
    if (r.n != n) throw Error("clip frame scoring: the Influential Rank result is for another data set");
    ClipFrameScores out = clipFrameNorms(rows, n, L);
    std::vector<int64_t> split;  // clips whose OSD at the given class exists
    for (int64_t i = 0; i < n; ++i) {
        if (rows.frameIndex[i * F] < 0) continue;
        const int y = train.labels[i];
        if (!r.osmOnly && r.inDM[size_t(i)] && y >= 0 && y < K && std::isfinite(r.osd[size_t(i) * K + size_t(y)]))
            split.push_back(i);
    }
    if (split.empty()) return out;

    std::vector<int32_t> group(size_t(trusted.n), -1);
    std::vector<std::vector<int64_t>> cols(static_cast<size_t>(K));
    for (int64_t v = 0; v < trusted.n; ++v)
        if (trusted.labels[v] >= 0 && trusted.labels[v] < K) {
            group[size_t(v)] = trusted.labels[v];
            cols[size_t(trusted.labels[v])].push_back(v);
        }
    // Same data and options as the scorer, so the same (deterministic) Hessian.
    LastLayerInfluence inf(train, options.influence);
    const auto mom = sigmaMoments(inf, train, trusted, group, r, cancel);

    // Each chunk holds, per clip, its own row then its F frame rows, all with the clip's
    // logits and label: g_f = (p_clip - y) ⊗ h̃_f, whose mean over f is the clip gradient.
    const int64_t perClip = F + 1;
    const int64_t clipsPerChunk = std::max<int64_t>(1, kChunkRows / perClip);
    std::vector<float> feat, logit;
    std::vector<int32_t> lab;
    std::vector<double> pw;
    for (size_t s0 = 0; s0 < split.size(); s0 += size_t(clipsPerChunk)) {
        if (cancel) cancel->throwIfCancelled();
        const size_t s1 = std::min(split.size(), s0 + size_t(clipsPerChunk));
        feat.clear();
        logit.clear();
        lab.clear();
        for (size_t s = s0; s < s1; ++s) {
            const int64_t i = split[s];
            for (int64_t j = 0; j < perClip; ++j) {
                const float* h = j == 0 ? train.feature + i * L : rows.frameFeatures + (i * F + j - 1) * L;
                feat.insert(feat.end(), h, h + L);
                logit.insert(logit.end(), train.logits + i * K, train.logits + (i + 1) * K);
                lab.push_back(train.labels[i]);
            }
        }
        const int64_t cnt = int64_t(lab.size());
        LastLayerData chunk{cnt, K, L, feat.data(), logit.data(), lab.data()};
        pw.resize(size_t(trusted.n * cnt));
        // pairwise(trusted, chunk)[v][j] = -g_j' H^-1 g_v = I_D(j, v): H is symmetric, and
        // solving for the M trusted rows is cheaper than for the chunk's rows.
        inf.pairwise(trusted, chunk, pw.data());
        for (size_t s = s0; s < s1; ++s) {
            const int64_t i = split[s];
            const int y = train.labels[i];
            const auto& cy = cols[size_t(y)];
            const double sd = mom[size_t(y)].second;
            const double osd = r.osd[size_t(i) * K + size_t(y)];
            const int64_t base = int64_t(s - s0) * perClip;
            const std::vector<double> c = centred(pw.data(), cnt, base, cy);
            double cn = 0;
            for (double x : c) cn += x * x;
            cn = std::sqrt(cn);
            const double rootM = std::sqrt(double(cy.size()));
            const double sigma = cn / rootM;
            for (int f = 0; f < F; ++f) {
                double proj = 0;
                if (cn > 0) {
                    const std::vector<double> cf = centred(pw.data(), cnt, base + 1 + f, cy);
                    for (size_t j = 0; j < c.size(); ++j) proj += cf[j] * c[j];
                    proj /= cn * rootM;
                }
                // (proj - μ) / (F s) written as OSD / F + (proj - σ) / (F s): equal in exact
                // arithmetic (the scorer's OSD is (σ - μ) / s), but the deviations sum to zero
                // here in double, so the F values add up to the stored OSD even where the
                // scorer's float σ is off, e.g. a trusted class whose gradients coincide:
                // σ_k is then float noise that the z-score blows up to whole units.
                const double v = osd / double(F) + (sd > 0 ? (proj - sigma) / (double(F) * sd) : 0.0);
                out.contributions[size_t(i * F + f)] = float(v);
            }
        }
    }
    return out;
}

GatheredClipFrames gatherClipFrames(const RunOutputs& run, const ClipFrameOutputs& clips,
                                    const std::vector<int64_t>& ids) {
    if (clips.rows() != run.meta().n)
        throw Error("clip frame outputs have " + std::to_string(clips.rows()) + " rows but the run has " +
                    std::to_string(run.meta().n) + " (from another run?)");
    if (clips.features() != run.meta().features)
        throw Error("clip frame outputs have " + std::to_string(clips.features()) +
                    " features per frame but the run has " + std::to_string(run.meta().features));
    GatheredClipFrames g;
    const int F = clips.frames(), L = clips.features();
    g.frames = F;
    g.frameIndex.reserve(ids.size() * size_t(F));
    g.frameFeatures.reserve(ids.size() * size_t(F) * size_t(L));
    for (int64_t id : ids) {
        const int64_t r = run.rowOf(id);
        if (r < 0) throw Error("sample " + std::to_string(id) + " is not in the run outputs");
        g.frameIndex.insert(g.frameIndex.end(), clips.frameIndex(r), clips.frameIndex(r) + F);
        g.frameFeatures.insert(g.frameFeatures.end(), clips.frameFeatures(r), clips.frameFeatures(r) + F * L);
    }
    return g;
}

namespace {
template <typename T>
void writeRaw(const fs::path& file, const std::vector<T>& v) {
    writeFileAtomically(file, std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
}
}  // namespace

void writeClipFrameScores(const fs::path& dir, const ClipFrameScores& s) {
    fs::create_directories(dir);
    writeRaw(dir / "clip_frame_norm.f32", s.featureNorms);
    writeRaw(dir / "clip_frame_contrib.f32", s.contributions);
    // The reader keys on the index file, so it goes last.
    writeRaw(dir / "clip_frame_index.i64", s.frameIndex);
}

}  // namespace winnow::core
