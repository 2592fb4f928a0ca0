// Per-frame contributions of clips to their Influential Rank OSD (METHODS §7), checked against
// a brute-force recomputation in the test: explicit last-layer Hessian, explicit gradients,
// Gaussian elimination, no call into the influence engine.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <random>

#include "core/influence/clip_contributions.h"
#include "core/influence/project_scoring.h"
#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/train/clip_outputs.h"
#include "core/train/run_outputs.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using Vec = std::vector<double>;

namespace {

constexpr int K = 3, L = 4, F = 4, P = K * (L + 1);
constexpr int nClips = 48, nImages = 6, trustedPerClass = 5;
constexpr double damping = 0.01;

// Solves A x = b (P x P, row-major) by Gaussian elimination with partial pivoting.
Vec solve(std::vector<double> a, Vec b) {
    const int n = int(b.size());
    for (int c = 0; c < n; ++c) {
        int piv = c;
        for (int r = c + 1; r < n; ++r)
            if (std::abs(a[size_t(r * n + c)]) > std::abs(a[size_t(piv * n + c)])) piv = r;
        for (int j = 0; j < n; ++j) std::swap(a[size_t(c * n + j)], a[size_t(piv * n + j)]);
        std::swap(b[size_t(c)], b[size_t(piv)]);
        for (int r = c + 1; r < n; ++r) {
            const double m = a[size_t(r * n + c)] / a[size_t(c * n + c)];
            for (int j = c; j < n; ++j) a[size_t(r * n + j)] -= m * a[size_t(c * n + j)];
            b[size_t(r)] -= m * b[size_t(c)];
        }
    }
    Vec x(static_cast<size_t>(n));
    for (int r = n - 1; r >= 0; --r) {
        double s = b[size_t(r)];
        for (int j = r + 1; j < n; ++j) s -= a[size_t(r * n + j)] * x[size_t(j)];
        x[size_t(r)] = s / a[size_t(r * n + r)];
    }
    return x;
}

double dot(const Vec& a, const Vec& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

Vec softmax(const float* z) {
    Vec p(K);
    double mx = z[0], s = 0;
    for (int k = 1; k < K; ++k) mx = std::max(mx, double(z[k]));
    for (int k = 0; k < K; ++k) s += (p[size_t(k)] = std::exp(double(z[k]) - mx));
    for (double& v : p) v /= s;
    return p;
}

// g = (p - y) ⊗ [h, 1], class-major.
Vec gradient(const Vec& p, int y, const float* h) {
    Vec g(P);
    for (int a = 0; a < K; ++a)
        for (int l = 0; l <= L; ++l)
            g[size_t(a * (L + 1) + l)] = (p[size_t(a)] - (a == y ? 1.0 : 0.0)) * (l < L ? double(h[l]) : 1.0);
    return g;
}

// Population mean and std.
std::pair<double, double> moments(const Vec& v) {
    double m = 0, s = 0;
    for (double x : v) m += x;
    m /= double(v.size());
    for (double x : v) s += (x - m) * (x - m);
    return {m, std::sqrt(s / double(v.size()))};
}

Vec centred(Vec v) {
    const double m = moments(v).first;
    for (double& x : v) x -= m;
    return v;
}

}  // namespace

class TestClipContributions : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // The hand-made run: per row (sample-id order) the frames, the clip h and logits.
    std::vector<int64_t> m_ids;
    std::vector<int32_t> m_label;
    std::vector<uint8_t> m_trusted, m_clip;
    std::vector<int64_t> m_frameIndex;   // n x F
    std::vector<float> m_frameFeat;      // n x F x L
    std::vector<float> m_feat, m_logits; // n x L, n x K
    std::vector<float> m_sameFrames;     // F x L, for sameTrusted1

    static bool identical(int64_t i) { return i % 3 == 1 && i < 12; }
    fs::path path(const char* n) { return fs::path(m_tmp.path().toStdString()) / n; }

