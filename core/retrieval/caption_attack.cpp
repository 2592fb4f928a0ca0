#include "core/retrieval/caption_attack.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/retrieval/attack_random.h"
#include "core/retrieval/caption_text.h"
#include "core/retrieval/unicode_text.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool lettersOnly(const std::string& w) {
    const std::u32string s = unicode::decodeUtf8(w);
    if (s.empty()) return false;
    for (char32_t c : s)
        if (!unicode::isLetter(c)) return false;
    return true;
}

bool usesGroups(CaptionAttackPolicy p) {
    return p == CaptionAttackPolicy::SameConcept || p == CaptionAttackPolicy::DiffConcept;
}

// Per attack: the word lists arranged for drawing targets.
struct TargetPools {
    const AttackWords& words;
    CaptionAttackPolicy policy;
    std::vector<std::string> vocabulary;  // rand-voca: vocabulary minus stop words
    std::unordered_set<std::string> vocabularySet;

    TargetPools(const AttackWords& w, CaptionAttackPolicy p) : words(w), policy(p) {
        if (p != CaptionAttackPolicy::RandVoca) return;
        for (const std::string& v : w.vocabulary)
            if (!w.isStopWord(v)) vocabulary.push_back(v);
        vocabularySet.insert(vocabulary.begin(), vocabulary.end());
    }

    // Targets allowed for `source` (group g) when `excluded` words are taken; rand-voca gives
    // an empty list and is handled by randVocaAvailable/drawRandVoca (its pool is large).
    std::vector<std::string> listed(const std::string& source, int g,
                                    const std::unordered_set<std::string>& excluded) const {
        std::vector<std::string> out;
        const auto keep = [&](const std::string& t) {
            if (t != source && !excluded.count(t) && !words.isStopWord(t)) out.push_back(t);
        };
        switch (policy) {
            case CaptionAttackPolicy::SameConcept:
                if (g >= 0)
                    for (const std::string& t : words.groups[size_t(g)].words) keep(t);
                break;
            case CaptionAttackPolicy::DiffConcept:
                if (g >= 0)
                    for (size_t o = 0; o < words.groups.size(); ++o)
                        if (int(o) != g)
                            for (const std::string& t : words.groups[o].words) keep(t);
                break;
            case CaptionAttackPolicy::Danger:
                for (const std::string& t : words.dangerWordsFor(g))
                    if (t != source && !excluded.count(t)) out.push_back(t);
                break;
            case CaptionAttackPolicy::RandVoca:
                break;
        }
        return out;
    }

    // listed(...) is not empty, without building it (stops at the first target).
    bool anyListed(const std::string& source, int g, const std::unordered_set<std::string>& excluded) const {
        const auto ok = [&](const std::string& t) {
            return t != source && !excluded.count(t) && !words.isStopWord(t);
        };
        switch (policy) {
            case CaptionAttackPolicy::SameConcept:
                return g >= 0 && std::any_of(words.groups[size_t(g)].words.begin(), words.groups[size_t(g)].words.end(), ok);
            case CaptionAttackPolicy::DiffConcept:
                if (g < 0) return false;
                for (size_t o = 0; o < words.groups.size(); ++o)
                    if (int(o) != g && std::any_of(words.groups[o].words.begin(), words.groups[o].words.end(), ok))
                        return true;
                return false;
            case CaptionAttackPolicy::Danger:
                for (const std::string& t : words.dangerWordsFor(g))
                    if (t != source && !excluded.count(t)) return true;
                return false;
            case CaptionAttackPolicy::RandVoca:
                return randVocaAvailable(source, excluded);
        }
        return false;
    }

    bool randVocaAvailable(const std::string& source, const std::unordered_set<std::string>& excluded) const {
        size_t taken = vocabularySet.count(source);
        for (const std::string& e : excluded)
            if (e != source && vocabularySet.count(e)) ++taken;
        return vocabulary.size() > taken;
    }

