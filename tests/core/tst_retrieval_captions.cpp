// Caption normalisation as RoCOCO's evaluation (BLIP's pre_caption, 30 words) and the word
// diff between a ground-truth caption and its adversarial version.
#include <QtTest>

#include "core/retrieval/caption_text.h"

using namespace winnow::core;

class TestRetrievalCaptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalisesAsRococo() {
        QCOMPARE(normaliseCaption("A man with a red helmet on a small moped on a dirt road. "),
                 std::string("a man with a red helmet on a small moped on a dirt road"));
        // . ! " ( ) * # : ; ~ become spaces; commas, apostrophes, ? and - stay.
        QCOMPARE(normaliseCaption("Hi!(\"yes\") *#:;~ it's a cat, isn't it? ice-cream."),
                 std::string("hi yes it's a cat, isn't it? ice-cream"));
        QCOMPARE(normaliseCaption("a.b"), std::string("a b"));
        // Runs of two or more whitespace characters collapse; a single tab stays (as in their code).
        QCOMPARE(normaliseCaption("a  b\t\tc\td\n"), std::string("a b c\td"));
        QCOMPARE(normaliseCaption("  \xC3\x89T\xC3\x89  "), std::string("\xC3\xA9t\xC3\xA9"));  // ÉTÉ -> été
        QCOMPARE(normaliseCaption(""), std::string(""));
    }

    void truncatesToThirtyWords() {
        std::string forty, thirty;
        for (int k = 0; k < 40; ++k) forty += "w" + std::to_string(k) + " ";
        for (int k = 0; k < 30; ++k) thirty += (k ? " w" : "w") + std::to_string(k);
        QCOMPARE(normaliseCaption(forty), thirty);
        QCOMPARE(normaliseCaption(thirty + "."), thirty);
        QCOMPARE(normaliseCaption("a b c d", 2), std::string("a b"));
        QCOMPARE(normaliseCaption("a b c d", 0), std::string("a b c d"));
    }

    void diffWordsIgnorePunctuationSpacing() {
        using V = std::vector<std::string>;
        QCOMPARE(diffWords("A clean, spacious bathroom."), (V{"a", "clean", "spacious", "bathroom"}));
        QCOMPARE(diffWords("a clean , spacious bathroom"), (V{"a", "clean", "spacious", "bathroom"}));
        QCOMPARE(diffWords("it's cloud-wreathed"), (V{"it", "s", "cloud", "wreathed"}));
    }

    void singleWordSwap() {
        const auto swaps = diffCaptions("A man riding on the back of a motorcycle.", "a man riding on the left of a motorcycle");
        QCOMPARE(swaps.size(), size_t(1));
        QVERIFY(isSingleWordSwap(swaps));
        QCOMPARE(swaps[0].source, (std::vector<std::string>{"back"}));
        QCOMPARE(swaps[0].target, (std::vector<std::string>{"left"}));
        QCOMPARE(swaps[0].sourceIndex, size_t(5));
        QCOMPARE(swaps[0].targetIndex, size_t(5));
        QVERIFY(!swaps[0].insideWord);
    }

    void repeatedWordIsOneSwapNotDeleteInsert() {
        const auto swaps = diffCaptions("x y", "y y");
        QCOMPARE(swaps.size(), size_t(1));
        QVERIFY(isSingleWordSwap(swaps));
        QCOMPARE(swaps[0].source[0], std::string("x"));
    }

    void substringReplacementReportedInsideWord() {
        // RoCOCO's danger file replaced "man" inside "woman".
        auto swaps = diffCaptions("A woman holding an umbrella.", "A wocriminal holding an umbrella .");
        QVERIFY(isSingleWordSwap(swaps));
        QCOMPARE(swaps[0].source[0], std::string("woman"));
        QCOMPARE(swaps[0].target[0], std::string("wocriminal"));
        QCOMPARE(swaps[0].sourceCore, std::string("man"));
        QCOMPARE(swaps[0].targetCore, std::string("criminal"));
        QVERIFY(swaps[0].insideWord);
        // Two swaps: "men" -> "criminal" as a word and inside "pavement".
        swaps = diffCaptions("Two men on the pavement", "Two criminal on the pavecriminalt");
        QCOMPARE(swaps.size(), size_t(2));
        QVERIFY(!swaps[0].insideWord);
        QCOMPARE(swaps[1].sourceCore, std::string("men"));
        QCOMPARE(swaps[1].targetCore, std::string("criminal"));
        QVERIFY(swaps[1].insideWord);
        // A plural is not a replacement inside a word.
        swaps = diffCaptions("a catcher", "a catchers");
        QCOMPARE(swaps[0].sourceCore, std::string(""));
        QCOMPARE(swaps[0].targetCore, std::string("s"));
        QVERIFY(!swaps[0].insideWord);
    }

    void multiWordSpans() {
        const auto swaps = diffCaptions("a cell phone with a picture", "a sam with a picture of cows");
        QCOMPARE(swaps.size(), size_t(2));
        QCOMPARE(swaps[0].source, (std::vector<std::string>{"cell", "phone"}));
        QCOMPARE(swaps[0].target, (std::vector<std::string>{"sam"}));
        QCOMPARE(swaps[0].sourceCore, std::string("cell phone"));
        QVERIFY(swaps[1].source.empty());
        QCOMPARE(swaps[1].target, (std::vector<std::string>{"of", "cows"}));
        QVERIFY(!isSingleWordSwap(swaps));
        QVERIFY(diffCaptions("Same words.", "same  words").empty());
    }
};

QTEST_GUILESS_MAIN(TestRetrievalCaptions)
#include "tst_retrieval_captions.moc"
