#include "core/retrieval/retrieval_topk.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/retrieval/caption_attack.h"
#include "core/retrieval/caption_text.h"
#include "core/retrieval/embedding_cache.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

std::vector<ScoredIndex> topKOfScores(const std::vector<float>& scores, size_t k, const std::vector<int>& tieRank) {
    std::vector<int64_t> order(scores.size());
    std::iota(order.begin(), order.end(), int64_t(0));
    auto rankOf = [&](int64_t i) { return size_t(i) < tieRank.size() ? tieRank[size_t(i)] : 0; };
    auto before = [&](int64_t a, int64_t b) {
        const float sa = scores[size_t(a)], sb = scores[size_t(b)];
        const bool na = std::isnan(sa), nb = std::isnan(sb);
        if (na != nb) return nb;  // NaN last
        if (!na && sa != sb) return sa > sb;
        const int ra = rankOf(a), rb = rankOf(b);
        if (ra != rb) return ra < rb;
        return a < b;
    };
    k = std::min(k, order.size());
    std::partial_sort(order.begin(), order.begin() + long(k), order.end(), before);
    std::vector<ScoredIndex> out;
    out.reserve(k);
    for (size_t i = 0; i < k; ++i) out.push_back({order[i], scores[size_t(order[i])]});
    return out;
}

std::vector<ScoredIndex> topKScores(const float* query, const float* gallery, int64_t rows, int64_t dim, size_t k,
                                    const std::vector<int>& tieRank) {
    std::vector<float> scores(size_t(std::max<int64_t>(rows, 0)));
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = gallery + r * dim;
        float s = 0;
        for (int64_t d = 0; d < dim; ++d) s += query[d] * row[d];
        scores[size_t(r)] = s;
    }
    return topKOfScores(scores, k, tieRank);
}

namespace {

bool usable(const CaptionedImage& im) {
    return im.status != ImageStatus::Missing && im.status != ImageStatus::NotAFile &&
           im.status != ImageStatus::Corrupt && im.groundTruthCount() > 0;
}

const CaptionEntry* captionAt(const CaptionSet& s, int32_t image, int32_t caption) {
    if (image < 0 || size_t(image) >= s.images.size()) return nullptr;
    const auto& caps = s.images[size_t(image)].captions;
    if (caption < 0 || size_t(caption) >= caps.size()) return nullptr;
    return &caps[size_t(caption)];
}

float dot(const float* a, const float* b, int64_t dim) {
    float s = 0;
    for (int64_t d = 0; d < dim; ++d) s += a[d] * b[d];
    return s;
}

// Tie ranks: attack items first, then other items, ground truth last (pessimistic).
int tieRankOf(const TopKItem& t) { return t.attack ? 0 : t.truth ? 2 : 1; }

}  // namespace

RetrievalTopKSource::RetrievalTopKSource(Project& project, int64_t runId) {
    Database& db = project.db();
    const auto run = findRun(db, runId);
    if (!run) throw Error("There is no retrieval evaluation " + std::to_string(runId));
    m_run = *run;
    const auto enc = findEncoder(db, m_run.encoderId);
    if (!enc) throw Error("Evaluation " + std::to_string(runId) + " names an encoder that is not stored");
    m_identity = enc->identity;
    m_results = listResults(db, runId);
    m_set = loadStoredCaptionSet(db, m_run.setId);
    for (const RetrievalResultRow& r : m_results)
        if (r.attackSetId && !m_attackSets.count(*r.attackSetId)) {
            if (*r.attackSetId == m_run.setId) continue;
            m_attackSets.emplace(*r.attackSetId, loadStoredCaptionSet(db, *r.attackSetId));
        }
    m_cache = std::make_unique<EmbeddingCache>(project.cacheDir() / "retrieval" / "embeddings", enc->identity,
                                               enc->preprocessing, enc->dim);
}

RetrievalTopKSource::~RetrievalTopKSource() = default;