    std::string drawRandVoca(const std::string& source, const std::unordered_set<std::string>& excluded,
                             AttackRandom& rng) const {
        for (int attempt = 0; attempt < 64; ++attempt) {
            const std::string& t = vocabulary[rng.below(vocabulary.size())];
            if (t != source && !excluded.count(t)) return t;
        }
        std::vector<const std::string*> left;
        for (const std::string& t : vocabulary)
            if (t != source && !excluded.count(t)) left.push_back(&t);
        return *left[rng.below(left.size())];
    }
};

struct Pending {
    CaptionAttackRecord record;
    std::vector<WordSpan> spans;
    size_t firstText = 0;  // index of its caption in the batch's texts (variants follow)
    bool encodedWhole = false;
    std::vector<bool> encodedVariant;  // per word: its word-removed text was encoded
};

float dot(const float* a, const float* b, int64_t d) {
    double s = 0;
    for (int64_t i = 0; i < d; ++i) s += double(a[i]) * double(b[i]);
    return float(s);
}

// Positions whose EI is within the tie tolerance of the lowest among `candidates`.
std::vector<int> lowestInfluence(const std::vector<float>& ei, const std::vector<int>& candidates) {
    float best = ei[size_t(candidates[0])];
    for (int k : candidates) best = std::min(best, ei[size_t(k)]);
    std::vector<int> tied;
    for (int k : candidates)
        if (double(ei[size_t(k)]) - double(best) <= kEiTieTolerance) tied.push_back(k);
    return tied;
}

class Attacker {
public:
    Attacker(const std::vector<DualEncoder*>& encoders, const AttackWords& words, const CaptionAttackOptions& options)
        : m_encoders(encoders), m_words(words), m_options(options), m_pools(words, options.policy) {}

    // Computes EI for every pending record (one encodeTexts call per encoder for the batch).
    void encode(std::vector<Pending>& batch) {
        std::vector<std::string> texts;
        for (Pending& p : batch) {
            const size_t n = p.spans.size();
            p.encodedVariant.assign(n, false);
            if (n == 0) continue;
            p.firstText = texts.size();
            p.encodedWhole = true;
            texts.push_back(p.record.normalised);
            if (n == 1) continue;  // the caption without its only word is empty: EI = 1
            for (size_t k = 0; k < n; ++k) {
                texts.push_back(replaceWordSpan(p.record.normalised, p.spans[k], ""));
                p.encodedVariant[k] = true;
            }
        }
        for (Pending& p : batch) p.record.influence.assign(m_encoders.size(), std::vector<float>(p.spans.size(), 1.0f));
        if (texts.empty()) return;
        for (size_t e = 0; e < m_encoders.size(); ++e) {
            TextBatchReport report;
            const Embeddings emb = m_encoders[e]->encodeTexts(texts, &report);
            truncated += size_t(std::max<int64_t>(report.truncated, 0));
            if (emb.rows != int64_t(texts.size()) || emb.dim <= 0 ||
                emb.values.size() != size_t(emb.rows * emb.dim))
                throw Error(m_encoders[e]->description() + ": returned " + std::to_string(emb.rows) +
                            " text embeddings for " + std::to_string(texts.size()) + " texts");
            for (Pending& p : batch) {
                if (!p.encodedWhole) continue;
                const float* whole = emb.row(int64_t(p.firstText));
                size_t next = p.firstText + 1;
                for (size_t k = 0; k < p.spans.size(); ++k)
                    if (p.encodedVariant[k])
                        p.record.influence[e][k] = 1.0f - dot(whole, emb.row(int64_t(next++)), emb.dim);
            }
        }
    }

