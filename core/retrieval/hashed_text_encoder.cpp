#include "core/retrieval/hashed_text_encoder.h"

#include <cmath>

#include "core/retrieval/caption_text.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/util/error.h"

namespace winnow::core {

HashedTextEncoder::HashedTextEncoder(int64_t dim) : m_dim(dim) {
    if (dim < 32 || dim > 65536) throw Error("builtin-hash: the embedding size must be 32 to 65536");
}

std::string HashedTextEncoder::identity() const { return "builtin-hash:v1:dim=" + std::to_string(m_dim); }

std::string HashedTextEncoder::description() const {
    return "builtin-hash (hashed bag of words, " + std::to_string(m_dim) + " dimensions; a stand-in, not a model)";
}

uint64_t HashedTextEncoder::wordHash(const std::string& word) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : word) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

Embeddings HashedTextEncoder::encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) {
    if (report) report->truncated = 0;
    Embeddings out;
    out.rows = int64_t(captions.size());
    out.dim = m_dim;
    out.values.assign(size_t(out.rows * out.dim), 0.0f);
    for (size_t r = 0; r < captions.size(); ++r) {
        float* row = out.values.data() + r * size_t(m_dim);
        std::vector<std::string> words = diffWords(normaliseCaption(captions[r]));
        const auto add = [&](const std::vector<std::string>& ws) {
            for (const std::string& w : ws) {
                const uint64_t h = wordHash(w);
                row[h % uint64_t(m_dim)] += (h >> 63) ? -1.0f : 1.0f;
            }
        };
        add(words);
        bool zero = true;
        for (int64_t d = 0; d < m_dim && zero; ++d) zero = row[d] == 0.0f;
        if (zero) {  // no words, or words whose signs cancelled
            std::fill(row, row + m_dim, 0.0f);
            add({"<empty>"});
        }
    }
    normaliseRows(out.values.data(), out.rows, out.dim);
    return out;
}

Embeddings HashedTextEncoder::encodeImages(const std::vector<Image>& images) {
    Embeddings out;
    out.rows = int64_t(images.size());
    out.dim = m_dim;
    out.values.assign(size_t(out.rows * out.dim), 0.0f);
    for (size_t r = 0; r < images.size(); ++r) {
        const Image& img = images[r];
        if (img.empty() || img.width <= 0 || img.height <= 0 || (img.channels != 1 && img.channels != 3))
            throw Error("builtin-hash: image " + std::to_string(r) + " of the batch is empty or not grey/RGB");
        float* row = out.values.data() + r * size_t(m_dim);
        const int C = img.channels;
        double sum[3] = {0, 0, 0}, sq[3] = {0, 0, 0}, grid[16] = {};
        int cells[16] = {};
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const uint8_t* p = img.pixels.data() + (size_t(y) * size_t(img.width) + size_t(x)) * size_t(C);
                double grey = 0;
                for (int c = 0; c < C; ++c) {
                    sum[c] += p[c];
                    sq[c] += double(p[c]) * p[c];
                    grey += p[c];
                }
                const int cell = (y * 4 / img.height) * 4 + x * 4 / img.width;
                grid[cell] += grey / C;
                ++cells[cell];
            }
        const double n = double(img.width) * img.height;
        for (int c = 0; c < 3; ++c) {
            const int k = C == 1 ? 0 : c;
            const double mean = sum[k] / n;
            row[c] = float(mean / 255.0);
            row[3 + c] = float(std::sqrt(std::max(0.0, sq[k] / n - mean * mean)) / 255.0);
        }
        for (int g = 0; g < 16; ++g) row[6 + g] = cells[g] ? float(grid[g] / cells[g] / 255.0) : 0.0f;
        row[22] = 1.0f;  // never a zero row (a black image)
    }
    normaliseRows(out.values.data(), out.rows, out.dim);
    return out;
}

}  // namespace winnow::core
