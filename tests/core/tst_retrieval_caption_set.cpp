// Caption sets: the released Karpathy/RoCOCO files (counts, attack layout, word diffs), the
// COCO captions and CSV formats, images resolved against a folder, and bad input.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/retrieval/caption_set.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const fs::path kRococo = fs::path(WINNOW_SHARED_DATA) / "rococo";

std::string errorOf(const fs::path& file, const CaptionSetOptions& o = {}) {
    try {
        loadCaptionSet(file, o);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

class TestRetrievalCaptionSet : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    fs::path write(const std::string& name, const std::string& bytes) {
        const fs::path p = root() / (std::to_string(m_n++) + "_" + name);
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }
    void requireData() {
        if (!fs::exists(kRococo / "coco_karpathy_test.json"))
            QSKIP(qPrintable("RoCOCO data missing: " + QString::fromStdString(kRococo.string())));
    }

    const WordSwap& onlySwap(const CaptionSet& set, size_t image, size_t caption) {
        const CaptionEntry& c = set.images[image].captions[caption];
        if (!c.adversarial || c.swaps.size() != 1) qFatal("expected one swap at %zu/%zu", image, caption);
        return c.swaps[0];
    }

private Q_SLOTS:
    void karpathyTestSplit() {
        requireData();
        const CaptionSet set = loadCaptionSet(kRococo / "coco_karpathy_test.json");
        QCOMPARE(set.format, CaptionFormat::KarpathyList);
        QVERIFY(!set.rococoAttack);
        QCOMPARE(set.images.size(), size_t(5000));
        QCOMPARE(set.groundTruthCaptions(), size_t(25010));
        QCOMPARE(set.adversarialCaptions(), size_t(0));
        QVERIFY(set.issues.empty());
        QCOMPARE(set.images[0].image, std::string("val2014/COCO_val2014_000000391895.jpg"));
        QCOMPARE(set.images[0].status, ImageStatus::Unchecked);
    }

    void attackFilesCountsAndSingleWordSwaps() {
        requireData();
        const CaptionSet clean = loadCaptionSet(kRococo / "coco_karpathy_test.json");
        // Adversarial captions whose word diff is exactly one word for one word, and those
        // equal to their ground truth up to case/punctuation (counted independently in Python:
        // same word count, exactly one position differs).
        const struct {
            const char* file;
            size_t singleWord;
            size_t unchanged;
        } files[] = {{"same_concept.json", 24346, 0},
                     {"diff_concept.json", 24416, 0},
                     {"rand_voca.json", 24659, 0},
                     {"danger.json", 23347, 3}};
        for (const auto& f : files) {
            const CaptionSet set = loadCaptionSet(kRococo / f.file);
            QVERIFY2(set.rococoAttack, f.file);
            QCOMPARE(set.images.size(), size_t(5000));
            QCOMPARE(set.groundTruthCaptions(), size_t(25010));
            QCOMPARE(set.adversarialCaptions(), size_t(25000));
            QVERIFY(set.issues.empty());
            size_t single = 0, unchanged = 0, sixes = 0;
            for (size_t k = 0; k < set.images.size(); ++k) {
                const CaptionedImage& img = set.images[k];
                QCOMPARE(img.image, clean.images[k].image);
                const size_t gt = img.groundTruthCount();
                sixes += gt == 6;
                for (size_t i = 0; i < gt; ++i) QCOMPARE(img.captions[i].text, clean.images[k].captions[i].text);
                for (size_t i = gt; i < img.captions.size(); ++i) {
                    QVERIFY(img.captions[i].adversarial);
                    QCOMPARE(img.captions[i].source, int(i - gt));
                    single += isSingleWordSwap(img.captions[i].swaps);
                    unchanged += img.captions[i].swaps.empty();
                }
            }
            QCOMPARE(sixes, size_t(10));
            qInfo("%s: %zu of 25000 adversarial captions swap exactly one word, %zu unchanged", f.file, single, unchanged);
            QCOMPARE(single, f.singleWord);
            QCOMPARE(unchanged, f.unchanged);
        }
    }

    void handCheckedDiffs() {
        requireData();
        const CaptionSet same = loadCaptionSet(kRococo / "same_concept.json");
        // Entry 0: "A man with a red helmet ..." -> "a catchers with a red helmet ...".
        QCOMPARE(onlySwap(same, 0, 5).source[0], std::string("man"));
        QCOMPARE(onlySwap(same, 0, 5).target[0], std::string("catchers"));
        QCOMPARE(onlySwap(same, 0, 6).target[0], std::string("queens"));
        QCOMPARE(onlySwap(same, 0, 7).source[0], std::string("back"));
        QCOMPARE(onlySwap(same, 0, 7).target[0], std::string("left"));
        // Entry 83 has 6 ground-truth captions: caption 6 derives from caption 0.
        QCOMPARE(same.images[83].groundTruthCount(), size_t(6));
        QCOMPARE(same.images[83].captions[6].source, 0);
        QCOMPARE(onlySwap(same, 83, 6).source[0], std::string("muffins"));
        QCOMPARE(onlySwap(same, 83, 6).target[0], std::string("orange"));

        const CaptionSet diff = loadCaptionSet(kRococo / "diff_concept.json");
        QCOMPARE(onlySwap(diff, 0, 5).target[0], std::string("five"));
        QCOMPARE(onlySwap(diff, 0, 6).target[0], std::string("dog"));
        QCOMPARE(onlySwap(diff, 0, 7).target[0], std::string("midwestern"));

        const CaptionSet voca = loadCaptionSet(kRococo / "rand_voca.json");
        QCOMPARE(onlySwap(voca, 0, 5).target[0], std::string("eyes"));
        QCOMPARE(onlySwap(voca, 0, 7).target[0], std::string("murderer"));
        // Entry 178, caption 4: "ground" replaced as a substring: background -> backfrance.
        const auto& sw = voca.images[178].captions[9].swaps;
        QCOMPARE(sw.size(), size_t(2));
        QCOMPARE(sw[0].source[0], std::string("background"));
        QCOMPARE(sw[0].target[0], std::string("backfrance"));
        QCOMPARE(sw[0].sourceCore, std::string("ground"));
        QCOMPARE(sw[0].targetCore, std::string("france"));
        QVERIFY(sw[0].insideWord);
        QCOMPARE(sw[1].source[0], std::string("ground"));
        QVERIFY(!sw[1].insideWord);

        const CaptionSet danger = loadCaptionSet(kRococo / "danger.json");
        QCOMPARE(onlySwap(danger, 0, 5).target[0], std::string("criminal"));  // "A criminal with ..."
        QCOMPARE(onlySwap(danger, 0, 7).target[0], std::string("weapon"));
        QCOMPARE(onlySwap(danger, 0, 8).source[0], std::string("mountains"));
        QCOMPARE(onlySwap(danger, 0, 8).target[0], std::string("minefield"));
        // Entry 133, caption 2: "men and women" -> "criminal and wocriminal".
        const auto& d = danger.images[133].captions[7].swaps;
        QCOMPARE(d.size(), size_t(2));
        QCOMPARE(d[0].source[0], std::string("men"));
        QCOMPARE(d[0].target[0], std::string("criminal"));
        QCOMPARE(d[1].source[0], std::string("women"));
        QCOMPARE(d[1].target[0], std::string("wocriminal"));
        QCOMPARE(d[1].sourceCore, std::string("men"));
        QCOMPARE(d[1].targetCore, std::string("criminal"));
        QVERIFY(d[1].insideWord);
    }

    void missingImagesArePerItemIssues() {
        requireData();
        const fs::path images = root() / "coco";
        fs::create_directories(images / "val2014");
        std::ofstream(images / "val2014" / "COCO_val2014_000000391895.jpg") << "jpeg bytes";
        fs::create_directories(images / "val2014" / "COCO_val2014_000000060623.jpg");  // a folder
        CaptionSetOptions o;
        o.imageFolder = images;
        const CaptionSet set = loadCaptionSet(kRococo / "danger.json", o);
        QCOMPARE(set.images.size(), size_t(5000));
        QCOMPARE(set.images[0].status, ImageStatus::Found);
        QCOMPARE(set.images[0].path, images / "val2014" / "COCO_val2014_000000391895.jpg");
        QCOMPARE(set.missingImages(), size_t(4999));
        QCOMPARE(set.issues.size(), size_t(4999));
        QCOMPARE(set.images[1].status, ImageStatus::NotAFile);
        QVERIFY2(contains(set.issues[0].message, "not an image file: " + (images / set.images[1].image).string()),
                 set.issues[0].message.c_str());
        QCOMPARE(set.images[2].status, ImageStatus::Missing);
        QVERIFY2(contains(set.issues[1].message, "image not found: " + (images / set.images[2].image).string()),
                 set.issues[1].message.c_str());
        QVERIFY(contains(set.issues[1].message, "danger.json"));
        QCOMPARE(set.adversarialCaptions(), size_t(25000));  // the captions all loaded
    }

    void karpathyListMergesImagesAndReportsBadEntries() {
        const fs::path f = write("train.json", R"([
            {"image": "a.jpg", "caption": "first of a"},
            {"image": "b.jpg", "caption": ["one of b", "two of b"]},
            {"image": "a.jpg", "caption": "second of a"},
            {"caption": ["no image"]},
            {"image": "c.jpg", "caption": []}
        ])");
        fs::create_directories(root() / "imgs");
        std::ofstream(root() / "imgs" / "a.jpg") << "x";
        CaptionSetOptions o;
        o.imageFolder = root() / "imgs";
        const CaptionSet set = loadCaptionSet(f, o);
        QCOMPARE(set.format, CaptionFormat::KarpathyList);
        QCOMPARE(set.images.size(), size_t(2));
        QCOMPARE(set.images[0].image, std::string("a.jpg"));
        QCOMPARE(set.images[0].captions.size(), size_t(2));
        QCOMPARE(set.images[0].captions[1].text, std::string("second of a"));
        QCOMPARE(set.images[1].captions.size(), size_t(2));
        QCOMPARE(set.images[0].status, ImageStatus::Found);
        QCOMPARE(set.images[1].status, ImageStatus::Missing);
        QCOMPARE(set.issues.size(), size_t(3));
        QVERIFY(contains(set.issues[0].message, "entry 4 has no \"image\""));
        QVERIFY(contains(set.issues[1].message, "c.jpg") && contains(set.issues[1].message, "no captions"));
        QVERIFY(contains(set.issues[2].message, "b.jpg"));
    }

    void tenIndependentCaptionsAreNotAnAttack() {
        std::string json = "[";
        for (int k = 0; k < 3; ++k) {
            json += std::string(k ? "," : "") + "{\"image\": \"i" + std::to_string(k) + ".jpg\", \"caption\": [";
            for (int c = 0; c < 10; ++c) {  // five words of its own in every caption
                json += std::string(c ? "," : "") + "\"a";
                for (int w = 0; w < 5; ++w) json += " w" + std::to_string(c) + "x" + std::to_string(w);
                json += "\"";
            }
            json += "]}";
        }
        json += "]";
        const fs::path f = write("cub.json", json);
        CaptionSet set = loadCaptionSet(f);
        QVERIFY(!set.rococoAttack);
        QCOMPARE(set.groundTruthCaptions(), size_t(30));
        CaptionSetOptions forced;
        forced.attacks = AttackLayout::Rococo;
        set = loadCaptionSet(f, forced);
        QVERIFY(set.rococoAttack);
        QCOMPARE(set.adversarialCaptions(), size_t(15));
        // Forced layout, entry of 7 captions: an issue, loaded as ground truth.
        const fs::path seven = write("seven.json", R"([{"image": "x.jpg", "caption": ["a","b","c","d","e","f","g"]}])");
        set = loadCaptionSet(seven, forced);
        QCOMPARE(set.groundTruthCaptions(), size_t(7));
        QCOMPARE(set.issues.size(), size_t(1));
        QVERIFY(contains(set.issues[0].message, "has 7 captions"));
    }

    void cocoCaptionsFormat() {
        const fs::path f = write("captions_val.json", R"({
            "info": {}, "images": [{"id": 7, "file_name": "seven.jpg"}, {"id": 9, "file_name": "nine.jpg"},
                                   {"id": 11, "file_name": "eleven.jpg"}],
            "annotations": [{"image_id": 9, "id": 1, "caption": "a dog"}, {"image_id": 7, "id": 2, "caption": "a cat"},
                            {"image_id": 9, "id": 3, "caption": "the dog"}, {"image_id": 5, "id": 4, "caption": "lost"}]})");
        const CaptionSet set = loadCaptionSet(f);
        QCOMPARE(set.format, CaptionFormat::CocoCaptions);
        QCOMPARE(set.images.size(), size_t(2));
        QCOMPARE(set.images[0].image, std::string("seven.jpg"));  // in "images" order
        QCOMPARE(set.images[1].captions.size(), size_t(2));
        QCOMPARE(set.images[1].captions[1].text, std::string("the dog"));
        QCOMPARE(set.issues.size(), size_t(2));
        QVERIFY(contains(set.issues[0].message, "image_id 5"));
        QVERIFY(contains(set.issues[1].message, "eleven.jpg") && contains(set.issues[1].message, "no captions"));
    }

    void csvFormats() {
        const fs::path withHeader =
            write("caps.csv", "caption,image\n\"a dog, running\",d.jpg\na cat,c.jpg\nthe dog,d.jpg\n,e.jpg\n");
        CaptionSet set = loadCaptionSet(withHeader);
        QCOMPARE(set.format, CaptionFormat::Csv);
        QCOMPARE(set.images.size(), size_t(2));
        QCOMPARE(set.images[0].image, std::string("d.jpg"));
        QCOMPARE(set.images[0].captions[0].text, std::string("a dog, running"));
        QCOMPARE(set.images[0].captions.size(), size_t(2));
        QCOMPARE(set.issues.size(), size_t(1));
        QVERIFY(contains(set.issues[0].message, "line 5"));
        const fs::path noHeader = write("plain.csv", "x.jpg,a thing\ny.jpg,another thing\n");
        set = loadCaptionSet(noHeader);
        QCOMPARE(set.images.size(), size_t(2));
        QCOMPARE(set.images[1].captions[0].text, std::string("another thing"));
    }

    void malformedCsvCaptionRowsNameFileLineAndColumn() {
        // Issue 13: a caption CSV row with text after a closing quote, or a caption holding a
        // UTF-16 surrogate, is skipped with an issue naming the file, line and column; the rest loads.
        const fs::path f = write("strict.csv",
                                 "image,caption\nd.jpg,\"a dog\" running\nc.jpg,a cat\ne.jpg,bad \xED\xA0\x80 text\n");
        CaptionSet set = loadCaptionSet(f);
        QCOMPARE(set.images.size(), size_t(1));
        QCOMPARE(set.images[0].image, std::string("c.jpg"));
        QCOMPARE(set.issues.size(), size_t(2));
        QVERIFY2(contains(set.issues[0].message, f.string() + ", line 2, column 15: text after the closing quote"),
                 set.issues[0].message.c_str());
        QVERIFY2(contains(set.issues[1].message, f.string() + ", line 4, column 11: not valid UTF-8: UTF-16 surrogate"),
                 set.issues[1].message.c_str());
    }

    void neitherFormatIsAClearError() {
        const fs::path layout = write("other.json", R"({"data": [1, 2, 3]})");
        std::string e = errorOf(layout);
        QVERIFY2(contains(e, layout.string()) && contains(e, "expected") && contains(e, "annotations"), e.c_str());
        const fs::path broken = write("broken.json", R"([{"image": "a.jpg", "caption": )");
        e = errorOf(broken);
        QVERIFY2(contains(e, broken.string()) && contains(e, "not valid JSON"), e.c_str());
        const fs::path text = write("notes.txt", "just some words\nmore words\n");
        e = errorOf(text);
        QVERIFY2(contains(e, text.string()) && contains(e, "image,caption"), e.c_str());
        const fs::path three = write("three.csv", "a,b,c\n");
        e = errorOf(three);
        QVERIFY2(contains(e, three.string()) && contains(e, "3 columns"), e.c_str());
        e = errorOf(root() / "absent.json");
        QVERIFY2(contains(e, (root() / "absent.json").string()) && contains(e, "no such file"), e.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRetrievalCaptionSet)
#include "tst_retrieval_caption_set.moc"
