#include "core/retrieval/caption_demo.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/dataset/demo.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/regular_file.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr int kForeground = 40;
constexpr int kSide = 28;
constexpr int kTestImages = 10000;
constexpr int kCaptionsPerImage = 5;

// Reads a whole gzip (or raw) file; Error names the file.
std::string readGz(const fs::path& file) {
    std::string why;
    const int fd = openRegularFile(file, why);
    if (fd < 0) throw Error("cannot read " + file.string() + ": " + why);
    gzFile f = gzdopen(fd, "rb");
    if (!f) {
        ::close(fd);
        throw Error("cannot read " + file.string());
    }
    std::string out;
    char buf[1 << 16];
    for (;;) {
        const int n = gzread(f, buf, sizeof buf);
        if (n < 0) {
            gzclose(f);
            throw Error("cannot read " + file.string() + ": corrupt gzip data");
        }
        if (n == 0) break;
        out.append(buf, size_t(n));
    }
    gzclose(f);
    return out;
}

uint32_t bigEndian(const std::string& s, size_t at) {
    return uint32_t(uint8_t(s[at])) << 24 | uint32_t(uint8_t(s[at + 1])) << 16 | uint32_t(uint8_t(s[at + 2])) << 8 |
           uint32_t(uint8_t(s[at + 3]));
}

struct TestSplit {
    std::string images;  // kTestImages * 28 * 28 bytes after the header
    std::string labels;
};

TestSplit readTestSplit() {
    if (!fashionMnistAvailable())
        throw Error("Fashion-MNIST is not installed (looked in " + fashionMnistDir().string() +
                    "). Install it with: sudo apt-get install dataset-fashion-mnist");
    const fs::path imagesFile = fashionMnistDir() / "t10k-images-idx3-ubyte.gz";
    const fs::path labelsFile = fashionMnistDir() / "t10k-labels-idx1-ubyte.gz";
    TestSplit t{readGz(imagesFile), readGz(labelsFile)};
    if (t.images.size() < 16 || bigEndian(t.images, 0) != 0x803 || bigEndian(t.images, 4) != kTestImages ||
        bigEndian(t.images, 8) != kSide || bigEndian(t.images, 12) != kSide ||
        t.images.size() != 16 + size_t(kTestImages) * kSide * kSide)
        throw Error(imagesFile.string() + " is not the Fashion-MNIST test images file (10,000 x 28 x 28 IDX)");
    if (t.labels.size() != 8 + size_t(kTestImages) || bigEndian(t.labels, 0) != 0x801 ||
        bigEndian(t.labels, 4) != kTestImages)
        throw Error(labelsFile.string() + " is not the Fashion-MNIST test labels file (10,000 IDX labels)");
    for (size_t i = 8; i < t.labels.size(); ++i)
        if (uint8_t(t.labels[i]) > 9) throw Error(labelsFile.string() + ": a label above 9");
    return t;
}

// A uniform integer in [0, n) from the generator's raw output (no std:: distributions: their
// algorithms differ between standard libraries). The modulo bias is below 2^-50 here.
size_t pick(std::mt19937_64& rng, size_t n) { return size_t(rng() % n); }

const std::string& pickWord(std::mt19937_64& rng, const std::vector<std::string>& words) {
    return words[pick(rng, words.size())];
}

std::string withArticle(const std::string& phrase) {
    const char c = phrase.empty() ? 'x' : phrase[0];
    const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    return (vowel ? "an " : "a ") + phrase;
}

std::string joinAnd(const std::vector<std::string>& words) {
    std::string s;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) s += i + 1 == words.size() ? " and " : ", ";
        s += words[i];
    }
    return s;
}

}  // namespace

std::vector<std::string> DemoAttributes::present() const {
    std::vector<std::string> out;
    for (const auto& w : words)
        if (!w.empty()) out.push_back(w);
    return out;
}

