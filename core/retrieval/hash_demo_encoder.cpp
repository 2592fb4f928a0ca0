#include "core/retrieval/hash_demo_encoder.h"

#include <cmath>

#include "core/retrieval/caption_text.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

void finish(Embeddings& e) {
    for (int64_t r = 0; r < e.rows; ++r) {
        float* row = e.values.data() + r * e.dim;
        double n = 0;
        for (int64_t k = 0; k < e.dim; ++k) n += double(row[k]) * row[k];
        if (n == 0) row[0] = 1.0f;
    }
    normaliseRows(e.values.data(), e.rows, e.dim);
}

}  // namespace

Embeddings HashDemoEncoder::encodeImages(const std::vector<Image>& images) {
    Embeddings e;
    e.rows = int64_t(images.size());
    e.dim = kDim;
    e.values.assign(size_t(e.rows * e.dim), 0.0f);
    for (size_t i = 0; i < images.size(); ++i) {
        const Image& im = images[i];
        if (im.empty() || im.width <= 0 || im.height <= 0 || im.channels <= 0)
            throw Error("hash-demo: an empty image in the batch");
        float* row = e.values.data() + i * kDim;
        std::vector<double> sum(kDim, 0.0), count(kDim, 0.0);
        for (int y = 0; y < im.height; ++y)
            for (int x = 0; x < im.width; ++x) {
                const size_t cell = size_t((y * 8 / im.height) * 8 + (x * 8 / im.width));
                const uint8_t* p = im.pixels.data() + (size_t(y) * size_t(im.width) + size_t(x)) * size_t(im.channels);
                double v = 0;
                for (int c = 0; c < im.channels; ++c) v += p[c];
                sum[cell] += v / im.channels;
                count[cell] += 1;
            }
        double mean = 0;
        for (int k = 0; k < kDim; ++k) {
            sum[size_t(k)] = count[size_t(k)] > 0 ? sum[size_t(k)] / count[size_t(k)] : 0.0;
            mean += sum[size_t(k)] / kDim;
        }
        for (int k = 0; k < kDim; ++k) row[k] = float(sum[size_t(k)] - mean);
    }
    finish(e);
    return e;
}

Embeddings HashDemoEncoder::encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) {
    Embeddings e;
    e.rows = int64_t(captions.size());
    e.dim = kDim;
    e.values.assign(size_t(e.rows * e.dim), 0.0f);
    for (size_t i = 0; i < captions.size(); ++i) {
        const std::string text = normaliseCaption(captions[i]);
        float* row = e.values.data() + i * kDim;
        size_t start = 0;
        while (start <= text.size()) {
            size_t end = text.find(' ', start);
            if (end == std::string::npos) end = text.size();
            if (end > start) {
                uint64_t h = 1469598103934665603ull;
                for (size_t k = start; k < end; ++k) h = (h ^ uint8_t(text[k])) * 1099511628211ull;
                row[h % kDim] += (h >> 32) & 1 ? 1.0f : -1.0f;
            }
            start = end + 1;
        }
    }
    if (report) report->truncated = 0;
    finish(e);
    return e;
}

}  // namespace winnow::core
