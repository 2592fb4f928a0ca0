#include "core/retrieval/retrieval_failures.h"

#include <algorithm>
#include <cmath>

#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

std::string failureKindText(unsigned kinds, int lostFromTop) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    if (kinds & kAdversarialAboveTruth) add("adversarial above truth");
    if (kinds & kAdversarialTop1) add("adversarial top-1");
    if ((kinds & kLostFromTopK) && lostFromTop > 0) add("lost from top-" + std::to_string(lostFromTop));
    return out;
}

std::vector<RetrievalFailure> findFailures(const RetrievalResultRow& row, const std::vector<QueryOutcome>& outcomes) {
    std::vector<RetrievalFailure> out;
    if (row.attackKind == "clean") return out;
    for (const QueryOutcome& o : outcomes) {
        RetrievalFailure f;
        f.resultId = row.id;
        f.attack = row.attack;
        f.direction = row.direction;
        f.seed = row.seed;
        f.outcome = o;
        if (o.bestAttack.kind == 'a' && !(o.bestAttackScore < o.truthScore)) f.kinds |= kAdversarialAboveTruth;
        if (o.top1.kind == 'a') f.kinds |= kAdversarialTop1;
        for (int k : {10, 5, 1})
            if (o.cleanRank < k && o.rank >= k) {
                f.lostFromTop = k;
                f.kinds |= kLostFromTopK;
                break;
            }
        if (f.kinds == 0) continue;
        f.margin = o.bestAttackScore - o.truthScore;
        out.push_back(std::move(f));
    }
    std::stable_sort(out.begin(), out.end(), [](const RetrievalFailure& a, const RetrievalFailure& b) {
        if (std::isnan(a.margin) || std::isnan(b.margin)) return !std::isnan(a.margin) && std::isnan(b.margin);
        return a.margin > b.margin;
    });
    return out;
}

RetrievalRunView::RetrievalRunView(Project& project, int64_t runId) : m_project(project) {
    Database& db = project.db();
    auto run = findRun(db, runId);
    if (!run) throw Error("No retrieval evaluation " + std::to_string(runId) + " in " + project.file().string());
    m_run = *run;
    if (auto e = findEncoder(db, m_run.encoderId)) m_encoder = *e;
    if (auto s = findCaptionSet(db, m_run.setId)) m_setInfo = *s;
    m_results = listResults(db, runId);
}

std::vector<QueryOutcome> RetrievalRunView::outcomes(const RetrievalResultRow& row) {
    return loadResultOutcomes(m_project, row);
}