DemoAttributes measureDemoAttributes(const uint8_t* p, int w, int h) {
    DemoAttributes a;
    int x0 = w, x1 = -1, y0 = h, y1 = -1;
    double sum = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int v = p[y * w + x];
            if (v <= kForeground) continue;
            ++a.foreground;
            sum += v;
            x0 = std::min(x0, x);
            x1 = std::max(x1, x);
            y0 = std::min(y0, y);
            y1 = std::max(y1, y);
        }
    if (a.foreground == 0) return a;
    a.brightness = sum / a.foreground;
    a.fill = double(a.foreground) / (double(w) * h);
    a.aspect = double(x1 - x0 + 1) / double(y1 - y0 + 1);
    double diff = 0, mass = 0, top = 0, bottom = 0;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const int v = p[y * w + x];
            diff += std::abs(v - int(p[y * w + (x0 + x1 - x)]));
            mass += v;
            if (2 * y + 1 < y0 + y1 + 1) top += v;
            else if (2 * y + 1 > y0 + y1 + 1) bottom += v;
        }
    a.asymmetry = mass > 0 ? diff / (2 * mass) : 0;
    a.topShare = top + bottom > 0 ? top / (top + bottom) : 0.5;
    double gradient = 0;
    int inside = 0;
    for (int y = 0; y + 1 < h; ++y)
        for (int x = 0; x + 1 < w; ++x) {
            const int v = p[y * w + x], right = p[y * w + x + 1], below = p[(y + 1) * w + x];
            if (v <= kForeground || right <= kForeground || below <= kForeground) continue;
            gradient += std::abs(right - v) + std::abs(below - v);
            ++inside;
        }
    a.texture = inside > 0 ? gradient / inside : 0;
    auto band = [](double v, double lo, double hi, const char* low, const char* high) {
        return std::string(v < lo ? low : v > hi ? high : "");
    };
    a.words[int(DemoAttribute::Brightness)] = band(a.brightness, 140, 190, "dark", "bright");
    a.words[int(DemoAttribute::Size)] = band(a.fill, 0.33, 0.55, "small", "large");
    a.words[int(DemoAttribute::Shape)] = band(a.aspect, 0.70, 1.30, "narrow", "wide");
    a.words[int(DemoAttribute::Symmetry)] = band(a.asymmetry, 0.07, 0.28, "symmetric", "asymmetric");
    a.words[int(DemoAttribute::Texture)] = band(a.texture, 40, 60, "plain", "patterned");
    a.words[int(DemoAttribute::Balance)] = band(a.topShare, 0.40, 0.52, "bottom-heavy", "top-heavy");
    return a;
}

