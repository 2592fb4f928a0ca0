#pragma once
// Internal to core/train: the decoded pixels of a project held in memory once per run.
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/sampling.h"
#include "core/util/progress.h"

namespace winnow::core {

class Database;

// Every readable image-like sample (status Ok, not a video clip), in id order, with its pixels
// as one contiguous uint8 C x H x W block per row. Array-backed sources are copied straight
// from their memory map (no decoding); image files are decoded by `threads` workers and
// resized to the run's input size.
struct TrainData {
    std::vector<int64_t> ids;
    std::vector<int32_t> label;   // dense class index, -1 = unlabelled
    std::vector<int8_t> split;
    std::vector<int8_t> trusted;
    std::vector<int8_t> excluded; // samples.excluded (review) — never trained on
    std::vector<uint8_t> pixels;  // rows x C x H x W
    int channels = 0, height = 0, width = 0;
    int classes = 0;
    std::vector<std::string> classNames;
    size_t rows() const { return ids.size(); }
    size_t rowBytes() const { return size_t(channels) * size_t(height) * size_t(width); }
    const uint8_t* row(size_t i) const { return pixels.data() + i * rowBytes(); }
};

// inputSize > 0 resizes every image to inputSize x inputSize; 0 keeps the native size of
// the first readable sample (others are resized to it).
TrainData loadTrainData(Database& db, int inputSize, int threads, const ProgressFn& progress,
                        const CancelToken* cancel);

// Per-channel mean and standard deviation (of pixel/255) over the given rows.
void channelStats(const TrainData& d, const std::vector<int64_t>& rows, std::vector<float>& mean,
                  std::vector<float>& stdev);

// Fills `out` (rows.size() x C x H x W floats) with normalised pixels; with `augment`, a
// random crop of the zero-padded image (padding `pad`) and a horizontal flip with p = 0.5.
void fillBatch(const TrainData& d, const int64_t* rows, size_t count, const std::vector<float>& mean,
               const std::vector<float>& stdev, bool augment, int pad, bool hflip, Rng* rng,
               float* out);

}  // namespace winnow::core