std::vector<RetrievalFailure> RetrievalRunView::failures() {
    std::vector<RetrievalFailure> all;
    for (const RetrievalResultRow& r : m_results) {
        if (r.attackKind == "clean" || r.outcomesFile.empty()) continue;
        auto f = findFailures(r, outcomes(r));
        all.insert(all.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
    }
    std::stable_sort(all.begin(), all.end(), [](const RetrievalFailure& a, const RetrievalFailure& b) {
        if (std::isnan(a.margin) || std::isnan(b.margin)) return !std::isnan(a.margin) && std::isnan(b.margin);
        return a.margin > b.margin;
    });
    return all;
}

const CaptionSet& RetrievalRunView::setById(int64_t id) {
    auto it = m_sets.find(id);
    if (it == m_sets.end()) it = m_sets.emplace(id, loadStoredCaptionSet(m_project.db(), id)).first;
    return it->second;
}

const RetrievalResultRow* RetrievalRunView::resultById(int64_t id) const {
    for (const RetrievalResultRow& r : m_results)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {

const CaptionEntry* captionAt(const CaptionSet& s, int32_t image, int32_t caption) {
    if (image < 0 || size_t(image) >= s.images.size()) return nullptr;
    const auto& caps = s.images[size_t(image)].captions;
    if (caption < 0 || size_t(caption) >= caps.size()) return nullptr;
    return &caps[size_t(caption)];
}

std::string imagePath(const CaptionSet& s, int32_t image) {
    if (image < 0 || size_t(image) >= s.images.size()) return "?";
    const CaptionedImage& im = s.images[size_t(image)];
    return im.path.empty() ? im.image : im.path.string();
}

}  // namespace

std::string RetrievalRunView::queryText(const RetrievalFailure& f) {
    const CaptionSet& s = setById(m_run.setId);
    if (f.direction == "i2t") return imagePath(s, f.outcome.queryImage);
    const CaptionEntry* c = captionAt(s, f.outcome.queryImage, f.outcome.queryCaption);
    return c ? c->text : "?";
}

std::string RetrievalRunView::truthText(const RetrievalFailure& f) {
    const CaptionSet& s = setById(m_run.setId);
    if (f.direction == "t2i") return imagePath(s, f.outcome.queryImage);
    std::string out;
    if (f.outcome.queryImage < 0 || size_t(f.outcome.queryImage) >= s.images.size()) return "?";
    for (const CaptionEntry& c : s.images[size_t(f.outcome.queryImage)].captions)
        if (!c.adversarial) out += (out.empty() ? "" : " | ") + c.text;
    return out;
}

std::string RetrievalRunView::itemText(const RetrievalFailure& f, const ItemRef& item) {
    const CaptionSet& s = setById(m_run.setId);
    if (item.kind == 'n') return "";
    if (f.direction == "t2i") {
        if (item.kind == 'g') return imagePath(s, item.image);
        std::string t = f.attack + " of " + imagePath(s, item.image);
        if (item.caption >= 0) t += " with " + imagePath(s, item.caption);
        return t;
    }
    if (item.kind == 'g') {
        const CaptionEntry* c = captionAt(s, item.image, item.caption);
        return c ? c->text : "?";
    }
    const RetrievalResultRow* r = resultById(f.resultId);
    if (!r || !r->attackSetId) return "?";
    const CaptionEntry* c = captionAt(setById(*r->attackSetId), item.image, item.caption);
    return c ? c->text : "?";
}

std::string RetrievalRunView::swappedWords(const RetrievalFailure& f, const ItemRef& item) {
    if (f.direction != "i2t" || item.kind != 'a') return "";
    const RetrievalResultRow* r = resultById(f.resultId);
    if (!r || !r->attackSetId) return "";
    const CaptionEntry* c = captionAt(setById(*r->attackSetId), item.image, item.caption);
    if (!c) return "";
    std::string out;
    for (const WordSwap& w : c->swaps) out += (out.empty() ? "" : "; ") + w.sourceCore + ">" + w.targetCore;
    return out;
}

namespace {

std::vector<LeaderboardEntry> ranked(const std::map<std::string, int64_t>& counts, size_t limit) {
    std::vector<LeaderboardEntry> out;
    for (const auto& [k, v] : counts) out.push_back({k, v});
    std::stable_sort(out.begin(), out.end(),
                     [](const LeaderboardEntry& a, const LeaderboardEntry& b) { return a.wins > b.wins; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace

std::vector<LeaderboardEntry> swapLeaderboard(RetrievalRunView& view, const std::vector<RetrievalFailure>& failures,
                                              size_t limit) {
    std::map<std::string, int64_t> counts;
    for (const RetrievalFailure& f : failures) {
        if (f.direction != "i2t" || !(f.kinds & kAdversarialTop1)) continue;
        const std::string words = view.swappedWords(f, f.outcome.top1);
        size_t i = 0;
        while (i < words.size()) {
            size_t j = words.find("; ", i);
            if (j == std::string::npos) j = words.size();
            counts[words.substr(i, j - i)] += 1;
            i = j + 2;
        }
    }
    return ranked(counts, limit);
}

std::vector<LeaderboardEntry> galleryLeaderboard(RetrievalRunView& view, const std::vector<RetrievalFailure>& failures,
                                                 size_t limit) {
    std::map<std::string, int64_t> counts;
    for (const RetrievalFailure& f : failures) {
        if (!(f.kinds & kAdversarialTop1)) continue;
        std::string key = f.attack;
        if (f.seed) key += " seed " + std::to_string(*f.seed);
        counts[key + ": " + view.itemText(f, f.outcome.top1)] += 1;
    }
    return ranked(counts, limit);
}

}  // namespace winnow::core