const std::vector<std::string>& demoAttributeSynonyms(const std::string& word) {
    static const std::map<std::string, std::vector<std::string>> synonyms = {
        {"dark", {"dark", "dim", "shadowy"}},
        {"bright", {"bright", "light", "pale"}},
        {"small", {"small", "tiny", "little"}},
        {"large", {"large", "big", "bulky"}},
        {"narrow", {"narrow", "slim", "tall"}},
        {"wide", {"wide", "broad", "flat"}},
        {"symmetric", {"symmetric", "balanced", "even"}},
        {"asymmetric", {"asymmetric", "lopsided", "uneven"}},
        {"plain", {"plain", "smooth", "simple"}},
        {"patterned", {"patterned", "striped", "textured"}},
        {"bottom-heavy", {"bottom-heavy", "wide-based"}},
        {"top-heavy", {"top-heavy", "wide-topped"}},
    };
    static const std::vector<std::string> none;
    const auto it = synonyms.find(word);
    return it == synonyms.end() ? none : it->second;
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string>& captionDemoClassWords(int classIndex) {
    static const std::vector<std::vector<std::string>> words = {
        {"t-shirt", "top", "tee"},
        {"pair of trousers", "pair of pants", "pair of slacks"},
        {"pullover", "sweater", "jumper"},
        {"dress", "gown", "frock"},
        {"coat", "jacket", "overcoat"},
        {"sandal", "summer sandal", "strappy sandal"},
        {"shirt", "button-up shirt", "blouse"},
        {"sneaker", "trainer", "running shoe"},
        {"bag", "handbag", "purse"},
        {"ankle boot", "boot", "short boot"},
    };
    if (classIndex < 0 || classIndex >= int(words.size()))
        throw Error("Fashion-MNIST class " + std::to_string(classIndex) + " outside 0..9");
    return words[size_t(classIndex)];
}

std::vector<std::string> demoCaptions(int classIndex, const DemoAttributes& a, std::mt19937_64& rng) {
    const std::vector<std::string>& nouns = captionDemoClassWords(classIndex);
    const std::vector<std::string> present = a.present();
    std::vector<std::string> captions;
    for (int c = 0; c < kCaptionsPerImage; ++c) {
        const std::string noun = pickWord(rng, nouns);
        // 0..3 attributes, fewer when the image has fewer; a seeded partial shuffle picks them.
        std::vector<std::string> chosen = present;
        const size_t want = std::min(chosen.size(), pick(rng, 4));
        for (size_t i = 0; i < want; ++i) std::swap(chosen[i], chosen[i + pick(rng, chosen.size() - i)]);
        chosen.resize(want);
        std::vector<std::string> adjectives;
        for (const auto& w : chosen) adjectives.push_back(pickWord(rng, demoAttributeSynonyms(w)));
        std::string before;  // "dark, large " before the noun
        for (size_t i = 0; i < adjectives.size(); ++i) before += adjectives[i] + (i + 1 < adjectives.size() ? ", " : " ");
        const std::string phrase = before + noun;
        std::string caption;
        switch (pick(rng, adjectives.empty() ? 3 : 6)) {
            case 0: caption = withArticle(phrase); break;
            case 1: caption = "a photo of " + withArticle(phrase); break;
            case 2: caption = withArticle(phrase) + " on a black background"; break;
            case 3: caption = withArticle(noun) + " that is " + joinAnd(adjectives); break;
            case 4: caption = "this " + noun + " looks " + joinAnd(adjectives); break;
            default: caption = "a grey picture of " + withArticle(phrase); break;
        }
        captions.push_back(caption);
    }
    return captions;
}

CaptionDemoReport buildCaptionDemo(const fs::path& outFolder, const CaptionDemoOptions& options,
                                   const ProgressFn& progress, const CancelToken* cancel) {
    if (options.count < 1 || options.count > kTestImages)
        throw Error("the demo caption set takes 1 to 10,000 images, not " + std::to_string(options.count));
    const TestSplit split = readTestSplit();

    std::error_code ec;
    const bool existed = fs::exists(outFolder, ec);
    if (existed) {
        if (!fs::is_directory(outFolder, ec))
            throw Error("cannot build the demo caption set in " + outFolder.string() + ": it is not a folder");
        if (!fs::is_empty(outFolder, ec))
            throw Error("cannot build the demo caption set in " + outFolder.string() +
                        ": the folder is not empty (choose a new or empty folder)");
    } else if (!fs::create_directories(outFolder, ec) || ec) {
        throw Error("cannot create " + outFolder.string() + ": " + ec.message());
    }
    const fs::path imagesDir = outFolder / "images";
    // Everything below outFolder is ours: a failure or a cancel removes it.
    auto undo = [&] {
        std::error_code e;
        if (existed) fs::remove_all(imagesDir, e), fs::remove(outFolder / "captions.json", e);
        else fs::remove_all(outFolder, e);
    };
    try {
        if (!fs::create_directory(imagesDir, ec) || ec)
            throw Error("cannot create " + imagesDir.string() + ": " + ec.message());

        std::mt19937_64 rng(options.seed);
        std::vector<int> order(kTestImages);
        for (int i = 0; i < kTestImages; ++i) order[size_t(i)] = i;
        for (size_t i = 0; i < size_t(options.count); ++i) std::swap(order[i], order[i + pick(rng, order.size() - i)]);
        order.resize(size_t(options.count));
        std::sort(order.begin(), order.end());

        ProgressReporter reporter(progress, cancel, options.count, 50);
        nlohmann::json list = nlohmann::json::array();
        CaptionDemoReport report;
        for (size_t k = 0; k < order.size(); ++k) {
            const int index = order[k];
            const auto* pixels = reinterpret_cast<const uint8_t*>(split.images.data()) + 16 + size_t(index) * kSide * kSide;
            const int label = uint8_t(split.labels[8 + size_t(index)]);
            char name[32];
            std::snprintf(name, sizeof name, "images/%05zu.png", k + 1);
            std::vector<uchar> png;
            const cv::Mat mat(kSide, kSide, CV_8UC1, const_cast<uint8_t*>(pixels));
            if (!cv::imencode(".png", mat, png)) throw Error("cannot encode " + (outFolder / name).string() + " as PNG");
            writeFileAtomically(outFolder / name, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()),
                                AtomicFile::Sync::No);
            const DemoAttributes attributes = measureDemoAttributes(pixels, kSide, kSide);
            nlohmann::json e;
            e["image"] = name;
            e["caption"] = demoCaptions(label, attributes, rng);
            e["class"] = fashionMnistClassNames()[size_t(label)];
            e["source_index"] = index;
            e["attributes"] = attributes.present();
            list.push_back(std::move(e));
            report.captions += kCaptionsPerImage;
            ++report.images;
            reporter.step(1, "writing demo images");
        }
        if (cancel) cancel->throwIfCancelled();
        report.captionsFile = outFolder / "captions.json";
        writeFileAtomically(report.captionsFile, list.dump(1) + "\n");
        reporter.done("demo caption set written");
        return report;
    } catch (...) {
        undo();
        throw;
    }
}

}  // namespace winnow::core