const std::vector<std::string>& RetrievalTopKSource::cacheIssues() const { return m_cache->issues(); }

const CaptionSet* RetrievalTopKSource::setById(int64_t id) const {
    if (id == m_run.setId) return &m_set;
    const auto it = m_attackSets.find(id);
    return it == m_attackSets.end() ? nullptr : &it->second;
}

const float* RetrievalTopKSource::imageRow(size_t image) const {
    if (m_imageKeys.empty()) m_imageKeys.resize(m_set.images.size());
    if (image >= m_set.images.size()) return nullptr;
    auto& key = m_imageKeys[image];
    if (!key) {
        try {
            key = EmbeddingCache::imageFileKey(m_set.images[image].path);
        } catch (const Error&) {
            key = std::string();  // unreadable now: no row
        }
    }
    return key->empty() ? nullptr : m_cache->find(*key);
}

QueryTopK RetrievalTopKSource::topK(int64_t resultId, const QueryOutcome& query, size_t k) const {
    QueryTopK out;
    const auto res = std::find_if(m_results.begin(), m_results.end(), [&](const auto& r) { return r.id == resultId; });
    if (res == m_results.end()) {
        out.unavailable = "result " + std::to_string(resultId) + " is not part of evaluation " + std::to_string(m_run.id);
        return out;
    }
    const int64_t dim = m_cache->dim();
    const bool i2t = res->direction == "i2t";
    // The query's row.
    const float* q = nullptr;
    if (i2t) {
        if (query.queryImage < 0 || size_t(query.queryImage) >= m_set.images.size()) {
            out.unavailable = "the query image is not in the caption set";
            return out;
        }
        q = imageRow(size_t(query.queryImage));
        if (!q) {
            out.unavailable = "the query image's embedding is not in the embedding cache (evaluated without the cache, "
                              "or the file changed since): the top-k is not computed without encoding again";
            return out;
        }
    } else {
        const CaptionEntry* c = captionAt(m_set, query.queryImage, query.queryCaption);
        if (!c) {
            out.unavailable = "the query caption is not in the caption set";
            return out;
        }
        q = m_cache->find(EmbeddingCache::captionKey(normaliseCaption(c->text)));
        if (!q) {
            out.unavailable = "the query caption's embedding is not in the embedding cache (evaluated without the "
                              "cache): the top-k is not computed without encoding again";
            return out;
        }
    }

    std::vector<TopKItem> items;
    std::vector<float> scores;
    auto add = [&](TopKItem t, const float* row) {
        if (!row) {
            ++out.missing;
            return;
        }
        t.score = dot(q, row, dim);
        scores.push_back(t.score);
        items.push_back(std::move(t));
    };
    // The base gallery: ground-truth captions (i2t) or original images (t2i) of the used images.
    for (size_t i = 0; i < m_set.images.size(); ++i) {
        const CaptionedImage& im = m_set.images[i];
        if (!usable(im)) continue;
        if (i2t) {
            for (size_t c = 0; c < im.captions.size(); ++c) {
                if (im.captions[c].adversarial) continue;
                TopKItem t;
                t.item = {'g', int32_t(i), int32_t(c)};
                t.truth = int32_t(i) == query.queryImage;
                t.text = im.captions[c].text;
                t.imageName = im.image;
                add(std::move(t), m_cache->find(EmbeddingCache::captionKey(normaliseCaption(im.captions[c].text))));
            }
        } else {
            TopKItem t;
            t.item = {'g', int32_t(i), -1};
            t.truth = int32_t(i) == query.queryImage;
            t.text = im.path.string();
            t.imageName = im.image;
            add(std::move(t), imageRow(i));
        }
    }
    // The attack gallery.
    if (i2t && res->attackKind == "caption" && res->attackSetId) {
        const CaptionSet* attack = setById(*res->attackSetId);
        out.attackSetId = res->attackSetId;
        if (attack) {
            std::unordered_map<std::string, size_t> byName;
            for (size_t i = 0; i < m_set.images.size(); ++i) byName.emplace(m_set.images[i].image, i);
            for (size_t i = 0; i < attack->images.size(); ++i) {
                const CaptionedImage& im = attack->images[i];
                const auto it = byName.find(im.image);
                if (it == byName.end() || !usable(m_set.images[it->second])) continue;
                for (size_t c = 0; c < im.captions.size(); ++c) {
                    const CaptionEntry& e = im.captions[c];
                    if (!e.adversarial) continue;
                    TopKItem t;
                    t.item = {'a', int32_t(i), int32_t(c)};
                    t.attack = true;
                    t.text = e.text;
                    if (const CaptionEntry* src = captionAt(*attack, int32_t(i), e.source)) t.original = src->text;
                    t.imageName = im.image;
                    t.sourceCaption = e.source;
                    t.swaps = e.swaps;
                    add(std::move(t), m_cache->find(EmbeddingCache::captionKey(normaliseCaption(e.text))));
                }
            }
        }
    } else if (!i2t && res->attackKind != "clean" && query.bestAttack.kind == 'a') {
        // Altered images are not cached: the stored best one, with its stored score.
        TopKItem t;
        t.item = query.bestAttack;
        t.attack = true;
        t.fromOutcome = true;
        t.score = query.bestAttackScore;
        t.lambda = res->lambda;
        if (query.bestAttack.image >= 0 && size_t(query.bestAttack.image) < m_set.images.size())
            t.text = m_set.images[size_t(query.bestAttack.image)].path.string();
        if (query.bestAttack.caption >= 0 && size_t(query.bestAttack.caption) < m_set.images.size())
            t.partner = m_set.images[size_t(query.bestAttack.caption)].path.string();
        scores.push_back(t.score);
        items.push_back(std::move(t));
        out.note = "altered images are not cached: the list holds the original images and the best altered copy "
                   "(its stored score); it is exact down to that copy, other altered copies may be missing below it";
    }
    out.scored = int64_t(items.size());
    std::vector<int> ties(items.size());
    for (size_t i = 0; i < items.size(); ++i) ties[i] = tieRankOf(items[i]);
    for (const ScoredIndex& s : topKOfScores(scores, k, ties)) out.items.push_back(items[size_t(s.index)]);
    if (out.missing > 0) {
        const std::string m = std::to_string(out.missing) + " gallery items have no cached embedding and are left out";
        out.note = out.note.empty() ? m : out.note + "; " + m;
    }
    out.available = true;
    return out;
}

