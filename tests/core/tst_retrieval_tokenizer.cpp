// ClipTokenizer: every id of CLIP's own tokenizer on 7,014 texts (golden_tokens.jsonl), the
// vocabulary layout, packing to 77 with truncation, cleaning and pre-tokenisation rules.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/retrieval/clip_tokenizer.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const fs::path kClipData = fs::path(WINNOW_SHARED_DATA) / "clip";

std::string join(const std::vector<int32_t>& ids, size_t from, size_t n) {
    std::ostringstream s;
    for (size_t k = from; k < std::min(ids.size(), from + n); ++k) s << (k > from ? " " : "") << ids[k];
    return s.str();
}

}  // namespace

class TestRetrievalTokenizer : public QObject {
    Q_OBJECT
    std::unique_ptr<ClipTokenizer> m_tok;
    QTemporaryDir m_tmp;

    bool haveData() const { return fs::exists(kClipData / "bpe_simple_vocab_16e6.txt.gz"); }

private Q_SLOTS:
    void initTestCase() {
        if (haveData()) m_tok = std::make_unique<ClipTokenizer>(kClipData / "bpe_simple_vocab_16e6.txt.gz");
    }

    void vocabularyAsClipBuildsIt() {
        if (!m_tok) QSKIP(qPrintable("CLIP data missing: " + QString::fromStdString(kClipData.string())));
        QCOMPARE(m_tok->mergeCount(), size_t(48894));
        QCOMPARE(m_tok->vocabSize(), size_t(49408));
        QCOMPARE(m_tok->startId(), 49406);
        QCOMPARE(m_tok->endId(), 49407);
        // "!" is byte 0x21, the first of CLIP's byte table; "a</w>" = 256 + ('a' - '!').
        QCOMPARE(m_tok->encode("!"), (std::vector<int32_t>{256}));
        QCOMPARE(m_tok->encode("a"), (std::vector<int32_t>{256 + ('a' - '!')}));
        QCOMPARE(m_tok->decode({320, 2368}), std::string("a</w> cat</w>"));
    }

