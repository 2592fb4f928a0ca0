#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/importer.h"

// The built-in source formats. Static libraries drop unreferenced self-registering objects,
// so the driver registers these explicitly (registerBuiltinImportFormats) instead.
namespace winnow::core {

void importImageFolder(ImportContext& ctx);
void importCsv(ImportContext& ctx);
void importIdx(ImportContext& ctx);
void importCifar(ImportContext& ctx);

// Registers imagefolder, csv, idx and cifar (and the video formats when built with FFmpeg).
// Idempotent; importDataset() and importFormats() call it.
void registerBuiltinImportFormats();

// An image file waiting to become a sample.
struct PendingImage {
    std::string path;   // absolute, normalised
    std::string label;
    Split split = Split::Train;
    int64_t line = -1;  // CSV line
};

// Turns pending images into samples, in the order they were added. Probing (or decoding,
// VerifyMode::Full) of one batch runs on worker threads while the calling thread writes the
// previous batch to the database, so file-system latency and SQLite work overlap.
class ImageBatcher {
public:
    explicit ImageBatcher(ImportContext& ctx, size_t batchSize = 4096);
    ~ImageBatcher();  // waits for probing still in flight (e.g. when unwinding on Cancelled)
    ImageBatcher(const ImageBatcher&) = delete;
    ImageBatcher& operator=(const ImageBatcher&) = delete;

    void add(PendingImage p);
    // Writes everything still pending.
    void finish();
    int64_t written() const { return m_written; }

private:
    struct Batch;
    void dispatch();
    void drain();
    ImportContext& m_ctx;
    size_t m_batchSize;
    std::unique_ptr<Batch> m_filling;
    std::unique_ptr<Batch> m_inflight;
    int64_t m_written = 0;
};

// Rebuild an array cache file from its source exactly as the import wrote it (repair.h):
// the first `records` records; returns how many the source still holds. Throw Error when the
// source cannot be read or no longer matches the recorded geometry.
int64_t rebuildIdxCache(const std::filesystem::path& images, const std::filesystem::path& cache, int64_t records,
                        int height, int width, int channels, const std::function<void(int64_t, int64_t)>& progress);
int64_t rebuildCifarCache(const std::filesystem::path& batch, const std::filesystem::path& cache, int64_t records,
                          const std::function<void(int64_t, int64_t)>& progress);

// The content hash of each of the first `records` records of an array cache file (height x
// width x channels bytes each): sha256Pixels of the record, as the curation scan hashes the
// record it decodes. Throws Error naming the file when it cannot be read through.
std::vector<Sha256Digest> arrayRecordHashes(const std::filesystem::path& cache, int64_t records, int height,
                                            int width, int channels);

// Normalised absolute form used as the sample path (so "a/../b.png" and "b.png" collide).
std::string normalisedPath(const std::filesystem::path& p);

}  // namespace winnow::core
