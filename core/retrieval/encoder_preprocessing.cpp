#include "core/retrieval/encoder_preprocessing.h"

#include <charconv>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/retrieval/caption_text.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

// Locale-independent shortest round-trip text of a float.
std::string number(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace

std::string EncoderPreprocessing::canonical() const {
    std::string s = "image:size=" + std::to_string(image.size) + ",resize=" +
                    (image.resize == ImagePreprocessing::Resize::Squash ? "squash" : "short-side-center-crop");
    s += ",mean=" + number(image.mean[0]) + "/" + number(image.mean[1]) + "/" + number(image.mean[2]);
    s += ",std=" + number(image.std[0]) + "/" + number(image.std[1]) + "/" + number(image.std[2]);
    s += ";text:context=" + std::to_string(text.contextLength) + ",start=" + std::to_string(text.startId) +
         ",end=" + std::to_string(text.endId) + ",pad=" + std::to_string(text.padId) +
         ",normalise=rococo-30-words,tokenizer=clip-bpe";
    if (!text.mergesSha256.empty()) s += ",merges-sha256=" + text.mergesSha256;
    return s;
}

void preprocessImage(const Image& image, const ImagePreprocessing& p, float* out) {
    if (image.empty() || image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3))
        throw Error("preprocessImage: an empty image or one with " + std::to_string(image.channels) + " channels");
    if (p.size < 1 || p.size > 4096)
        throw Error("preprocessImage: image size " + std::to_string(p.size) + " outside 1..4096");
    const int type = image.channels == 1 ? CV_8UC1 : CV_8UC3;
    const cv::Mat src(image.height, image.width, type, const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat resized;
    const int size = p.size;
    if (p.resize == ImagePreprocessing::Resize::Squash) {
        const bool shrink = image.width >= size && image.height >= size;
        cv::resize(src, resized, cv::Size(size, size), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_CUBIC);
    } else {
        const double scale = double(size) / std::min(image.width, image.height);
        const int w = std::max(size, int(std::lround(image.width * scale)));
        const int h = std::max(size, int(std::lround(image.height * scale)));
        cv::Mat scaled;
        cv::resize(src, scaled, cv::Size(w, h), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
        const int x = (w - size) / 2, y = (h - size) / 2;
        resized = scaled(cv::Rect(x, y, size, size));
    }
    const size_t plane = size_t(size) * size_t(size);
    for (int y = 0; y < size; ++y) {
        const uint8_t* row = resized.ptr<uint8_t>(y);
        for (int x = 0; x < size; ++x) {
            for (int c = 0; c < 3; ++c) {
                const uint8_t v = image.channels == 1 ? row[x] : row[x * 3 + c];
                out[c * plane + size_t(y) * size + x] = (v / 255.0f - p.mean[c]) / p.std[c];
            }
        }
    }
}

std::vector<int64_t> packCaptions(const ClipTokenizer& tokenizer, const std::vector<std::string>& captions,
                                  const TextPreprocessing& p, TextBatchReport* report) {
    if (p.startId != tokenizer.startId() || p.endId != tokenizer.endId())
        throw Error("the model's start/end ids (" + std::to_string(p.startId) + "/" + std::to_string(p.endId) +
                    ") are not the tokenizer's (" + std::to_string(tokenizer.startId()) + "/" +
                    std::to_string(tokenizer.endId()) + ")");
    if (p.contextLength < 2) throw Error("context length " + std::to_string(p.contextLength) + " is below 2");
    std::vector<int64_t> ids;
    ids.reserve(captions.size() * size_t(p.contextLength));
    for (const auto& caption : captions) {
        const PackedTokens packed = tokenizer.pack(normaliseCaption(caption), p.contextLength, p.padId);
        if (packed.truncated && report) ++report->truncated;
        ids.insert(ids.end(), packed.ids.begin(), packed.ids.end());
    }
    return ids;
}

int64_t normaliseRows(float* values, int64_t rows, int64_t dim) {
    int64_t bad = 0;
    for (int64_t r = 0; r < rows; ++r) {
        float* v = values + r * dim;
        double sum = 0;
        for (int64_t i = 0; i < dim; ++i) sum += double(v[i]) * v[i];
        if (!(sum > 0) || !std::isfinite(sum)) {
            ++bad;
            continue;
        }
        const float inv = float(1.0 / std::sqrt(sum));
        for (int64_t i = 0; i < dim; ++i) v[i] *= inv;
    }
    return bad;
}

}  // namespace winnow::core