    void reproducesEveryGoldenId() {
        if (!m_tok) QSKIP(qPrintable("CLIP data missing: " + QString::fromStdString(kClipData.string())));
        std::ifstream in(kClipData / "golden_tokens.jsonl");
        QVERIFY(in);
        std::string line;
        size_t texts = 0, ids = 0, lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            if (line.empty()) continue;
            const nlohmann::json row = nlohmann::json::parse(line);
            const std::string text = row.at("text").get<std::string>();
            const std::vector<int32_t> expected = row.at("ids").get<std::vector<int32_t>>();
            std::vector<int32_t> got{m_tok->startId()};
            for (int32_t id : m_tok->encode(text)) got.push_back(id);
            got.push_back(m_tok->endId());
            if (got != expected) {
                size_t k = 0;
                while (k < got.size() && k < expected.size() && got[k] == expected[k]) ++k;
                const size_t from = k >= 3 ? k - 3 : 0;
                const std::string msg = "first mismatch: golden_tokens.jsonl line " + std::to_string(lineNo) +
                                        ", text " + nlohmann::json(text).dump() + ", id position " + std::to_string(k) +
                                        "\n  expected ... " + join(expected, from, 8) + " (" +
                                        std::to_string(expected.size()) + " ids)\n  got      ... " + join(got, from, 8) +
                                        " (" + std::to_string(got.size()) + " ids)\n  got tokens: " +
                                        m_tok->decode(std::vector<int32_t>(got.begin() + long(from),
                                                                           got.begin() + long(std::min(got.size(), from + 8))));
                QFAIL(msg.c_str());
            }
            ++texts;
            ids += expected.size();
        }
        qInfo("golden_tokens.jsonl: %zu texts, %zu ids, 0 mismatches", texts, ids);
        QCOMPARE(texts, size_t(7014));
    }

    void packsToContextWithTruncationReported() {
        if (!m_tok) QSKIP(qPrintable("CLIP data missing: " + QString::fromStdString(kClipData.string())));
        const PackedTokens shortText = m_tok->pack("a photo of a cat");
        QCOMPARE(shortText.ids.size(), size_t(77));
        QCOMPARE(shortText.fullLength, int64_t(7));
        QVERIFY(!shortText.truncated);
        QCOMPARE(std::vector<int64_t>(shortText.ids.begin(), shortText.ids.begin() + 8),
                 (std::vector<int64_t>{49406, 320, 1125, 539, 320, 2368, 49407, 0}));
        QCOMPARE(shortText.ids.back(), int64_t(0));

        std::string longText;
        for (int k = 0; k < 100; ++k) longText += "a ";
        const PackedTokens cut = m_tok->pack(longText);
        QVERIFY(cut.truncated);
        QCOMPARE(cut.fullLength, int64_t(102));
        QCOMPARE(cut.ids.size(), size_t(77));
        QCOMPARE(cut.ids[0], int64_t(49406));
        QCOMPARE(cut.ids[75], int64_t(320));
        QCOMPARE(cut.ids[76], int64_t(49407));

        // Exactly filling the context is not a truncation; a custom pad id is used.
        std::string exact;
        for (int k = 0; k < 75; ++k) exact += "a ";
        const PackedTokens full = m_tok->pack(exact, 77, 7);
        QVERIFY(!full.truncated);
        QCOMPARE(full.ids[76], int64_t(49407));
        const PackedTokens padded = m_tok->pack("cat", 5, 7);
        QCOMPARE(padded.ids, (std::vector<int64_t>{49406, 2368, 49407, 7, 7}));
    }

    void cleaningAsClip() {
        QCOMPARE(ClipTokenizer::cleanText("   Many    SPACES\tand\ttabs\n "), std::string("many spaces and tabs"));
        QCOMPARE(ClipTokenizer::cleanText("&amp;lt;b&amp;gt;"), std::string("<b>"));  // unescaped twice
        QCOMPARE(ClipTokenizer::htmlUnescape("&#39;&#x41;&#128;&amp x&copy2"), std::string("'A\xE2\x82\xAC& x\xC2\xA9" "2"));
        QCOMPARE(ClipTokenizer::htmlUnescape("&unknown; & &#; &#0;"), std::string("&unknown; & &#; \xEF\xBF\xBD"));
        QCOMPARE(ClipTokenizer::cleanText("\xC3\x89" "COLE \xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3"),  // ÉCOLE ΟΔΟΣ
                 std::string("\xC3\xA9" "cole \xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82"));          // école οδος (final ς)
        QCOMPARE(ClipTokenizer::cleanText("\xE2\x80\x83x\xC2\xA0y"), std::string("x y"));  // em space, no-break space
    }

    void preTokenisationAsClipsRegex() {
        using V = std::vector<std::string>;
        QCOMPARE(ClipTokenizer::preTokenize("it's the dog's ball"), (V{"it", "'s", "the", "dog", "'s", "ball"}));
        QCOMPARE(ClipTokenizer::preTokenize("we'll 3.14"), (V{"we", "'ll", "3", ".", "1", "4"}));
        QCOMPARE(ClipTokenizer::preTokenize("''s ok!?"), (V{"''", "s", "ok", "!?"}));
        QCOMPARE(ClipTokenizer::preTokenize("<|endoftext|>x !<|startoftext|>"),
                 (V{"<|endoftext|>", "x", "!<|", "startoftext", "|>"}));
        QCOMPARE(ClipTokenizer::preTokenize("\xE6\x9D\xB1\xE4\xBA\xAC tower \xF0\x9F\x98\x80\xF0\x9F\x98\x80"),
                 (V{"\xE6\x9D\xB1\xE4\xBA\xAC", "tower", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80"}));
        QCOMPARE(ClipTokenizer::preTokenize("x\xC2\xB2y"), (V{"x", "\xC2\xB2", "y"}));  // ² is a number (No)
    }

    void badMergesFilesAreNamed() {
        const fs::path missing = fs::path(m_tmp.path().toStdString()) / "nope.txt.gz";
        try {
            ClipTokenizer t(missing);
            QFAIL("a missing merges file was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(missing.string()) != std::string::npos, e.what());
        }
        const fs::path small = fs::path(m_tmp.path().toStdString()) / "small.txt";
        std::ofstream(small) << "#version: 0.2\ni n\nt h\n";
        try {
            ClipTokenizer t(small);
            QFAIL("a merges file with 2 merges was accepted");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find(small.string()) != std::string::npos && msg.find("holds 2 merges") != std::string::npos,
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRetrievalTokenizer)
#include "tst_retrieval_tokenizer.moc"