std::optional<CaptionInfluence> RetrievalTopKSource::influence(int64_t attackSetId, const std::string& image,
                                                               int caption, std::string* problem) const {
    auto it = m_details.find(attackSetId);
    if (it == m_details.end()) {
        std::pair<std::optional<CaptionAttackDetails>, std::string> entry;
        const CaptionSet* s = setById(attackSetId);
        if (!s) {
            entry.second = "the attack set is not part of this evaluation";
        } else {
            const std::filesystem::path file = captionAttackDetailsPath(s->file);
            std::error_code ec;
            if (!std::filesystem::exists(file, ec)) {
                entry.second = "EI was not computed for this attack (no " + file.filename().string() +
                               " beside its captions: a ready-made RoCOCO file)";
            } else {
                try {
                    entry.first = readCaptionAttackDetails(file);
                } catch (const Error& e) {
                    entry.second = e.what();
                }
            }
        }
        it = m_details.emplace(attackSetId, std::move(entry)).first;
    }
    const auto& [details, why] = it->second;
    if (!details) {
        if (problem) *problem = why;
        return std::nullopt;
    }
    CaptionInfluence ci;
    if (!details->find(image, caption, m_identity, ci)) {
        if (problem) *problem = "the attack's details file has no record of this caption";
        return std::nullopt;
    }
    if (ci.ei.empty()) {
        if (problem) *problem = "the attack's details file holds no EI for this caption";
        return std::nullopt;
    }
    return ci;
}

}  // namespace winnow::core
