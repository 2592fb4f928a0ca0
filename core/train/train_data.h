#pragma once
// Internal to core/train: what a run knows about its samples. Only metadata is held for the
// whole run; pixels are read per batch (RowReader, BatchLoader), so memory does not grow with
// the dataset.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/media/frame_sampler.h"
#include "core/train/sampling.h"
#include "core/util/progress.h"

namespace winnow::core {

class Database;
class ImageLoader;
class VideoClipReader;

// Every trainable sample (status Ok) in id order. A run holds either image-like samples
// (image files and array records) or video clips, never both (loadTrainData refuses a mix).
struct TrainData {
    std::vector<int64_t> ids;
    std::vector<int32_t> label;    // dense class index, -1 = unlabelled
    std::vector<int8_t> split;
    std::vector<int8_t> trusted;
    std::vector<int8_t> excluded;  // samples.excluded (review) — never trained on
    std::vector<int8_t> kind;      // MediaKind
    std::vector<std::string> path; // image file or video (empty for array records)
    std::vector<int64_t> arrayId;  // array records: source and record index
    std::vector<int64_t> item;
    std::vector<int64_t> frameStart, frameEnd;  // clips: [start, end)
    int channels = 0, height = 0, width = 0;    // the run's input geometry
    int classes = 0;
    std::vector<std::string> classNames;
    bool clips = false;            // samples are video clips
    int frames = 1;                // frames per sample (F for clips, 1 otherwise)
    std::shared_ptr<ImageLoader> loader;  // array memory maps, shared by all workers
    std::string geometryNote;      // how the input size was chosen, for the user
    bool capped = false;           // the default size was scaled down from the images' size
    size_t rows() const { return ids.size(); }
    // Decoded bytes of one frame (HWC uint8) and of one sample (all its frames).
    size_t frameBytes() const { return size_t(channels) * size_t(height) * size_t(width); }
    size_t rowBytes() const { return frameBytes() * size_t(frames); }
    std::string describe(size_t row) const;  // the file (and clip range) of a row, for messages
};

// Geometry: inputSize > 0 resizes every image (or frame) to inputSize x inputSize (at most
// kMaxInputSize, else Error with a hint); 0 takes the median width and height recorded for
// the images (others are resized to it), scaled down to at most kDefaultMaxSide per side,
// and uses 64 for clips. The choice is described in geometryNote. framesPerClip is F for
// clip projects. Throws Error when the project has nothing to train on or mixes image
// samples with video clips.
constexpr int kDefaultMaxSide = 64;
constexpr int kMaxInputSize = 1024;
TrainData loadTrainData(Database& db, int inputSize, int framesPerClip);
// The default geometry rule above, applied to `d` (channels already set).
void chooseDefaultGeometry(Database& db, TrainData& d);

// Rows that failed to decode during the run (file deleted, corrupted or truncated after the
// import). Shared by all loader threads; a row in it is skipped without another attempt.
class SkipLog {
public:
    // Records the failure; returns true the first time for this row.
    bool add(int64_t row, const std::string& message);
    bool contains(int64_t row) const;
    size_t size() const;
    std::vector<std::string> messages() const;  // in the order they happened

private:
    mutable std::mutex m_mu;
    std::unordered_map<int64_t, size_t> m_rows;
    std::vector<std::string> m_messages;
};

// One worker's reader: the uint8 HWC pixels of a row at the run's geometry (for clips, F
// frames one after another). Array records of the right geometry are returned straight from
// the memory map; files and clips are decoded and resized into a scratch buffer. Not
// thread-safe: one per worker. Throws Error naming the file when it cannot be decoded.
class RowReader {
public:
    explicit RowReader(const TrainData& d);
    ~RowReader();
    const uint8_t* read(size_t row, SamplingMode mode, uint64_t clipSeed,
                        std::vector<int64_t>* frameIndex = nullptr);

private:
    const TrainData& m_d;
    std::vector<uint8_t> m_scratch;
    std::unique_ptr<VideoClipReader> m_clips;
};

// Per-channel mean and standard deviation (of pixel/255) over the given rows (eval-mode
// frames for clips), read with `threads` workers. Integer sums, so the result does not
// depend on the thread count. Rows that fail to read are logged in `skips` and left out.
void channelStats(const TrainData& d, const std::vector<int64_t>& rows, int threads, SkipLog* skips,
                  const CancelToken* cancel, std::vector<float>& mean, std::vector<float>& stdev);

// Normalisation table: pixel value -> (v/255 - mean_c) / std_c, per channel.
std::vector<float> normaliseTable(const std::vector<float>& mean, const std::vector<float>& stdev);

// Writes one HWC uint8 frame as normalised CHW floats; with shifts (ox, oy) the frame is
// read from a zero-padded copy (random crop with padding), `flip` mirrors it horizontally.
void fillFrame(const uint8_t* hwc, int channels, int height, int width, const float* lut, int ox,
               int oy, bool flip, float* chw);

}  // namespace winnow::core
