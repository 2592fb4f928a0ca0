#include "core/retrieval/image_attack.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/retrieval/attack_random.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/invalid_setting.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

// Keys that keep the generators of the pairing and of each box apart.
constexpr uint64_t kPairingKey = 0x70616972;  // "pair"
constexpr uint64_t kBoxKey = 0x626f78;        // "box"

void shuffle(std::vector<size_t>& v, AttackRandom& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

void checkImage(const Image& img, const char* which) {
    if (img.empty() || img.width <= 0 || img.height <= 0 || (img.channels != 1 && img.channels != 3) ||
        img.pixels.size() != size_t(img.width) * size_t(img.height) * size_t(img.channels))
        throw Error(std::string("image attack: the ") + which + " image is empty or not 8-bit grey/RGB");
}

cv::Mat toMat(const Image& img, int channels) {
    const cv::Mat src(img.height, img.width, img.channels == 1 ? CV_8UC1 : CV_8UC3,
                      const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat out;
    if (img.channels == channels) out = src.clone();
    else cv::cvtColor(src, out, cv::COLOR_GRAY2RGB);
    return out;
}

cv::Mat resized(const cv::Mat& m, int w, int h) {
    if (m.cols == w && m.rows == h) return m;
    const bool shrink = m.cols >= w && m.rows >= h;
    cv::Mat out;
    cv::resize(m, out, cv::Size(w, h), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_CUBIC);
    return out;
}

}  // namespace

const char* imageAttackKindName(ImageAttackKind k) { return k == ImageAttackKind::Mix ? "mix" : "patch"; }
const char* imagePairingName(ImagePairing p) { return p == ImagePairing::PaperCompatible ? "paper" : "default"; }

std::optional<ImageAttackKind> parseImageAttackKind(std::string_view name) {
    if (name == "mix") return ImageAttackKind::Mix;
    if (name == "patch") return ImageAttackKind::Patch;
    return std::nullopt;
}

std::optional<ImagePairing> parseImagePairing(std::string_view name) {
    if (name == "paper") return ImagePairing::PaperCompatible;
    if (name == "default") return ImagePairing::Default;
    return std::nullopt;
}

PixelBox pixelBox(const RelativeBox& box, int width, int height) {
    PixelBox p;
    p.width = std::clamp(int(std::lround(box.width * width)), box.width > 0 ? 1 : 0, width);
    p.height = std::clamp(int(std::lround(box.height * height)), box.height > 0 ? 1 : 0, height);
    p.x = std::clamp(int(std::lround(box.x * width)), 0, width - p.width);
    p.y = std::clamp(int(std::lround(box.y * height)), 0, height - p.height);
    return p;
}

std::vector<AlteredImage> planImageAttack(size_t galleryImages, const ImageAttackOptions& o) {
    if (!(o.lambda > 0.0 && o.lambda < 1.0))
        throw InvalidSetting("image attack: lambda must be between 0 and 1 (both excluded)");
    if (o.pairing == ImagePairing::PaperCompatible && (o.squareSize < 1 || o.squareSize > 4096))
        throw InvalidSetting("image attack: the square size must be 1 to 4096");
    if (o.pairing == ImagePairing::PaperCompatible && o.batchSize == 0)
        throw InvalidSetting("image attack: the batch size must be at least 1");
    if (o.pairing == ImagePairing::Default && galleryImages == 1)
        throw Error("image attack: a gallery of one image has no partner for it (the default pairing never "
                    "pairs an image with itself)");
    std::vector<AlteredImage> plan(galleryImages);
    for (size_t i = 0; i < galleryImages; ++i) {
        AlteredImage& a = plan[i];
        a.base = i;
        a.kind = o.kind;
        a.pairing = o.pairing;
        a.lambda = o.lambda;
        a.seed = o.seed;
        a.squareSize = o.pairing == ImagePairing::PaperCompatible ? o.squareSize : 0;
    }
    // Pairs depend on (seed, pairing, gallery size) only: Mix and Patch of one seed share them.
    AttackRandom rng = AttackRandom::forItem({o.seed, kPairingKey, uint64_t(o.pairing)});
    if (o.pairing == ImagePairing::PaperCompatible) {
        std::vector<size_t> order(galleryImages);
        std::iota(order.begin(), order.end(), size_t(0));
        shuffle(order, rng);
        for (size_t b = 0; b * o.batchSize < galleryImages; ++b) {
            const size_t first = b * o.batchSize, n = std::min(o.batchSize, galleryImages - first);
            std::vector<size_t> perm(n);
            std::iota(perm.begin(), perm.end(), size_t(0));
            shuffle(perm, rng);
            for (size_t k = 0; k < n; ++k) {
                AlteredImage& a = plan[order[first + k]];
                a.partner = order[first + perm[k]];
                a.batch = b;
            }
        }
    } else {
        for (size_t i = 0; i < galleryImages; ++i) {
            size_t j = rng.below(galleryImages - 1);
            if (j >= i) ++j;
            plan[i].partner = j;
        }
    }
    if (o.kind == ImageAttackKind::Patch) {
        const double side = std::sqrt(1.0 - o.lambda);
        for (size_t i = 0; i < galleryImages; ++i) {
            AttackRandom box = AttackRandom::forItem({o.seed, kBoxKey, uint64_t(i)});
            plan[i].box = RelativeBox{box.unit() * (1.0 - side), box.unit() * (1.0 - side), side, side};
        }
    }
    return plan;
}

Image renderAlteredImage(const Image& base, const Image& partner, const AlteredImage& a) {
    checkImage(base, "base");
    checkImage(partner, "partner");
    const int channels = std::max(base.channels, partner.channels);
    cv::Mat x = toMat(base, channels);
    cv::Mat y = toMat(partner, channels);
    if (a.pairing == ImagePairing::PaperCompatible) {
        if (a.squareSize < 1 || a.squareSize > 4096) throw Error("image attack: square size outside 1..4096");
        x = resized(x, a.squareSize, a.squareSize);
        y = resized(y, a.squareSize, a.squareSize);
    } else {
        y = resized(y, x.cols, x.rows);
    }
    Image out;
    out.width = x.cols;
    out.height = x.rows;
    out.channels = channels;
    out.pixels.resize(size_t(out.width) * size_t(out.height) * size_t(channels));
    const size_t rowBytes = size_t(out.width) * size_t(channels);
    if (a.kind == ImageAttackKind::Mix) {
        const double l = a.lambda;
        for (int r = 0; r < out.height; ++r) {
            const uint8_t* px = x.ptr<uint8_t>(r);
            const uint8_t* py = y.ptr<uint8_t>(r);
            uint8_t* po = out.pixels.data() + size_t(r) * rowBytes;
            for (size_t k = 0; k < rowBytes; ++k) {
                const double v = l * px[k] + (1.0 - l) * py[k];
                po[k] = uint8_t(std::clamp(std::floor(v + 0.5), 0.0, 255.0));
            }
        }
    } else {
        const PixelBox b = pixelBox(a.box, out.width, out.height);
        for (int r = 0; r < out.height; ++r) {
            const uint8_t* px = x.ptr<uint8_t>(r);
            std::copy(px, px + rowBytes, out.pixels.data() + size_t(r) * rowBytes);
            if (r < b.y || r >= b.y + b.height) continue;
            const uint8_t* py = y.ptr<uint8_t>(r);
            const size_t from = size_t(b.x) * size_t(channels), to = size_t(b.x + b.width) * size_t(channels);
            std::copy(py + from, py + to, out.pixels.data() + size_t(r) * rowBytes + from);
        }
    }
    return out;
}

std::string imageAttackPlanJson(const std::vector<AlteredImage>& plan) {
    nlohmann::json list = nlohmann::json::array();
    for (const AlteredImage& a : plan) {
        nlohmann::json j = {{"base", a.base},
                            {"partner", a.partner},
                            {"kind", imageAttackKindName(a.kind)},
                            {"pairing", imagePairingName(a.pairing)},
                            {"lambda", a.lambda},
                            {"seed", a.seed}};
        if (a.pairing == ImagePairing::PaperCompatible) {
            j["batch"] = a.batch;
            j["square_size"] = a.squareSize;
        }
        if (a.kind == ImageAttackKind::Patch)
            j["box"] = {{"x", a.box.x}, {"y", a.box.y}, {"width", a.box.width}, {"height", a.box.height}};
        list.push_back(std::move(j));
    }
    return list.dump(1) + "\n";
}

size_t writeAlteredImagesPng(const std::vector<AlteredImage>& plan, const std::function<Image(size_t)>& load,
                             const fs::path& folder, std::vector<std::string>* issues, const ProgressFn& progress,
                             const CancelToken* cancel) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error(folder.string() + ": cannot create the folder (" + ec.message() + ")");
    ProgressReporter reporter(progress, cancel, int64_t(plan.size()), 16);
    size_t written = 0;
    for (const AlteredImage& a : plan) {
        const fs::path file = folder / (std::to_string(a.base) + "_" + imageAttackKindName(a.kind) + "_s" +
                                        std::to_string(a.seed) + ".png");
        try {
            const Image img = renderAlteredImage(load(a.base), load(a.partner), a);
            cv::Mat m(img.height, img.width, img.channels == 1 ? CV_8UC1 : CV_8UC3,
                      const_cast<uint8_t*>(img.pixels.data()));
            cv::Mat bgr;
            if (img.channels == 3) cv::cvtColor(m, bgr, cv::COLOR_RGB2BGR);
            else bgr = m;
            std::vector<uint8_t> png;
            if (!cv::imencode(".png", bgr, png)) throw Error(file.string() + ": PNG encoding failed");
            writeFileAtomically(file, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()),
                                AtomicFile::Sync::No);
            ++written;
        } catch (const Error& e) {
            if (!issues) throw;
            issues->push_back("altered image " + std::to_string(a.base) + " (partner " + std::to_string(a.partner) +
                              "): " + e.what());
        }
        reporter.step(1, "writing altered images");
    }
    reporter.done("altered images written");
    return written;
}

}  // namespace winnow::core
