#include "core/retrieval/encoding.h"

#include <algorithm>
#include <cstring>

#include "core/dataset/image_loader.h"
#include "core/retrieval/clip_tokenizer.h"
#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

void checkBatch(int batchSize) {
    if (batchSize < 1) throw Error("encoding: batch size " + std::to_string(batchSize) + " is below 1");
}

void checkRows(const Embeddings& got, size_t expected, int64_t dim, const DualEncoder& encoder) {
    if (got.rows != int64_t(expected) || got.dim != dim || got.values.size() != size_t(got.rows * got.dim))
        throw Error(encoder.description() + ": returned " + std::to_string(got.rows) + " x " + std::to_string(got.dim) +
                    " embeddings for " + std::to_string(expected) + " inputs (expected D = " + std::to_string(dim) + ")");
}

// Flushes the cache when the job stops early, so finished batches are not encoded again.
struct FlushOnExit {
    EmbeddingCache* cache;
    ~FlushOnExit() {
        if (!cache) return;
        try {
            cache->flush();
        } catch (const std::exception&) {
            // the cache keeps the message in issues(); a failed cache write loses no user data
        }
    }
};

}  // namespace

Embeddings encodeImageFiles(DualEncoder& encoder, const std::vector<std::filesystem::path>& files,
                            EmbeddingCache* cache, int batchSize, const ProgressFn& progress,
                            const CancelToken* cancel, std::vector<std::string>* issues, std::vector<bool>* ok) {
    checkBatch(batchSize);
    const int64_t dim = encoder.dim();
    Embeddings out{int64_t(files.size()), dim, std::vector<float>(files.size() * size_t(dim), 0.0f)};
    std::vector<bool> good(files.size(), false);
    FlushOnExit flushOnExit{cache};
    ProgressReporter reporter(progress, cancel, int64_t(files.size()), batchSize);

    std::vector<size_t> batchRows;
    std::vector<std::string> batchKeys;
    std::vector<Image> batch;
    auto encodeBatch = [&] {
        if (batch.empty()) return;
        if (cancel) cancel->throwIfCancelled();
        const Embeddings e = encoder.encodeImages(batch);
        checkRows(e, batch.size(), dim, encoder);
        for (size_t i = 0; i < batch.size(); ++i) {
            std::memcpy(out.values.data() + batchRows[i] * size_t(dim), e.row(int64_t(i)), size_t(dim) * sizeof(float));
            good[batchRows[i]] = true;
            if (cache) cache->put(batchKeys[i], e.row(int64_t(i)));
        }
        batch.clear();
        batchRows.clear();
        batchKeys.clear();
    };
    for (size_t i = 0; i < files.size(); ++i) {
        try {
            std::string key;
            if (cache) {
                key = EmbeddingCache::imageFileKey(files[i]);
                if (const float* row = cache->find(key)) {
                    std::memcpy(out.values.data() + i * size_t(dim), row, size_t(dim) * sizeof(float));
                    good[i] = true;
                    reporter.step(1, "encoding images");
                    continue;
                }
            }
            batch.push_back(ImageLoader::decodeFile(files[i]));
            batchRows.push_back(i);
            batchKeys.push_back(std::move(key));
        } catch (const Error& e) {
            if (issues) issues->push_back(files[i].string() + ": not encoded: " + e.what());
        }
        if (int(batch.size()) >= batchSize) encodeBatch();
        reporter.step(1, "encoding images");
    }
    encodeBatch();
    if (cache) cache->flush();
    reporter.done("encoded " + std::to_string(std::count(good.begin(), good.end(), true)) + " of " +
                  std::to_string(files.size()) + " images");
    if (ok) *ok = std::move(good);
    return out;
}

Embeddings encodeCaptions(DualEncoder& encoder, const std::vector<std::string>& captions, EmbeddingCache* cache,
                          int batchSize, const ProgressFn& progress, const CancelToken* cancel,
                          TextBatchReport* report) {
    checkBatch(batchSize);
    const int64_t dim = encoder.dim();
    Embeddings out{int64_t(captions.size()), dim, std::vector<float>(captions.size() * size_t(dim), 0.0f)};
    FlushOnExit flushOnExit{cache};
    ProgressReporter reporter(progress, cancel, int64_t(captions.size()), batchSize);
    std::vector<size_t> batchRows, cachedRows;
    std::vector<std::string> batch;
    auto encodeBatch = [&] {
        if (batch.empty()) return;
        if (cancel) cancel->throwIfCancelled();
        const Embeddings e = encoder.encodeTexts(batch, report);
        checkRows(e, batch.size(), dim, encoder);
        for (size_t i = 0; i < batch.size(); ++i) {
            std::memcpy(out.values.data() + batchRows[i] * size_t(dim), e.row(int64_t(i)), size_t(dim) * sizeof(float));
            if (cache) cache->put(EmbeddingCache::captionKey(batch[i]), e.row(int64_t(i)));
        }
        reporter.step(int64_t(batch.size()), "encoding captions");
        batch.clear();
        batchRows.clear();
    };
    for (size_t i = 0; i < captions.size(); ++i) {
        if (cache) {
            if (const float* row = cache->find(EmbeddingCache::captionKey(captions[i]))) {
                std::memcpy(out.values.data() + i * size_t(dim), row, size_t(dim) * sizeof(float));
                cachedRows.push_back(i);
                reporter.step(1, "encoding captions");
                continue;
            }
        }
        batch.push_back(captions[i]);
        batchRows.push_back(i);
        if (int(batch.size()) >= batchSize) encodeBatch();
    }
    encodeBatch();
    if (cache) cache->flush();
    // Truncation of cached captions: the tokenizer alone says it (no model call).
    const TextPreprocessing& text = encoder.preprocessing().text;
    if (report && !cachedRows.empty() && !text.merges.empty()) {
        const ClipTokenizer tokenizer(text.merges);
        std::vector<std::string> cached;
        cached.reserve(cachedRows.size());
        for (size_t r : cachedRows) cached.push_back(captions[r]);
        packCaptions(tokenizer, cached, text, report);
    }
    reporter.done("encoded " + std::to_string(captions.size()) + " captions (" + std::to_string(cachedRows.size()) +
                  " from the cache)");
    return out;
}

}  // namespace winnow::core