    // `sameTrusted1`: every trusted clip of class 1 gets nearly the same frames (relative
    // jitter 2e-6), so their gradients nearly coincide and σ_1 is tiny.
    std::unique_ptr<Project> makeProjectAndRun(const char* file = "clips.winnow", bool sameTrusted1 = false) {
        for (auto* v : {&m_ids, &m_frameIndex}) v->clear();
        for (auto* v : {&m_frameFeat, &m_feat, &m_logits}) v->clear();
        m_label.clear();
        m_trusted.clear();
        m_clip.clear();
        auto p = Project::create(path(file));
        auto& db = p->db();
        for (int k = 0; k < K; ++k)
            db.exec("INSERT INTO classes(idx, name) VALUES(" + std::to_string(k) + ", 'c" + std::to_string(k) + "')");
        std::mt19937 rng(11);
        std::normal_distribution<double> nd(0.0, 1.0);
        double means[K][L], W[K][L], b[K];
        for (int k = 0; k < K; ++k) {
            for (int l = 0; l < L; ++l) {
                means[k][l] = 1.5 * nd(rng);
                W[k][l] = nd(rng);
            }
            b[k] = 0.3 * nd(rng);
        }
        auto ins = db.prepare("INSERT INTO samples(media_kind, path, frame_start, frame_end, split, label, trusted) "
                              "VALUES(?, ?, ?, ?, 0, (SELECT id FROM classes WHERE idx=?), ?)");
        const int n = nClips + nImages;
        for (int i = 0; i < n; ++i) {
            const bool clip = i < nClips;
            const int truth = i % K;
            // Every sixth clip is mislabelled (shifted class) so D_M has structure.
            const int given = (clip && i % 6 == 5) ? (truth + 1) % K : truth;
            const bool trusted = clip && i % 6 != 5 && i < trustedPerClass * K * 2 && (i / K) % 2 == 0;
            ins.bind(1, clip ? 2 : 0).bind(2, "/v/" + std::to_string(i) + (clip ? ".mp4" : ".png"))
                .bind(3, clip ? 0 : -1).bind(4, clip ? 100 : -1).bind(5, given).bind(6, trusted ? 1 : 0).run();
            m_ids.push_back(db.lastInsertId());
            m_label.push_back(given);
            m_trusted.push_back(trusted);
            m_clip.push_back(clip);
            float hmean[L] = {};
            const bool copyFrames = sameTrusted1 && trusted && given == 1 && !m_sameFrames.empty();
            for (int f = 0; f < F; ++f) {
                m_frameIndex.push_back(clip ? 12 * f + 6 : -1);
                for (int l = 0; l < L; ++l) {
                    // Clips 1, 4, 7, 10 (in D_M with this seed): every frame identical.
                    double v = means[truth][l] + nd(rng);
                    if (identical(i) && f > 0) v = m_frameFeat[m_frameFeat.size() - L];
                    // Nearly the same: σ_1 is then tiny and the scorer's float σ_1 mostly rounding.
                    if (copyFrames) v = m_sameFrames[size_t(f * L + l)] * (1.0 + 2e-6 * nd(rng));
                    const float h = clip ? float(std::max(0.0, v)) : 0.0f;
                    m_frameFeat.push_back(h);
                    hmean[l] += h / float(F);
                }
            }
            if (sameTrusted1 && trusted && given == 1 && m_sameFrames.empty())
                m_sameFrames.assign(m_frameFeat.end() - F * L, m_frameFeat.end());
            for (int l = 0; l < L; ++l) m_feat.push_back(clip ? hmean[l] : float(std::max(0.0, means[truth][l] + nd(rng))));
            const float* h = &m_feat[m_feat.size() - L];
            for (int k = 0; k < K; ++k) {
                double z = b[k];
                for (int l = 0; l < L; ++l) z += W[k][l] * h[l];
                m_logits.push_back(float(z));
            }
        }
        db.exec("INSERT INTO runs(created_at, state, kind, config_json) VALUES('t', 'done', 'train', '{}')");
        const int64_t run = db.lastInsertId();
        const std::string rel = "runs/" + std::to_string(run);
        db.exec("UPDATE runs SET outputs_dir='" + rel + "' WHERE id=" + std::to_string(run));
        std::vector<float> loss(size_t(n), 0.0f);
        RunOutputsWriter wr(p->cacheDir() / rel, {n, K, L, "clip-test"});
        wr.append(m_ids.data(), m_logits.data(), m_feat.data(), loss.data(), n);
        wr.finish();
        ClipFrameOutputsWriter cw(p->cacheDir() / rel, F, L);
        cw.append(m_frameIndex.data(), m_frameFeat.data(), n);
        cw.finish();
        return p;
    }

private Q_SLOTS:
    void contributionsMatchBruteForce() {
        auto p = makeProjectAndRun();
        ScoreRequest req;
        req.influentialRank.influence.damping = damping;
        req.influentialRank.influence.solver = "exact";
        req.influentialRank.influence.device = "cpu";
        auto outcome = scoreProject(*p, req);
        ScoreFile sf = ScoreFile::read(outcome.resultDir);
        const int64_t n = sf.n();
        QCOMPARE(n, int64_t(nClips + nImages));
        QCOMPARE(jsonInt(jsonField(sf.meta, "clip_frames")), int64_t(F));
        QVERIFY(!jsonBool(jsonField(sf.meta, "osm_only")));
        QCOMPARE(int(std::count(m_trusted.begin(), m_trusted.end(), 1)), trustedPerClass * K);

        // Brute force: H = mean_i (diag p - p p') ⊗ h̃ h̃' + λ I over the working set.
        std::vector<Vec> probs, grads;
        std::vector<double> H(size_t(P * P), 0.0);
        for (int64_t i = 0; i < n; ++i) {
            Vec pr = softmax(&m_logits[size_t(i * K)]);
            float ht[L + 1];
            std::copy(&m_feat[size_t(i * L)], &m_feat[size_t(i * L)] + L, ht);
            ht[L] = 1.0f;
            for (int a = 0; a < K; ++a)
                for (int c = 0; c < K; ++c) {
                    const double A = (a == c ? pr[size_t(a)] : 0.0) - pr[size_t(a)] * pr[size_t(c)];
                    for (int l = 0; l <= L; ++l)
                        for (int m = 0; m <= L; ++m)
                            H[size_t((a * (L + 1) + l) * P + c * (L + 1) + m)] += A * ht[l] * ht[m] / double(n);
                }
            grads.push_back(gradient(pr, m_label[size_t(i)], &m_feat[size_t(i * L)]));
            probs.push_back(std::move(pr));
        }
        for (int d = 0; d < P; ++d) H[size_t(d * P + d)] += damping;
        std::vector<Vec> x;  // H^-1 g_i
        Vec s(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            x.push_back(solve(H, grads[size_t(i)]));
            s[size_t(i)] = std::sqrt(dot(x.back(), x.back()));
        }
        auto [ms, ss] = moments(s);
        std::vector<uint8_t> inDM(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            inDM[size_t(i)] = (s[size_t(i)] - ms) / ss >= 0;
            QCOMPARE(sf.inDM[size_t(i)], inDM[size_t(i)]);
        }
        // I_D(g, v) = -g_v' H^-1 g over the trusted rows of class k; σ_k = population std.
        std::vector<std::vector<int64_t>> V(K);
        for (int64_t i = 0; i < n; ++i)
            if (m_trusted[size_t(i)]) V[size_t(m_label[size_t(i)])].push_back(i);
        auto idVec = [&](const Vec& hinvG, int k) {
            Vec v;
            for (int64_t t : V[size_t(k)]) v.push_back(-dot(grads[size_t(t)], hinvG));
            return v;
        };
        double mu[K], sd[K];
        for (int k = 0; k < K; ++k) {
            Vec sig;
            for (int64_t i = 0; i < n; ++i)
                if (inDM[size_t(i)]) sig.push_back(moments(idVec(x[size_t(i)], k)).second);
            std::tie(mu[k], sd[k]) = moments(sig);
        }

        int checkedClips = 0, checkedIdentical = 0, uneven = 0;
        for (int64_t i = 0; i < n; ++i) {
            const int64_t id = m_ids[size_t(i)];
            QCOMPARE(sf.sampleIds[size_t(i)], id);
            ClipFrameBreakdown br = readClipFrameBreakdown(outcome.resultDir, id);
            if (!m_clip[size_t(i)]) {
                QVERIFY(br.empty());
                continue;
            }
            QCOMPARE(int(br.frameNumbers.size()), F);
            for (int f = 0; f < F; ++f) {
                QCOMPARE(br.frameNumbers[size_t(f)], int64_t(12 * f + 6));
                const float* h = &m_frameFeat[size_t((i * F + f) * L)];
                double nn = 0;
                for (int l = 0; l < L; ++l) nn += double(h[l]) * h[l];
                QVERIFY(std::abs(br.featureNorms[size_t(f)] - std::sqrt(nn)) < 1e-5);
            }
            const int y = m_label[size_t(i)];
            if (!inDM[size_t(i)]) {
                for (float c : br.contributions) QVERIFY(std::isnan(c));
                continue;
            }
            const double osd = sf.osd[size_t(i * K + y)];
            // Sanity: the stored OSD is the brute-force one.
            const Vec c = centred(idVec(x[size_t(i)], y));
            const double rootM = std::sqrt(double(c.size()));
            const double cn = std::sqrt(dot(c, c));
            QVERIFY2(std::abs(osd - (cn / rootM - mu[y]) / sd[y]) < 1e-3, qPrintable(QString::number(osd)));
            double sum = 0;
            for (int f = 0; f < F; ++f) {
                // The frame's gradient: the clip's p and label, the frame's h̃.
                const Vec gf = gradient(probs[size_t(i)], y, &m_frameFeat[size_t((i * F + f) * L)]);
                const Vec cf = centred(idVec(solve(H, gf), y));
                const double expected = (dot(cf, c) / (cn * rootM) - mu[y]) / (double(F) * sd[y]);
                const double got = br.contributions[size_t(f)];
                QVERIFY2(std::abs(got - expected) < 1e-3 * std::max(1.0, std::abs(expected)),
                         qPrintable(QString("clip %1 frame %2: %3 vs %4").arg(i).arg(f).arg(got).arg(expected)));
                if (identical(i)) {
                    // Identical frames: the frame's own OSD over F is the contribution.
                    const double alone = (std::sqrt(dot(cf, cf)) / rootM - mu[y]) / sd[y];
                    QVERIFY(std::abs(got - alone / F) < 1e-3 * std::max(1.0, std::abs(alone)));
                    checkedIdentical += f == 0;
                }
                sum += got;
                uneven += !identical(i) && std::abs(got - osd / F) > 1e-2;
            }
            QVERIFY2(std::abs(sum - osd) < 1e-3 * std::max(1.0, std::abs(osd)),
                     qPrintable(QString("clip %1: sum %2 vs OSD %3").arg(i).arg(sum).arg(osd)));
            ++checkedClips;
        }
        QVERIFY(checkedClips >= 10);
        QVERIFY(checkedIdentical >= 1);
        QVERIFY(uneven >= 10);  // frames do differ: not just OSD / F everywhere
    }

