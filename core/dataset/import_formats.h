#pragma once
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

// An image file waiting to become a sample. Probing (or decoding, VerifyMode::Full) runs on
// several threads; samples are then added in order.
struct PendingImage {
    std::string path;   // absolute, normalised
    std::string label;
    Split split = Split::Train;
    int64_t line = -1;  // CSV line
};
void addImageBatch(ImportContext& ctx, const std::vector<PendingImage>& batch);

// Normalised absolute form used as the sample path (so "a/../b.png" and "b.png" collide).
std::string normalisedPath(const std::filesystem::path& p);

}  // namespace winnow::core