    void choose(CaptionAttackRecord& r, const std::vector<WordSpan>& spans,
                const std::unordered_set<std::string>& excluded) {
        if (r.words.empty()) {
            r.skip = AttackSkip::NoWords;
            return;
        }
        AttackRandom rng = AttackRandom::forItem({m_options.seed, uint64_t(r.image), uint64_t(r.caption)});
        std::vector<int> candidates;
        bool anyWord = false;
        for (size_t k = 0; k < r.words.size(); ++k) {
            const std::string& w = r.words[k];
            if (!lettersOnly(w) || m_words.isStopWord(w)) continue;
            const int g = m_words.groupOf(w);
            if (usesGroups(m_options.policy) && g < 0) continue;
            anyWord = true;
            if (m_pools.anyListed(w, g, excluded)) candidates.push_back(int(k));
        }
        if (candidates.empty()) {
            r.skip = anyWord ? AttackSkip::NoTarget : AttackSkip::NoSourceWord;
            return;
        }
        std::map<int, int> votes;
        for (const std::vector<float>& ei : r.influence) {
            const std::vector<int> tied = lowestInfluence(ei, candidates);
            ++votes[tied[tied.size() == 1 ? 0 : rng.below(tied.size())]];
        }
        int most = 0;
        for (const auto& [k, v] : votes) most = std::max(most, v);
        std::vector<int> winners;
        for (const auto& [k, v] : votes)
            if (v == most) winners.push_back(k);
        const int k = winners[winners.size() == 1 ? 0 : rng.below(winners.size())];
        r.sourceIndex = k;
        r.votes = most;
        r.source = r.words[size_t(k)];
        const int g = m_words.groupOf(r.source);
        if (g >= 0) r.sourceGroup = m_words.groups[size_t(g)].name;
        if (m_options.policy == CaptionAttackPolicy::RandVoca) {
            r.target = m_pools.drawRandVoca(r.source, excluded, rng);
        } else {
            const std::vector<std::string> targets = m_pools.listed(r.source, g, excluded);
            r.target = targets[rng.below(targets.size())];
        }
        const int tg = m_words.groupOf(r.target);
        if (tg >= 0) r.targetGroup = m_words.groups[size_t(tg)].name;
        r.adversarial = replaceWordSpan(r.normalised, spans[size_t(k)], r.target);
    }

private:
    const std::vector<DualEncoder*>& m_encoders;
    const AttackWords& m_words;
    const CaptionAttackOptions& m_options;
    TargetPools m_pools;

public:
    size_t truncated = 0;
};

