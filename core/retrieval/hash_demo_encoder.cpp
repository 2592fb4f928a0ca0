#include "core/retrieval/hash_demo_encoder.h"

#include <algorithm>

#include "core/retrieval/caption_text.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/util/error.h"

namespace winnow::core {

bool isHashDemoName(const std::string& model) { return model == "hash-demo" || model == "builtin-hash"; }

uint64_t HashDemoEncoder::wordHash(const std::string& word) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : word) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

Embeddings HashDemoEncoder::encodeImages(const std::vector<Image>& images) {
    Embeddings e;
    e.rows = int64_t(images.size());
    e.dim = kDim;
    e.values.assign(size_t(e.rows * e.dim), 0.0f);
    for (size_t i = 0; i < images.size(); ++i) {
        const Image& im = images[i];
        if (im.empty() || im.width <= 0 || im.height <= 0 || im.channels <= 0)
            throw Error("hash-demo: image " + std::to_string(i) + " of the batch is empty");
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
        bool zero = true;
        for (int k = 0; k < kDim; ++k) {
            row[k] = float(sum[size_t(k)] - mean);
            zero = zero && row[k] == 0.0f;
        }
        if (zero) row[0] = 1.0f;
    }
    normaliseRows(e.values.data(), e.rows, e.dim);
    return e;
}

Embeddings HashDemoEncoder::encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) {
    if (report) report->truncated = 0;
    Embeddings e;
    e.rows = int64_t(captions.size());
    e.dim = kDim;
    e.values.assign(size_t(e.rows * e.dim), 0.0f);
    for (size_t r = 0; r < captions.size(); ++r) {
        float* row = e.values.data() + r * size_t(kDim);
        const auto add = [&](const std::vector<std::string>& words) {
            for (const std::string& w : words) {
                const uint64_t h = wordHash(w);
                row[h % uint64_t(kDim)] += (h >> 63) ? -1.0f : 1.0f;
            }
        };
        add(diffWords(normaliseCaption(captions[r])));
        if (std::all_of(row, row + kDim, [](float v) { return v == 0.0f; })) add({"<empty>"});
    }
    normaliseRows(e.values.data(), e.rows, e.dim);
    return e;
}

}  // namespace winnow::core
