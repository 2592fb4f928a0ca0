// The one stand-in dual encoder ("hash-demo", also opened as "builtin-hash"): its words are
// the word diff's (so punctuation never splits one word into two), each word adds +-1 to the
// bucket its 64-bit FNV-1a hash picks (published test vectors below), empty captions and
// uniform images still get unit rows, and both names open the same encoder.
#include <QtTest>

#include <cmath>

#include "core/retrieval/hash_demo_encoder.h"
#include "core/retrieval/open_encoder.h"

using namespace winnow::core;

namespace {

double dot(const Embeddings& e, int64_t a, int64_t b) {
    double s = 0;
    for (int64_t k = 0; k < e.dim; ++k) s += double(e.row(a)[k]) * e.row(b)[k];
    return s;
}

}  // namespace

class TestRetrievalHashDemoEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fnv1aTestVectors() {
        // FNV-1a 64-bit of "" and "a" (the published reference values).
        QCOMPARE(HashDemoEncoder::wordHash(""), uint64_t(0xcbf29ce484222325ull));
        QCOMPARE(HashDemoEncoder::wordHash("a"), uint64_t(0xaf63dc4c8601ec8cull));
    }

    void oneWordIsOneBucket() {
        HashDemoEncoder enc;
        const Embeddings e = enc.encodeTexts({"Horse"});
        const uint64_t h = HashDemoEncoder::wordHash("horse");
        for (int64_t k = 0; k < e.dim; ++k) {
            const float want = k == int64_t(h % 64) ? ((h >> 63) ? -1.0f : 1.0f) : 0.0f;
            QCOMPARE(e.row(0)[k], want);
        }
    }

    void punctuationDoesNotMakeANewWord() {
        // The earlier hash-demo split at spaces only: "horse," and "horse" were two words.
        HashDemoEncoder enc;
        const Embeddings e = enc.encodeTexts({"a horse, on the beach", "a horse on the beach", "a zebra on the beach"});
        QVERIFY(std::abs(dot(e, 0, 1) - 1.0) < 1e-6);
        QVERIFY(dot(e, 0, 2) < 0.999);
    }

    void emptyCaptionAndUniformImageAreUnitRows() {
        HashDemoEncoder enc;
        const Embeddings t = enc.encodeTexts({"", "... !!"});
        for (int64_t r = 0; r < 2; ++r) QVERIFY(std::abs(dot(t, r, r) - 1.0) < 1e-6);
        QVERIFY(std::abs(dot(t, 0, 1) - 1.0) < 1e-6);  // both the bag of "<empty>"
        Image grey;
        grey.width = 16;
        grey.height = 16;
        grey.channels = 1;
        grey.pixels.assign(256, 77);
        const Embeddings i = enc.encodeImages({grey});
        QCOMPARE(i.row(0)[0], 1.0f);
        QVERIFY(std::abs(dot(i, 0, 0) - 1.0) < 1e-6);
    }

    void bothNamesOpenTheSameEncoder() {
        const auto a = openDualEncoder("hash-demo");
        const auto b = openDualEncoder("builtin-hash");
        QCOMPARE(a->identity(), std::string("demo:hash-demo-v2"));
        QCOMPARE(b->identity(), a->identity());
        QCOMPARE(a->dim(), int64_t(64));
        const Embeddings ea = a->encodeTexts({"two dogs play"}), eb = b->encodeTexts({"two dogs play"});
        QCOMPARE(ea.values, eb.values);
    }
};

QTEST_GUILESS_MAIN(TestRetrievalHashDemoEncoder)
#include "tst_retrieval_hash_demo_encoder.moc"