    // With the Kronecker-factored Hessian the split is still exact: contributions sum to the
    // stored OSD at the given class, NaN outside D_M.
    void kfacContributionsSumToOsd() {
        auto p = Project::open(path("clips.winnow"));
        ScoreRequest req;
        req.influentialRank.influence.solver = "kfac";
        req.influentialRank.influence.device = "cpu";
        auto outcome = scoreProject(*p, req);
        ScoreFile sf = ScoreFile::read(outcome.resultDir);
        QCOMPARE(jsonString(jsonField(jsonField(sf.meta, "params"), "solver")), std::string("kfac"));
        int checked = 0;
        for (int64_t i = 0; i < nClips; ++i) {
            auto br = readClipFrameBreakdown(outcome.resultDir, sf.sampleIds[size_t(i)]);
            QCOMPARE(int(br.contributions.size()), F);
            if (!sf.inDM[size_t(i)]) {
                QVERIFY(std::isnan(br.contributions[0]));
                continue;
            }
            double sum = 0;
            for (float c : br.contributions) sum += c;
            const double osd = sf.osd[size_t(i * K + sf.givenLabel[size_t(i)])];
            QVERIFY2(std::abs(sum - osd) < 1e-3 * std::max(1.0, std::abs(osd)),
                     qPrintable(QString("clip %1: sum %2 vs OSD %3").arg(i).arg(sum).arg(osd)));
            ++checked;
        }
        QVERIFY(checked >= 10);
    }

