#include "core/curation/image_quality.h"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "core/util/sha256.h"

namespace winnow::core {
namespace {

cv::Mat view(const Image& image) {
    if (image.empty() || image.width <= 0 || image.height <= 0)
        throw Error("an empty image has no quality measures");
    return cv::Mat(image.height, image.width, CV_8UC(image.channels), const_cast<uint8_t*>(image.pixels.data()));
}

cv::Mat grey(const Image& image) {
    cv::Mat m = view(image);
    if (image.channels == 1) return m;
    cv::Mat g;
    cv::cvtColor(m, g, image.channels == 4 ? cv::COLOR_RGBA2GRAY : cv::COLOR_RGB2GRAY);
    return g;
}

}  // namespace

ImageQuality measureImageQuality(const Image& image) {
    ImageQuality q;
    const cv::Mat g = grey(image);
    cv::Scalar mean, stddev;
    cv::meanStdDev(g, mean, stddev);
    q.brightness = float(mean[0] / 255.0);
    q.contrast = float(stddev[0] / 255.0);
    cv::Mat lap;
    cv::Laplacian(g, lap, CV_64F, 1);
    cv::Scalar lm, ls;
    cv::meanStdDev(lap, lm, ls);
    q.blur = float(ls[0] * ls[0]);
    double hist[256] = {};
    for (int y = 0; y < g.rows; ++y) {
        const uint8_t* row = g.ptr<uint8_t>(y);
        for (int x = 0; x < g.cols; ++x) hist[row[x]] += 1.0;
    }
    const double total = double(g.rows) * double(g.cols);
    double h = 0;
    for (double c : hist)
        if (c > 0) h -= (c / total) * std::log2(c / total);
    q.entropy = float(h);
    q.width = float(image.width);
    q.height = float(image.height);
    q.channels = float(image.channels);
    q.aspect = float(std::max(double(image.width) / image.height, double(image.height) / image.width));
    if (image.channels >= 3) {
        const cv::Mat m = view(image);
        double sum = 0;
        for (int y = 0; y < m.rows; ++y) {
            const uint8_t* p = m.ptr<uint8_t>(y);
            for (int x = 0; x < m.cols; ++x, p += image.channels)
                sum += std::abs(int(p[0]) - int(p[1])) + std::abs(int(p[1]) - int(p[2])) + std::abs(int(p[2]) - int(p[0]));
        }
        q.colourfulness = float(sum / (3.0 * 255.0 * total));
    }
    return q;
}

std::vector<float> greyThumbnailDescriptor(const Image& image, int side) {
    const cv::Mat g = grey(image);
    cv::Mat small;
    cv::resize(g, small, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    std::vector<float> d(size_t(side) * size_t(side));
    double mean = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) mean += (d[size_t(y) * side + x] = small.at<uint8_t>(y, x) / 255.0f);
    mean /= double(d.size());
    double norm = 0;
    for (float& v : d) {
        v = float(v - mean);
        norm += double(v) * v;
    }
    norm = std::sqrt(norm);
    for (float& v : d) v = norm > 1e-9 ? float(v / norm) : 0.0f;
    return d;
}

std::array<uint8_t, 32> pixelHash(const Image& image) {
    return sha256Pixels(image.width, image.height, image.channels, image.pixels.data(), image.pixels.size());
}

const char* qualityFlagName(QualityFlag f) {
    switch (f) {
    case QualityFlag::Dark: return "dark";
    case QualityFlag::Overexposed: return "overexposed";
    case QualityFlag::LowContrast: return "low-contrast";
    case QualityFlag::Blurry: return "blurry";
    case QualityFlag::LowEntropy: return "low-information";
    case QualityFlag::ExtremeAspect: return "extreme-aspect";
    case QualityFlag::Tiny: return "tiny";
    case QualityFlag::GreyColourMismatch: return "grey-colour-mismatch";
    }
    return "?";
}

std::vector<QualityFlag> allQualityFlags() {
    return {QualityFlag::Dark, QualityFlag::Overexposed, QualityFlag::LowContrast, QualityFlag::Blurry,
            QualityFlag::LowEntropy, QualityFlag::ExtremeAspect, QualityFlag::Tiny, QualityFlag::GreyColourMismatch};
}

uint8_t qualityFlags(const ImageQuality& q, const QualityOptions& o, float medianBlur, bool mostlyGrey,
                     bool mixedSet) {
    uint8_t f = 0;
    auto set = [&](QualityFlag x) { f |= uint8_t(x); };
    if (q.brightness < o.darkBelow) set(QualityFlag::Dark);
    if (q.brightness > o.overexposedAbove) set(QualityFlag::Overexposed);
    if (q.contrast < o.lowContrastBelow) set(QualityFlag::LowContrast);
    if (q.entropy < o.lowEntropyBelow) set(QualityFlag::LowEntropy);
    // Flat images are already low-contrast; blur is judged where there is something to blur.
    if (q.contrast >= o.lowContrastBelow && medianBlur > 0 && q.blur < o.blurFractionOfMedian * medianBlur)
        set(QualityFlag::Blurry);
    if (q.aspect > o.extremeAspectAbove) set(QualityFlag::ExtremeAspect);
    if (std::min(q.width, q.height) < float(o.tinySideBelow)) set(QualityFlag::Tiny);
    const bool isGrey = q.channels < 3 || q.colourfulness <= o.greyColourfulnessBelow;
    if (!mixedSet && isGrey != mostlyGrey) set(QualityFlag::GreyColourMismatch);
    return f;
}

}  // namespace winnow::core
