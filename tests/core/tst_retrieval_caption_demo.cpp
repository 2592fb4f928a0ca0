// The Fashion-MNIST demo caption set: files and counts, images equal to the source records,
// captions naming the class and only attributes the pixels show (measured here independently),
// seeded determinism, the attribute rules on hand-built images, and a folder it must not touch.
#include <QtTest>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sstream>

#include "core/dataset/demo.h"
#include "core/retrieval/caption_demo.h"
#include "core/retrieval/caption_set.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string gunzip(const fs::path& p) {
    gzFile f = gzopen(p.string().c_str(), "rb");
    std::string out;
    char buf[1 << 16];
    int n;
    while (f && (n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
    if (f) gzclose(f);
    return out;
}

// The test's own copy of the vocabulary (the header documents it): class words and the
// attribute words with their meaning.
const std::vector<std::vector<std::string>> kClassWords = {
    {"t-shirt", "top", "tee"},       {"trousers", "pants", "slacks"}, {"pullover", "sweater", "jumper"},
    {"dress", "gown", "frock"},      {"coat", "jacket", "overcoat"},  {"sandal"},
    {"shirt", "blouse"},             {"sneaker", "trainer", "shoe"},  {"bag", "handbag", "purse"},
    {"boot"}};
const std::vector<std::string> kClassNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
const std::map<std::string, std::string> kAttributeWord = {
    {"dark", "dark"},          {"dim", "dark"},          {"shadowy", "dark"},      {"bright", "bright"},
    {"light", "bright"},       {"pale", "bright"},       {"small", "small"},       {"tiny", "small"},
    {"little", "small"},       {"large", "large"},       {"big", "large"},         {"bulky", "large"},
    {"narrow", "narrow"},      {"slim", "narrow"},       {"tall", "narrow"},       {"wide", "wide"},
    {"broad", "wide"},         {"flat", "wide"},         {"symmetric", "symmetric"}, {"balanced", "symmetric"},
    {"even", "symmetric"},     {"asymmetric", "asymmetric"}, {"lopsided", "asymmetric"}, {"uneven", "asymmetric"},
    {"plain", "plain"},        {"smooth", "plain"},      {"simple", "plain"},      {"patterned", "patterned"},
    {"striped", "patterned"},  {"textured", "patterned"}, {"bottom-heavy", "bottom-heavy"},
    {"wide-based", "bottom-heavy"}, {"top-heavy", "top-heavy"}, {"wide-topped", "top-heavy"}};

std::vector<std::string> words(const std::string& caption) {
    std::vector<std::string> out;
    std::string w;
    for (char c : caption + " ") {
        if (c == ' ' || c == ',') {
            if (!w.empty()) out.push_back(w);
            w.clear();
        } else {
            w += c;
        }
    }
    return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Brightness, fill and bbox aspect measured here, by the documented rules.
std::set<std::string> measuredHere(const uint8_t* p) {
    int n = 0, x0 = 28, x1 = -1, y0 = 28, y1 = -1;
    long sum = 0;
    for (int i = 0; i < 784; ++i)
        if (p[i] > 40) {
            ++n;
            sum += p[i];
            x0 = std::min(x0, i % 28), x1 = std::max(x1, i % 28), y0 = std::min(y0, i / 28), y1 = std::max(y1, i / 28);
        }
    std::set<std::string> s;
    if (n == 0) return s;
    const double mean = double(sum) / n, fill = n / 784.0, aspect = double(x1 - x0 + 1) / (y1 - y0 + 1);
    if (mean < 140) s.insert("dark");
    if (mean > 190) s.insert("bright");
    if (fill < 0.33) s.insert("small");
    if (fill > 0.55) s.insert("large");
    if (aspect < 0.7) s.insert("narrow");
    if (aspect > 1.3) s.insert("wide");
    return s;
}

}  // namespace

class TestRetrievalCaptionDemo : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    void requireData() {
        if (!fashionMnistAvailable())
            QSKIP(qPrintable("Fashion-MNIST is not installed in " + QString::fromStdString(fashionMnistDir().string()) +
                             " (apt-get install dataset-fashion-mnist)"));
    }

private Q_SLOTS:
    void filesCaptionsAndPixels() {
        requireData();
        const fs::path out = root() / "demo";
        CaptionDemoOptions o;
        o.count = 60;
        o.seed = 3;
        const CaptionDemoReport r = buildCaptionDemo(out, o);
        QCOMPARE(r.images, 60);
        QCOMPARE(r.captions, 300);
        QCOMPARE(r.captionsFile, out / "captions.json");
        int files = 0;
        for (const auto& e : fs::directory_iterator(out / "images")) files += e.path().extension() == ".png";
        QCOMPARE(files, 60);

        const std::string images = gunzip(fashionMnistDir() / "t10k-images-idx3-ubyte.gz");
        const std::string labels = gunzip(fashionMnistDir() / "t10k-labels-idx1-ubyte.gz");
        QCOMPARE(images.size(), size_t(16 + 10000 * 784));
        const json list = json::parse(slurp(out / "captions.json"));
        QCOMPARE(list.size(), size_t(60));
        std::set<std::string> distinct;
        std::set<int> sources;
        int attributeWordsSeen = 0;
        for (const json& e : list) {
            const int index = e.at("source_index").get<int>();
            QVERIFY(index >= 0 && index < 10000);
            QVERIFY(sources.insert(index).second);
            const int label = uint8_t(labels[size_t(8 + index)]);
            QCOMPARE(e.at("class").get<std::string>(), kClassNames[size_t(label)]);
            // The PNG decodes to exactly the source record.
            const cv::Mat png = cv::imread((out / e.at("image").get<std::string>()).string(), cv::IMREAD_UNCHANGED);
            QCOMPARE(png.rows, 28);
            QCOMPARE(png.cols, 28);
            QCOMPARE(png.channels(), 1);
            const auto* src = reinterpret_cast<const uint8_t*>(images.data()) + 16 + size_t(index) * 784;
            QVERIFY(std::equal(src, src + 784, png.ptr<uint8_t>(0)));
            const std::set<std::string> measured = measuredHere(src);
            std::set<std::string> listed;
            for (const json& a : e.at("attributes")) listed.insert(a.get<std::string>());
            // The attributes measured here appear in the entry's list, and the list's
            // brightness/size/shape words are exactly those.
            for (const auto& m : measured) QVERIFY2(listed.count(m), qPrintable(QString::fromStdString(m)));
            for (const auto& l : listed)
                if (l == "dark" || l == "bright" || l == "small" || l == "large" || l == "narrow" || l == "wide")
                    QVERIFY2(measured.count(l), qPrintable(QString::fromStdString(l)));
            const auto& captions = e.at("caption");
            QCOMPARE(captions.size(), size_t(5));
            for (const json& c : captions) {
                const std::string text = c.get<std::string>();
                distinct.insert(text);
                bool namesClass = false;
                for (const auto& w : kClassWords[size_t(label)]) namesClass |= contains(text, w);
                QVERIFY2(namesClass, text.c_str());
                // Every attribute word is one the image has.
                for (const auto& w : words(text)) {
                    const auto it = kAttributeWord.find(w);
                    if (it == kAttributeWord.end()) continue;
                    ++attributeWordsSeen;
                    QVERIFY2(listed.count(it->second), qPrintable(QString::fromStdString(text + " / " + it->second)));
                }
            }
        }
        QVERIFY(attributeWordsSeen > 100);
        QVERIFY2(distinct.size() >= 200, qPrintable(QString::number(distinct.size())));  // diverse captions

        // The retrieval module reads it: every image found, all ground truth.
        CaptionSetOptions load;
        load.imageFolder = out;
        const CaptionSet set = loadCaptionSet(r.captionsFile, load);
        QCOMPARE(set.images.size(), size_t(60));
        QCOMPARE(set.missingImages(), size_t(0));
        QCOMPARE(set.groundTruthCaptions(), size_t(300));
        QVERIFY(!set.rococoAttack);
    }

    void deterministicPerSeed() {
        requireData();
        CaptionDemoOptions o;
        o.count = 25;
        o.seed = 7;
        buildCaptionDemo(root() / "s7a", o);
        buildCaptionDemo(root() / "s7b", o);
        o.seed = 8;
        buildCaptionDemo(root() / "s8", o);
        QCOMPARE(slurp(root() / "s7a/captions.json"), slurp(root() / "s7b/captions.json"));
        QCOMPARE(slurp(root() / "s7a/images/00025.png"), slurp(root() / "s7b/images/00025.png"));
        QVERIFY(slurp(root() / "s7a/captions.json") != slurp(root() / "s8/captions.json"));
    }

    void attributeRulesOnHandBuiltImages() {
        // A bright 20 x 10 bar: small (200/784), wide (2.0), bright, mirror-symmetric, plain,
        // upper half = lower half (0.5: no balance word).
        std::vector<uint8_t> bar(784, 0);
        for (int y = 9; y < 19; ++y)
            for (int x = 4; x < 24; ++x) bar[size_t(y * 28 + x)] = 250;
        DemoAttributes a = measureDemoAttributes(bar.data(), 28, 28);
        QCOMPARE(a.foreground, 200);
        QCOMPARE(a.aspect, 2.0);
        QCOMPARE(a.present(), (std::vector<std::string>{"bright", "small", "wide", "symmetric", "plain"}));

        // A 10 x 26 column, grey 100 in its upper 13 rows and 60 below: dark (mean 80), narrow,
        // top-heavy (100 / 160 = 0.625), symmetric; only one row of inner edges: plain.
        std::vector<uint8_t> column(784, 0);
        for (int y = 1; y < 27; ++y)
            for (int x = 9; x < 19; ++x) column[size_t(y * 28 + x)] = y < 14 ? 100 : 60;
        a = measureDemoAttributes(column.data(), 28, 28);
        QCOMPARE(a.topShare, 0.625);
        QCOMPARE(a.words[int(DemoAttribute::Brightness)], std::string("dark"));
        QCOMPARE(a.words[int(DemoAttribute::Shape)], std::string("narrow"));
        QCOMPARE(a.words[int(DemoAttribute::Balance)], std::string("top-heavy"));
        QCOMPARE(a.words[int(DemoAttribute::Symmetry)], std::string("symmetric"));
        QCOMPARE(a.words[int(DemoAttribute::Texture)], std::string("plain"));

        // A 20 x 20 square of alternating columns 250/100: every step 150 (patterned); the
        // mirror of an even-width box swaps the column parity: asymmetry 150 / (2 * 175).
        std::vector<uint8_t> stripes(784, 0);
        for (int y = 4; y < 24; ++y)
            for (int x = 4; x < 24; ++x) stripes[size_t(y * 28 + x)] = x % 2 ? 100 : 250;
        a = measureDemoAttributes(stripes.data(), 28, 28);
        QVERIFY(std::abs(a.asymmetry - 150.0 / 350.0) < 1e-12);
        QCOMPARE(a.words[int(DemoAttribute::Texture)], std::string("patterned"));
        QCOMPARE(a.words[int(DemoAttribute::Symmetry)], std::string("asymmetric"));
        QCOMPARE(a.words[int(DemoAttribute::Size)], std::string(""));  // 400/784 = 0.51: middle band

        // Nothing above the threshold: no attributes, and captions still name the class.
        const std::vector<uint8_t> black(784, 30);
        a = measureDemoAttributes(black.data(), 28, 28);
        QCOMPARE(a.foreground, 0);
        QVERIFY(a.present().empty());
        std::mt19937_64 rng(1);
        for (const auto& c : demoCaptions(9, a, rng)) QVERIFY2(contains(c, "boot"), c.c_str());
    }

    void refusesAFolderInUseAndCleansUpOnCancel() {
        requireData();
        const fs::path used = root() / "used";
        fs::create_directories(used);
        std::ofstream(used / "mine.txt") << "keep";
        try {
            buildCaptionDemo(used, {});
            QFAIL("a non-empty folder was accepted");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), used.string()) && contains(e.what(), "not empty"), e.what());
        }
        QCOMPARE(slurp(used / "mine.txt"), std::string("keep"));
        QCOMPARE(std::distance(fs::directory_iterator(used), fs::directory_iterator()), 1L);

        CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, buildCaptionDemo(root() / "cancelled", {}, {}, &cancel));
        QVERIFY(!fs::exists(root() / "cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalCaptionDemo)
#include "tst_retrieval_caption_demo.moc"
