// Caption attacks (METHODS §12): EI against hand-computed cosines, the lowest-EI word, whole-word
// replacement, targets outside the image's captions, each policy's pool, seeds, skips, the
// files written, and the released Karpathy test split.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/retrieval/caption_attack.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/caption_text.h"
#include "core/retrieval/hash_demo_encoder.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const fs::path kShipped = fs::path(WINNOW_SOURCE_DIR) / "resources" / "retrieval";
const fs::path kRococo = fs::path(WINNOW_SHARED_DATA) / "rococo";

// A fake text encoder: each distinct word of the caption is its own axis; the embedding is
// the sum of weight(word) on the word's axis (word counts add), L2-normalised. Unlisted words
// weigh 1. Images are not used by the caption attack.
class WeightedWords : public DualEncoder {
public:
    explicit WeightedWords(std::map<std::string, float> weights = {}, std::string id = "fake")
        : m_weights(std::move(weights)), m_id(std::move(id)) {}
    std::string identity() const override { return m_id; }
    std::string description() const override { return "fake " + m_id; }
    int64_t dim() const override { return 256; }
    const EncoderPreprocessing& preprocessing() const override { return m_pre; }
    Embeddings encodeImages(const std::vector<Image>&) override { throw Error("no images"); }
    Embeddings encodeTexts(const std::vector<std::string>& texts, TextBatchReport* report) override {
        ++calls;
        if (report) {  // "truncates" texts of more than five words
            report->truncated = 0;
            for (const std::string& t : texts) report->truncated += diffWords(t).size() > 5;
        }
        Embeddings e;
        e.rows = int64_t(texts.size());
        e.dim = 256;
        e.values.assign(size_t(e.rows * e.dim), 0.0f);
        for (size_t r = 0; r < texts.size(); ++r) {
            float* row = e.values.data() + r * 256;
            for (const std::string& w : diffWords(texts[r])) {
                auto [it, added] = m_axis.try_emplace(w, m_axis.size());
                const auto weight = m_weights.find(w);
                row[it->second % 256] += weight == m_weights.end() ? 1.0f : weight->second;
            }
            double n = 0;
            for (int d = 0; d < 256; ++d) n += double(row[d]) * row[d];
            if (n == 0) qFatal("the attack encoded an empty text");
            for (int d = 0; d < 256; ++d) row[d] = float(row[d] / std::sqrt(n));
        }
        return e;
    }
    int calls = 0;

private:
    std::map<std::string, float> m_weights;
    std::map<std::string, size_t> m_axis;
    std::string m_id;
    EncoderPreprocessing m_pre;
};

CaptionSet setOf(const std::vector<std::vector<std::string>>& images) {
    CaptionSet s;
    for (size_t i = 0; i < images.size(); ++i) {
        CaptionedImage img;
        img.image = "img" + std::to_string(i) + ".jpg";
        for (const std::string& c : images[i]) img.captions.push_back(CaptionEntry{c, false, -1, {}});
        s.images.push_back(img);
    }
    return s;
}

AttackWords smallWords() {
    AttackWords w;
    w.folder = "test";
    w.stopWords = {"a", "the", "on", "and", "near", "with", "is", "of"};
    w.groups = {{"person", {"man", "woman", "boy", "girl"}},
                {"animal", {"dog", "cat", "puppy", "kitten", "horse"}},
                {"place", {"street", "park", "beach"}}};
    for (size_t g = 0; g < w.groups.size(); ++g)
        for (const std::string& x : w.groups[g].words) w.groupOfWord[x] = int(g);
    w.danger[0] = {"criminal"};
    w.danger[2] = {"minefield"};
    w.dangerDefault = {"weapon", "bomb"};
    w.vocabulary = {"zephyr", "quartz", "the", "dog", "lantern", "orbit", "velvet"};
    return w;
}

CaptionAttackResult attack(const CaptionSet& s, DualEncoder& enc, const AttackWords& w, CaptionAttackPolicy p,
                           uint64_t seed = 1, size_t perBatch = 2048) {
    CaptionAttackOptions o;
    o.policy = p;
    o.seed = seed;
    o.textsPerBatch = perBatch;
    return attackCaptions(s, {&enc}, w, o);
}