// EI to 6 decimals (floats would print as their nearest doubles, 0.10000000149011612).
json rounded(const std::vector<std::vector<float>>& influence) {
    json out = json::array();
    for (const std::vector<float>& row : influence) {
        json r = json::array();
        for (float v : row) r.push_back(std::round(double(v) * 1e6) / 1e6);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

const char* captionAttackPolicyName(CaptionAttackPolicy p) {
    switch (p) {
        case CaptionAttackPolicy::SameConcept: return "same-concept";
        case CaptionAttackPolicy::DiffConcept: return "diff-concept";
        case CaptionAttackPolicy::RandVoca: return "rand-voca";
        case CaptionAttackPolicy::Danger: return "danger";
    }
    return "?";
}

std::optional<CaptionAttackPolicy> parseCaptionAttackPolicy(std::string_view name) {
    for (CaptionAttackPolicy p : {CaptionAttackPolicy::SameConcept, CaptionAttackPolicy::DiffConcept,
                                  CaptionAttackPolicy::RandVoca, CaptionAttackPolicy::Danger})
        if (name == captionAttackPolicyName(p)) return p;
    return std::nullopt;
}

const char* attackSkipReason(AttackSkip s) {
    switch (s) {
        case AttackSkip::None: return "";
        case AttackSkip::NoWords: return "the normalised caption has no word";
        case AttackSkip::NoSourceWord:
            return "no word qualifies as the source word (all are stop words or not letters, or, for the concept "
                   "policies, in no concept group)";
        case AttackSkip::NoTarget:
            return "every target word of the policy occurs in the image's captions";
    }
    return "?";
}

std::vector<WordSpan> captionWordSpans(std::string_view normalised) {
    std::vector<WordSpan> spans;
    const std::u32string s = unicode::decodeUtf8(normalised);
    size_t byte = 0;  // byte offset of s[i] in the UTF-8 text (re-encoded: decodeUtf8 of valid text)
    std::vector<size_t> offset(s.size() + 1);
    for (size_t i = 0; i < s.size(); ++i) {
        offset[i] = byte;
        std::string tmp;
        unicode::appendUtf8(tmp, s[i]);
        byte += tmp.size();
    }
    offset[s.size()] = byte;
    for (size_t i = 0; i < s.size();) {
        if (!unicode::isLetter(s[i]) && !unicode::isNumber(s[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < s.size() && (unicode::isLetter(s[j]) || unicode::isNumber(s[j]))) ++j;
        spans.push_back({offset[i], offset[j]});
        i = j;
    }
    return spans;
}

std::string replaceWordSpan(std::string_view normalised, const WordSpan& span, std::string_view replacement) {
    std::string out(normalised.substr(0, span.begin));
    out += replacement;
    out += normalised.substr(span.end);
    if (!replacement.empty()) return out;
    // Removed: the spaces that met collapse to one; none at the ends.
    const size_t at = span.begin;
    if (at > 0 && at < out.size() && out[at - 1] == ' ' && out[at] == ' ') out.erase(at, 1);
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

CaptionAttackResult attackCaptions(const CaptionSet& input, const std::vector<DualEncoder*>& encoders,
                                   const AttackWords& words, const CaptionAttackOptions& options,
                                   const ProgressFn& progress, const CancelToken* cancel) {
    if (encoders.empty()) throw Error("a caption attack needs at least one text encoder");
    for (const DualEncoder* e : encoders)
        if (!e) throw Error("a caption attack was given no encoder");
    if (options.policy == CaptionAttackPolicy::RandVoca && words.vocabulary.empty())
        throw Error("rand-voca needs a vocabulary (" + std::string(kVocabularyFile) + " is empty)");
    CaptionAttackResult result;
    result.policy = options.policy;
    result.seed = options.seed;
    result.wordsFolder = words.folder;
    for (DualEncoder* e : encoders) result.encoders.push_back(e->identity());
    result.set.file = input.file;
    result.set.format = CaptionFormat::KarpathyList;
    result.set.rococoAttack = true;

    // Images with their ground truth only, and the words each image's captions use.
    std::vector<std::unordered_set<std::string>> excluded(input.images.size());
    size_t total = 0;
    for (size_t i = 0; i < input.images.size(); ++i) {
        CaptionedImage img = input.images[i];
        img.captions.clear();
        for (const CaptionEntry& c : input.images[i].captions)
            if (!c.adversarial) {
                img.captions.push_back(CaptionEntry{c.text, false, -1, {}});
                for (std::string& w : diffWords(c.text)) excluded[i].insert(std::move(w));
            }
        const size_t n = img.captions.size();
        total += options.maxCaptionsPerImage ? std::min(n, options.maxCaptionsPerImage) : n;
        result.set.images.push_back(std::move(img));
    }

    Attacker attacker(encoders, words, options);
    ProgressReporter reporter(progress, cancel, int64_t(total), 1);
    const size_t perBatch = std::max<size_t>(options.textsPerBatch, 1);
    std::vector<Pending> batch;
    size_t batchTexts = 0;
    const auto flush = [&]() {
        if (batch.empty()) return;
        if (cancel) cancel->throwIfCancelled();
        attacker.encode(batch);
        for (Pending& p : batch) {
            attacker.choose(p.record, p.spans, excluded[p.record.image]);
            result.records.push_back(std::move(p.record));
        }
        reporter.step(int64_t(batch.size()), "choosing words by embedding influence");
        batch.clear();
        batchTexts = 0;
    };
    for (size_t i = 0; i < result.set.images.size(); ++i) {
        const CaptionedImage& img = result.set.images[i];
        size_t n = img.captions.size();
        if (options.maxCaptionsPerImage) n = std::min(n, options.maxCaptionsPerImage);
        for (size_t c = 0; c < n; ++c) {
            Pending p;
            p.record.image = i;
            p.record.caption = c;
            p.record.normalised = normaliseCaption(img.captions[c].text);
            p.spans = captionWordSpans(p.record.normalised);
            for (const WordSpan& s : p.spans)
                p.record.words.push_back(p.record.normalised.substr(s.begin, s.end - s.begin));
            batchTexts += p.spans.size() + 1;
            batch.push_back(std::move(p));
            if (batchTexts >= perBatch) flush();
        }
    }
    flush();
    result.counts.truncatedTexts = attacker.truncated;

    // The RoCOCO layout: each image's adversarial captions after its ground truth.
    for (const CaptionAttackRecord& r : result.records) {
        ++result.counts.groundTruth;
        switch (r.skip) {
            case AttackSkip::None: ++result.counts.attacked; break;
            case AttackSkip::NoWords: ++result.counts.noWords; break;
            case AttackSkip::NoSourceWord: ++result.counts.noSourceWord; break;
            case AttackSkip::NoTarget: ++result.counts.noTarget; break;
        }
        if (r.skip != AttackSkip::None) continue;
        CaptionedImage& img = result.set.images[r.image];
        CaptionEntry e;
        e.text = r.adversarial;
        e.adversarial = true;
        e.source = int(r.caption);
        e.swaps = diffCaptions(img.captions[r.caption].text, r.adversarial);
        img.captions.push_back(std::move(e));
    }
    reporter.done("caption attack done");
    return result;
}

std::string captionAttackKarpathyJson(const CaptionAttackResult& result) {
    json list = json::array();
    for (const CaptionedImage& img : result.set.images) {
        json captions = json::array(), sources = json::array();
        for (const CaptionEntry& c : img.captions) {
            captions.push_back(c.text);
            if (c.adversarial) sources.push_back(c.source);
        }
        list.push_back({{"image", img.image}, {"caption", captions}, {"adversarial_source", sources}});
    }
    return list.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string captionAttackDetailsJson(const CaptionAttackResult& result) {
    json records = json::array();
    for (const CaptionAttackRecord& r : result.records) {
        json j = {{"image", result.set.images[r.image].image},
                  {"image_index", r.image},
                  {"caption", r.caption},
                  {"normalised", r.normalised},
                  {"words", r.words},
                  {"ei", rounded(r.influence)}};
        if (r.skip != AttackSkip::None) {
            j["skipped"] = attackSkipReason(r.skip);
        } else {
            j["source_index"] = r.sourceIndex;
            j["source"] = r.source;
            j["target"] = r.target;
            j["source_group"] = r.sourceGroup;
            j["target_group"] = r.targetGroup;
            j["adversarial"] = r.adversarial;
            j["votes"] = r.votes;
        }
        records.push_back(std::move(j));
    }
    const CaptionAttackCounts& n = result.counts;
    json out = {{"format", "winnow-caption-attack"},
                {"version", 1},
                {"policy", captionAttackPolicyName(result.policy)},
                {"seed", result.seed},
                {"encoders", result.encoders},
                {"words_folder", result.wordsFolder.string()},
                {"normalisation", "RoCOCO evaluation (lowercase; . ! \" ( ) * # : ; ~ to spaces; 30 words)"},
                {"counts",
                 {{"ground_truth", n.groundTruth},
                  {"attacked", n.attacked},
                  {"skipped", n.skipped()},
                  {"skipped_no_words", n.noWords},
                  {"skipped_no_source_word", n.noSourceWord},
                  {"skipped_no_target", n.noTarget},
                  {"truncated_texts", n.truncatedTexts}}},
                {"captions", records}};
    return out.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

void writeCaptionAttack(const CaptionAttackResult& result, const fs::path& captionsFile, const fs::path& detailsFile) {
    writeFileAtomically(captionsFile, captionAttackKarpathyJson(result));
    writeFileAtomically(detailsFile, captionAttackDetailsJson(result));
}

fs::path captionAttackDetailsPath(const fs::path& captionsFile) {
    fs::path p = captionsFile;
    const std::string stem = captionsFile.extension() == ".json" ? captionsFile.stem().string()
                                                                 : captionsFile.filename().string();
    return p.replace_filename(stem + ".attack.json");
}

}  // namespace winnow::core