    // Other detectors store the frames and their norms for the review strip, no split.
    void otherDetectorsStoreFramesWithoutContributions() {
        auto p = Project::open(path("clips.winnow"));
        ScoreRequest req;
        req.detector = "small-loss";
        auto outcome = scoreProject(*p, req);
        for (int64_t i : {int64_t(0), int64_t(nClips - 1), int64_t(nClips)}) {
            auto br = readClipFrameBreakdown(outcome.resultDir, m_ids[size_t(i)]);
            if (i >= nClips) {
                QVERIFY(br.empty());  // an image
                continue;
            }
            QCOMPARE(int(br.frameNumbers.size()), F);
            QCOMPARE(br.frameNumbers[1], int64_t(18));
            const float* h = &m_frameFeat[size_t((i * F + 1) * L)];
            double nn = 0;
            for (int l = 0; l < L; ++l) nn += double(h[l]) * h[l];
            QVERIFY(std::abs(br.featureNorms[1] - std::sqrt(nn)) < 1e-5);
            for (float c : br.contributions) QVERIFY(std::isnan(c));
        }
    }

    // A trusted class whose gradients (nearly) coincide, as on real videos where a collapsed
    // model maps a whole source to the same features: σ_1 is tiny, the scorer's float σ_1 is
    // mostly rounding and its z-score differs from the exact one by whole tenths. The split
    // must still sum to the stored OSD (the queue's number) and stay finite.
    void coincidingTrustedGradients() {
        auto p = makeProjectAndRun("same.winnow", true);
        ScoreRequest req;
        req.influentialRank.influence.solver = "exact";
        req.influentialRank.influence.device = "cpu";
        auto outcome = scoreProject(*p, req);
        ScoreFile sf = ScoreFile::read(outcome.resultDir);
        int checked = 0;
        for (int64_t i = 0; i < nClips; ++i) {
            if (!sf.inDM[size_t(i)] || sf.givenLabel[size_t(i)] != 1) continue;
            auto br = readClipFrameBreakdown(outcome.resultDir, sf.sampleIds[size_t(i)]);
            double sum = 0;
            for (float c : br.contributions) {
                QVERIFY(std::isfinite(c));
                sum += c;
            }
            const double osd = sf.osd[size_t(i * K + 1)];
            QVERIFY2(std::abs(sum - osd) < 1e-4 * std::max(1.0, std::abs(osd)),
                     qPrintable(QString("clip %1: sum %2 vs OSD %3").arg(i).arg(sum).arg(osd)));
            ++checked;
        }
        QVERIFY(checked >= 1);
    }
};

QTEST_GUILESS_MAIN(TestClipContributions)
#include "tst_clip_contributions.moc"