std::set<std::string> wordsOfImage(const CaptionedImage& img) {
    std::set<std::string> out;
    for (const CaptionEntry& c : img.captions)
        if (!c.adversarial)
            for (const std::string& w : diffWords(c.text)) out.insert(w);
    return out;
}

}  // namespace

class TestRetrievalCaptionAttack : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void influenceMatchesHandComputedCosines() {
        // f(C) for "red dog runs" with weights 1, 2, 3 on three axes is (1,2,3)/sqrt(14).
        //   without red:  (0,2,3)/sqrt(13) -> cos = 13/sqrt(182)
        //   without dog:  (1,0,3)/sqrt(10) -> cos = 10/sqrt(140)
        //   without runs: (1,2,0)/sqrt(5)  -> cos =  5/sqrt(70)
        WeightedWords enc({{"red", 1.f}, {"dog", 2.f}, {"runs", 3.f}});
        const CaptionAttackResult r =
            attack(setOf({{"Red dog runs."}}), enc, smallWords(), CaptionAttackPolicy::RandVoca);
        QCOMPARE(r.records.size(), size_t(1));
        const CaptionAttackRecord& rec = r.records[0];
        QCOMPARE(rec.normalised, std::string("red dog runs"));
        QCOMPARE(rec.words, (std::vector<std::string>{"red", "dog", "runs"}));
        QCOMPARE(rec.influence.size(), size_t(1));
        const double expected[3] = {1 - 13 / std::sqrt(182.0), 1 - 10 / std::sqrt(140.0), 1 - 5 / std::sqrt(70.0)};
        for (int k = 0; k < 3; ++k) QVERIFY2(std::fabs(rec.influence[0][size_t(k)] - expected[k]) < 1e-5, "EI");
        QCOMPARE(rec.source, std::string("red"));  // the lowest EI
        QCOMPARE(rec.sourceIndex, 0);
        QCOMPARE(enc.calls, 1);  // the caption and its three variants in one batch
        QCOMPARE(r.counts.truncatedTexts, size_t(0));
        // Seven words: the caption and its seven variants (six words each) count as cut.
        WeightedWords cut;
        QCOMPARE(attack(setOf({{"one red dog runs fast over grass"}}), cut, smallWords(), CaptionAttackPolicy::RandVoca)
                     .counts.truncatedTexts,
                 size_t(8));
        // Heavier "red": now "dog" has the lowest EI.
        WeightedWords heavy({{"red", 5.f}, {"dog", 2.f}, {"runs", 3.f}});
        QCOMPARE(attack(setOf({{"red dog runs"}}), heavy, smallWords(), CaptionAttackPolicy::RandVoca).records[0].source,
                 std::string("dog"));
    }

    void stopWordsAreNeverSourcesButHaveEi() {
        WeightedWords enc({{"the", 0.01f}, {"a", 0.01f}, {"dog", 1.f}, {"barks", 5.f}, {"lot", 3.f}});
        const auto r = attack(setOf({{"the dog barks a lot"}}), enc, smallWords(), CaptionAttackPolicy::RandVoca);
        const auto& rec = r.records[0];
        QCOMPARE(rec.influence[0].size(), size_t(5));
        QVERIFY(rec.influence[0][0] < rec.influence[0][1]);  // "the" influences least ...
        QCOMPARE(rec.source, std::string("dog"));            // ... but is a stop word
    }

    void replacementIsWholeWord() {
        // "man" has the lowest EI; a substring replacement would turn "woman" into "wocriminal".
        WeightedWords enc({{"woman", 5.f}, {"holds", 5.f}, {"man", 1.f}});
        const auto r = attack(setOf({{"A woman holds a man."}}), enc, smallWords(), CaptionAttackPolicy::Danger);
        const auto& rec = r.records[0];
        QCOMPARE(rec.source, std::string("man"));
        QCOMPARE(rec.target, std::string("criminal"));
        QCOMPARE(rec.adversarial, std::string("a woman holds a criminal"));
        const auto& adv = r.set.images[0].captions.back();
        QVERIFY(adv.adversarial);
        QVERIFY(isSingleWordSwap(adv.swaps));
        QVERIFY(!adv.swaps[0].insideWord);
        QCOMPARE(adv.swaps[0].source[0], std::string("man"));
        // And the other way round: "woman" chosen, "man" untouched.
        WeightedWords enc2({{"woman", 1.f}, {"holds", 5.f}, {"man", 5.f}});
        QCOMPARE(attack(setOf({{"a woman holds a man"}}), enc2, smallWords(), CaptionAttackPolicy::Danger)
                     .records[0]
                     .adversarial,
                 std::string("a criminal holds a man"));
        // Punctuation inside the normalised text stays; only the word's characters change.
        WeightedWords enc3({{"dog", 1.f}, {"runs", 9.f}, {"in", 9.f}, {"park", 9.f}});
        const std::string adv3 =
            attack(setOf({{"Dog, runs in the park"}}), enc3, smallWords(), CaptionAttackPolicy::Danger).records[0].adversarial;
        QVERIFY2(adv3 == "weapon, runs in the park" || adv3 == "bomb, runs in the park", adv3.c_str());
    }

    void targetsNeverOccurInTheImagesCaptions() {
        // The image's captions use dog, cat, puppy, kitten: the only animal left is "horse".
        const CaptionSet s = setOf({{"a dog on the street", "a cat near a dog", "a puppy and a kitten"}});
        WeightedWords enc({{"street", 9.f}, {"dog", 1.f}, {"cat", 1.f}, {"puppy", 1.f}, {"kitten", 9.f}});
        const AttackWords w = smallWords();
        for (uint64_t seed = 1; seed <= 40; ++seed) {
            const auto r = attack(s, enc, w, CaptionAttackPolicy::SameConcept, seed);
            const std::set<std::string> used = wordsOfImage(s.images[0]);
            for (const auto& rec : r.records) {
                if (rec.skip != AttackSkip::None) continue;
                QVERIFY2(!used.count(rec.target), rec.target.c_str());
                if (rec.sourceGroup == "animal") QCOMPARE(rec.target, std::string("horse"));
            }
        }
        // Every person word taken: "man" has no same-concept target and is recorded as a skip.
        const CaptionSet people = setOf({{"a man and a woman", "a boy and a girl"}});
        const auto r = attack(people, enc, w, CaptionAttackPolicy::SameConcept);
        QCOMPARE(r.counts.groundTruth, size_t(2));
        QCOMPARE(r.counts.attacked, size_t(0));
        QCOMPARE(r.counts.noTarget, size_t(2));
        QCOMPARE(r.records[0].skip, AttackSkip::NoTarget);
        QCOMPARE(r.set.images[0].captions.size(), size_t(2));  // ground truth kept, no adversarial
    }

    void eachPolicyDrawsFromItsPool() {
        const AttackWords w = smallWords();
        const CaptionSet s = setOf({{"a dog on the street"}, {"a man with a cat"}, {"a girl on the beach"},
                                    {"orange sky over tall towers"}});
        WeightedWords enc;
        for (uint64_t seed = 1; seed <= 25; ++seed) {
            for (const auto& rec : attack(s, enc, w, CaptionAttackPolicy::SameConcept, seed).records) {
                if (rec.image == 3) {
                    QCOMPARE(rec.skip, AttackSkip::NoSourceWord);  // no word in a concept group
                    continue;
                }
                QCOMPARE(rec.skip, AttackSkip::None);
                QCOMPARE(w.groupOf(rec.target), w.groupOf(rec.source));
                QVERIFY(rec.target != rec.source);
                QCOMPARE(rec.targetGroup, rec.sourceGroup);
            }
            for (const auto& rec : attack(s, enc, w, CaptionAttackPolicy::DiffConcept, seed).records) {
                if (rec.image == 3) continue;
                QVERIFY(w.groupOf(rec.target) >= 0);
                QVERIFY(w.groupOf(rec.target) != w.groupOf(rec.source));
            }
            for (const auto& rec : attack(s, enc, w, CaptionAttackPolicy::Danger, seed).records) {
                QCOMPARE(rec.skip, AttackSkip::None);  // danger takes any non-stop word
                const int g = w.groupOf(rec.source);
                const std::string expected = g == 0 ? "criminal" : g == 2 ? "minefield" : "";
                if (!expected.empty()) QCOMPARE(rec.target, expected);
                else QVERIFY(rec.target == "weapon" || rec.target == "bomb");
            }
            for (const auto& rec : attack(s, enc, w, CaptionAttackPolicy::RandVoca, seed).records) {
                QCOMPARE(rec.skip, AttackSkip::None);
                QVERIFY(std::find(w.vocabulary.begin(), w.vocabulary.end(), rec.target) != w.vocabulary.end());
                QVERIFY(rec.target != "the");                            // a stop word
                QVERIFY(!(rec.image == 0 && rec.target == "dog"));       // in the image's caption
            }
        }
    }

    void seededAndIndependentOfBatching() {
        const AttackWords w = smallWords();
        const CaptionSet s = setOf({{"a dog and a cat on the street", "a dog near the park"},
                                    {"a man and a woman", "a horse on the beach"}});
        WeightedWords enc;  // all weights 1: every word ties, so the seed decides
        std::set<std::string> outcomes;
        for (CaptionAttackPolicy p : {CaptionAttackPolicy::SameConcept, CaptionAttackPolicy::RandVoca}) {
            const auto a = attack(s, enc, w, p, 7);
            const auto b = attack(s, enc, w, p, 7, 3);  // tiny batches
            QCOMPARE(captionAttackDetailsJson(a), captionAttackDetailsJson(b));
            QCOMPARE(captionAttackKarpathyJson(a), captionAttackKarpathyJson(b));
            for (uint64_t seed : {1, 10, 100, 1000, 5})
                outcomes.insert(captionAttackKarpathyJson(attack(s, enc, w, p, seed)));
        }
        QVERIFY(outcomes.size() >= 6);  // different seeds, different swaps
    }

    void severalEncodersVote() {
        // Encoders A and B find "cat" least influential, C finds "dog": the majority wins.
        WeightedWords a({{"cat", 0.5f}}, "A"), b({{"cat", 0.5f}}, "B"), c({{"dog", 0.5f}}, "C");
        CaptionAttackOptions o;
        o.policy = CaptionAttackPolicy::RandVoca;
        const auto r = attackCaptions(setOf({{"dog chases cat"}}), {&a, &b, &c}, smallWords(), o);
        QCOMPARE(r.records[0].source, std::string("cat"));
        QCOMPARE(r.records[0].votes, 2);
        QCOMPARE(r.records[0].influence.size(), size_t(3));
        QCOMPARE(r.encoders, (std::vector<std::string>{"A", "B", "C"}));
    }

    void skipsAreRecordedWithReasons() {
        WeightedWords enc;
        const auto r = attack(setOf({{"...", "the and a", "dog", "a dog"}}), enc, smallWords(), CaptionAttackPolicy::Danger);
        QCOMPARE(r.counts.groundTruth, size_t(4));
        QCOMPARE(r.counts.noWords, size_t(1));
        QCOMPARE(r.counts.noSourceWord, size_t(1));
        QCOMPARE(r.counts.attacked, size_t(2));
        QCOMPARE(r.records[0].skip, AttackSkip::NoWords);
        QCOMPARE(r.records[1].skip, AttackSkip::NoSourceWord);
        QCOMPARE(r.records[2].influence[0][0], 1.0f);  // a one-word caption: EI 1, nothing empty encoded
        const nlohmann::json d = nlohmann::json::parse(captionAttackDetailsJson(r));
        QCOMPARE(d["counts"]["skipped"].get<int>(), 2);
        QVERIFY(d["captions"][1]["skipped"].get<std::string>().find("no word qualifies") != std::string::npos);
        QCOMPARE(d["captions"][3]["source"].get<std::string>(), std::string("dog"));
    }

    void writtenFilesRoundTrip() {
        const AttackWords w = smallWords();
        std::vector<std::vector<std::string>> images;
        for (int i = 0; i < 3; ++i)
            images.push_back({"a dog on the street", "a man with a cat", "a girl on the beach", "a boy and a horse",
                              "a woman in the park"});
        WeightedWords enc;
        const auto r = attack(setOf(images), enc, w, CaptionAttackPolicy::DiffConcept, 3);
        QCOMPARE(r.counts.attacked, size_t(15));
        const fs::path out = fs::path(m_tmp.path().toStdString()) / "adv.json";
        const fs::path details = captionAttackDetailsPath(out);
        QCOMPARE(details.filename().string(), std::string("adv.attack.json"));
        writeCaptionAttack(r, out, details);
        // RoCOCO layout: 5 ground truth + 5 adversarial, adversarial i from ground truth i.
        CaptionSetOptions o;
        o.attacks = AttackLayout::Rococo;
        const CaptionSet back = loadCaptionSet(out, o);
        QVERIFY(back.rococoAttack);
        QCOMPARE(back.images.size(), size_t(3));
        QCOMPARE(back.adversarialCaptions(), size_t(15));
        for (size_t i = 0; i < 3; ++i)
            for (size_t k = 0; k < 5; ++k) {
                const CaptionEntry& c = back.images[i].captions[5 + k];
                QCOMPARE(c.source, int(k));
                QCOMPARE(c.text, r.set.images[i].captions[5 + k].text);
                QVERIFY(isSingleWordSwap(c.swaps));
            }
        const nlohmann::json j = nlohmann::json::parse(std::ifstream(out));
        QCOMPARE(j[0]["adversarial_source"], nlohmann::json({0, 1, 2, 3, 4}));
        const nlohmann::json d = nlohmann::json::parse(std::ifstream(details));
        QCOMPARE(d["policy"].get<std::string>(), std::string("diff-concept"));
        QCOMPARE(d["seed"].get<int>(), 3);
        QCOMPARE(d["captions"].size(), size_t(15));
        QCOMPARE(d["captions"][0]["ei"][0].size(), d["captions"][0]["words"].size());
    }

    void progressAndCancel() {
        WeightedWords enc;
        const CaptionSet s = setOf({{"a dog on the street", "a cat near the park"}, {"a man on the beach"}});
        CaptionAttackOptions o;
        o.textsPerBatch = 4;  // one caption per batch
        std::vector<double> fractions;
        attackCaptions(s, {&enc}, smallWords(), o, [&](const Progress& p) { fractions.push_back(p.fraction); });
        QVERIFY(fractions.size() >= 3);
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, attackCaptions(s, {&enc}, smallWords(), o, {}, &cancel));
        QVERIFY_THROWS_EXCEPTION(Error, attackCaptions(s, {}, smallWords(), o));
    }

    void attackFilesWithSixCaptionsAndSkipsLoadBack() {
        // Six ground truths (12 captions) and a skipped caption (9): not RoCOCO's 10/11 counts,
        // yet "adversarial_source" makes the file read back as written.
        WeightedWords enc;
        const auto r = attack(setOf({{"a dog on the street", "a cat near the park", "a man on the beach",
                                      "a girl and a horse", "a boy with a kitten", "a woman with a puppy"},
                                     {"a dog in the park", "the and a", "a cat on a street", "a man near a horse",
                                      "a girl on the beach"}}),
                              enc, smallWords(), CaptionAttackPolicy::RandVoca, 5);
        QCOMPARE(r.counts.attacked, size_t(10));
        QCOMPARE(r.counts.noSourceWord, size_t(1));
        const fs::path out = fs::path(m_tmp.path().toStdString()) / "six.json";
        writeCaptionAttack(r, out, captionAttackDetailsPath(out));
        const CaptionSet back = loadCaptionSet(out);  // AttackLayout::Auto
        QVERIFY(back.rococoAttack);
        QVERIFY(back.issues.empty());
        QCOMPARE(back.images[0].captions.size(), size_t(12));
        QCOMPARE(back.images[0].groundTruthCount(), size_t(6));
        QCOMPARE(back.images[1].captions.size(), size_t(9));
        QCOMPARE(back.images[1].groundTruthCount(), size_t(5));
        const std::vector<int> sources1 = {0, 2, 3, 4};  // caption 1 was skipped
        for (size_t k = 0; k < 4; ++k) {
            const CaptionEntry& c = back.images[1].captions[5 + k];
            QVERIFY(c.adversarial);
            QCOMPARE(c.source, sources1[k]);
            QVERIFY(isSingleWordSwap(c.swaps));
        }
        CaptionSetOptions none;
        none.attacks = AttackLayout::None;
        QCOMPARE(loadCaptionSet(out, none).adversarialCaptions(), size_t(0));
        // A bad list is an issue naming the file; that entry loads as ground truth.
        const fs::path bad = fs::path(m_tmp.path().toStdString()) / "bad_sources.json";
        std::ofstream(bad) << R"([{"image": "a.jpg", "caption": ["a dog", "a cat", "a cow"], "adversarial_source": [5]},
                                  {"image": "b.jpg", "caption": ["a dog", "a cat"], "adversarial_source": [0]}])";
        const CaptionSet b = loadCaptionSet(bad);
        QCOMPARE(b.issues.size(), size_t(1));
        QVERIFY(b.issues[0].message.find(bad.string()) != std::string::npos);
        QCOMPARE(b.images[0].groundTruthCount(), size_t(3));
        QCOMPARE(b.images[1].groundTruthCount(), size_t(1));
        QCOMPARE(b.images[1].captions[1].source, 0);
    }

    void releasedKarpathySplitSubset() {
        if (!fs::exists(kRococo / "coco_karpathy_test.json"))
            QSKIP(qPrintable("RoCOCO data missing: " + QString::fromStdString(kRococo.string())));
        CaptionSet clean = loadCaptionSet(kRococo / "coco_karpathy_test.json");
        clean.images.resize(50);
        size_t gt = 0;
        for (const auto& img : clean.images) gt += img.captions.size();
        const AttackWords words = loadAttackWords(kShipped);
        HashDemoEncoder enc;
        for (CaptionAttackPolicy p : {CaptionAttackPolicy::SameConcept, CaptionAttackPolicy::DiffConcept,
                                      CaptionAttackPolicy::RandVoca, CaptionAttackPolicy::Danger}) {
            CaptionAttackOptions o;
            o.policy = p;
            o.seed = 1;
            const CaptionAttackResult r = attackCaptions(clean, {&enc}, words, o);
            QCOMPARE(r.counts.groundTruth, gt);
            QCOMPARE(r.counts.attacked + r.counts.skipped(), gt);
            QVERIFY2(r.counts.attacked >= gt * 9 / 10, captionAttackPolicyName(p));
            QCOMPARE(r.set.images.size(), size_t(50));
            size_t adversarial = 0;
            for (const auto& rec : r.records) {
                const CaptionedImage& img = r.set.images[rec.image];
                const size_t nGt = clean.images[rec.image].captions.size();
                QCOMPARE(img.captions[rec.caption].text, clean.images[rec.image].captions[rec.caption].text);
                if (rec.skip != AttackSkip::None) continue;
                ++adversarial;
                const auto swaps = diffCaptions(img.captions[rec.caption].text, rec.adversarial);
                QVERIFY2(isSingleWordSwap(swaps), rec.adversarial.c_str());
                QCOMPARE(swaps[0].source[0], rec.source);
                QCOMPARE(swaps[0].target[0], rec.target);
                // Whole word: the words are the ground truth's with exactly the chosen one replaced.
                std::vector<std::string> expected = diffWords(rec.normalised);
                expected[size_t(rec.sourceIndex)] = rec.target;
                QCOMPARE(diffWords(rec.adversarial), expected);
                QVERIFY(!wordsOfImage(clean.images[rec.image]).count(rec.target));
                QVERIFY(!words.isStopWord(rec.source));
                // The layout: ground truth first, then this image's adversarial captions.
                bool found = false;
                for (size_t k = nGt; k < img.captions.size(); ++k)
                    found = found || (img.captions[k].source == int(rec.caption) && img.captions[k].adversarial &&
                                      img.captions[k].text == rec.adversarial);
                QVERIFY(found);
            }
            QCOMPARE(r.set.adversarialCaptions(), adversarial);
            QCOMPARE(r.set.groundTruthCaptions(), gt);
        }
    }
};

QTEST_GUILESS_MAIN(TestRetrievalCaptionAttack)
#include "tst_retrieval_caption_attack.moc"
