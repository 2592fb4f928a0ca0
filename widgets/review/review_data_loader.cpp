#include "widgets/review/review_data_loader.h"

#include <algorithm>
#include <cmath>

#include "core/dataset/sample_store.h"
#include "core/influence/detector_choice.h"
#include "core/influence/score_file.h"
#include "core/influence/scoring_catalog.h"
#include "core/influence/scoring_rows.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/train/run_rows.h"

namespace winnow::widgets {

namespace fs = std::filesystem;

std::vector<ScoringInfo> listScorings(const fs::path& projectFile) {
    auto p = core::Project::openReadOnly(projectFile);
    std::vector<ScoringInfo> out;
    for (const auto& s : core::storedScorings(*p))
        out.push_back({s.id, s.runId, QString::fromStdString(s.detector), QString::fromStdString(s.createdAt)});
    return out;
}

namespace {

// Top-5 classes and probabilities of one logits row (stable softmax), plus the loss
// against `given`.
void fillFromLogits(ReviewData& d, size_t r, const float* z, int K, int given) {
    float mx = z[0];
    for (int k = 1; k < K; ++k) mx = std::max(mx, z[k]);
    double total = 0;
    for (int k = 0; k < K; ++k) total += std::exp(double(z[k] - mx));
    int order[5] = {-1, -1, -1, -1, -1};
    float prob[5] = {0, 0, 0, 0, 0};
    for (int k = 0; k < K; ++k) {
        const float p = float(std::exp(double(z[k] - mx)) / total);
        for (int j = 0; j < 5; ++j) {
            if (order[j] < 0 || p > prob[j]) {
                for (int m = 4; m > j; --m) order[m] = order[m - 1], prob[m] = prob[m - 1];
                order[j] = k;
                prob[j] = p;
                break;
            }
        }
    }
    for (int j = 0; j < 5; ++j) {
        d.topClass[r * 5 + size_t(j)] = int16_t(order[j]);
        d.topProb[r * 5 + size_t(j)] = prob[j];
    }
    if (given >= 0 && given < K && std::isnan(d.loss[r]))
        d.loss[r] = float(-(double(z[given] - mx) - std::log(total)));
}

struct ProjectFacts {
    QStringList classNames;
    core::SampleTable table;
};

ProjectFacts readFacts(core::Project& p) {
    ProjectFacts f;
    core::SampleStore store(p.db());
    for (const auto& c : store.classes()) {
        while (f.classNames.size() <= c.idx) f.classNames << QString();
        f.classNames[c.idx] = QString::fromStdString(c.name);
    }
    f.table = store.loadTable();
    return f;
}

// Current label, trust and truth from the project (the table is in id order).
void fillFromTable(ReviewData& d, const core::SampleTable& t) {
    for (int64_t r = 0; r < d.n; ++r) {
        auto it = std::lower_bound(t.ids.begin(), t.ids.end(), d.ids[size_t(r)]);
        if (it == t.ids.end() || *it != d.ids[size_t(r)]) continue;
        const size_t pos = size_t(it - t.ids.begin());
        d.given[size_t(r)] = t.label[pos];
        d.trusted[size_t(r)] = uint8_t(t.trusted[pos] != 0);
        d.original[size_t(r)] = t.originalLabel[pos];
    }
}

std::shared_ptr<core::RunOutputs> openRun(core::Project& p, qint64 runId) {
    const auto folder = core::runOutputsFolder(p, int64_t(runId));
    if (!folder) return nullptr;
    const fs::path dir = p.cacheDir() / *folder;
    if (!fs::exists(dir / "meta.json")) return nullptr;
    return std::shared_ptr<core::RunOutputs>(core::RunOutputs::open(dir));
}

void attachRun(ReviewData& d, const std::shared_ptr<core::RunOutputs>& run) {
    if (!run) return;
    const int K = run->meta().classes;
    const bool sameClasses = K == d.classes;
    d.featureRow.assign(size_t(d.n), -1);
    for (int64_t r = 0; r < d.n; ++r) {
        const int64_t rr = run->rowOf(d.ids[size_t(r)]);
        d.featureRow[size_t(r)] = rr;
        if (rr < 0) continue;
        if (std::isnan(d.loss[size_t(r)]) && run->loss()) d.loss[size_t(r)] = run->loss()[rr];
        if (sameClasses)
            fillFromLogits(d, size_t(r), run->logits() + size_t(rr) * size_t(K), K, d.given[size_t(r)]);
    }
    d.features = run->features();
    d.featureDim = run->meta().features;
    d.featureOwner = run;
}

std::shared_ptr<ReviewData> fromScoring(core::Project& p, const ProjectFacts& facts, int64_t id,
                                        int64_t runId, const std::string& resultFile) {
    const auto sf = core::ScoreFile::read(p.cacheDir() / resultFile);
    auto d = std::make_shared<ReviewData>();
    const int K = sf.classes();
    const bool ir = !sf.osd.empty();
    d->resize(sf.n(), K, ir);
    d->detector = QString::fromStdString(sf.detector());
    d->runId = runId;
    d->classNames = facts.classNames;
    d->gamma = int(core::jsonInt(core::jsonField(sf.meta, "gamma")));
    d->gammaMethods = int(core::jsonInt(core::jsonField(sf.meta, "gamma_default")));
    if (sf.meta.contains("gamma_rule") && sf.meta.at("gamma_rule").is_string())
        d->gammaRule = QString::fromStdString(sf.meta.at("gamma_rule").get<std::string>());
    for (int64_t r = 0; r < sf.n(); ++r) {
        const size_t i = size_t(r);
        d->ids[i] = sf.sampleIds[i];
        d->given[i] = sf.givenLabel[i];
        d->score[i] = sf.score[i];
        d->flag[i] = sf.flag[i];
        if (!sf.osm.empty()) d->osm[i] = sf.osm[i];
        if (!sf.consensus.empty()) d->consensus[i] = sf.consensus[i];
    }
    if (ir) {
        d->osd = sf.osd;
        d->postHigh = sf.posterior;
        d->gmm.resize(size_t(K));
        for (int k = 0; k < K; ++k) {
            const auto g = sf.gmm(k);
            auto& o = d->gmm[size_t(k)];
            for (int c = 0; c < 2; ++c) o.weight[c] = g.weight[c], o.mean[c] = g.mean[c], o.var[c] = g.var[c];
            o.valid = g.valid;
        }
    }
    fillFromTable(*d, facts.table);
    for (int64_t r = 0; r < sf.n(); ++r) {
        const size_t i = size_t(r);
        const int g = d->given[i];
        if (sf.suggestedLabel[i] >= 0 && sf.suggestedLabel[i] != g) {
            d->suggested[i] = sf.suggestedLabel[i];
            d->suggestionProb[i] = sf.suggestedProb[i];
        }
        d->posterior[i] = ir && g >= 0 && g < K ? sf.posterior[i * size_t(K) + size_t(g)] : NAN;
    }
    d->scoringId = id;
    attachRun(*d, openRun(p, runId));
    d->sortByScore();
    return d;
}

// No scoring yet: rank the training samples of the newest run by loss, flag disagreements.
std::shared_ptr<ReviewData> fromRun(core::Project& p, const ProjectFacts& facts) {
    const int64_t runId = core::newestRunWithOutputs(p);
    auto run = runId > 0 ? openRun(p, runId) : nullptr;
    if (!run) return nullptr;
    const auto& t = facts.table;
    auto d = std::make_shared<ReviewData>();
    int64_t n = 0;
    for (size_t i = 0; i < t.size(); ++i)
        if (t.split[i] == 0 && run->rowOf(t.ids[i]) >= 0) ++n;
    d->resize(n, run->meta().classes, false);
    d->detector = QStringLiteral("disagreement");
    d->runId = runId;
    d->classNames = facts.classNames;
    int64_t r = 0;
    for (size_t i = 0; i < t.size(); ++i)
        if (t.split[i] == 0 && run->rowOf(t.ids[i]) >= 0) d->ids[size_t(r++)] = t.ids[i];
    fillFromTable(*d, t);
    attachRun(*d, run);
    for (int64_t i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        d->score[k] = d->loss[k];
        const int top = d->topClass[k * 5];
        if (top >= 0 && top != d->given[k]) {
            d->flag[k] = 1;
            d->suggested[k] = top;
            d->suggestionProb[k] = d->topProb[k * 5];
        }
        d->posterior[k] = NAN;
    }
    d->sortByScore();
    return d;
}

}  // namespace

std::shared_ptr<ReviewData> loadReviewData(const fs::path& projectFile, qint64 scoringId) {
    auto p = core::Project::openReadOnly(projectFile);
    const ProjectFacts facts = readFacts(*p);
    QString reason;
    if (scoringId == kRecommendedScoring) {
        const core::DetectorChoice choice = core::recommendedScoring(*p);
        scoringId = choice.scoringId;  // 0 when nothing is scored: the newest / the run
        reason = QString::fromStdString(choice.reason);
    }
    // A chosen scoring, else (0) the newest; a negative id matches none.
    const auto sc = scoringId > 0    ? core::scoringWithResult(*p, int64_t(scoringId))
                    : scoringId == 0 ? core::newestScoringWithResult(*p)
                                     : std::nullopt;
    if (sc) {
        auto d = fromScoring(*p, facts, sc->id, sc->runId, sc->resultFile);
        if (d) d->choiceReason = reason;
        return d;
    }
    return fromRun(*p, facts);
}

}  // namespace winnow::widgets
