#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/curation/image_quality.h"

namespace winnow::core {

struct Sample;
class VideoClipReader;

// How the curation scan sees a video clip (issue 14): a few frames of the clip stand for it.
// The frames are the centres of kClipScanFrames equal segments of [frameStart, frameEnd)
// (sampleSegmentFrames, Eval mode: deterministic, the frames evaluation uses), or every frame
// of a shorter clip, decoded at full size.
inline constexpr int kClipScanFrames = 8;

struct ClipScan {
    std::vector<float> descriptor;            // mean of the frames' grey thumbnails, L2-normalised
    ImageQuality quality;                     // per property: the median over the frames
    std::array<uint8_t, 32> hash{};           // SHA-256 over the sampled frames' decoded pixels
    std::vector<int64_t> frameIndex;          // the sampled frames (absolute, ascending, distinct)
    std::vector<ImageQuality> frameQuality;   // per sampled frame
};

// The frames the scan samples of a clip [frameStart, frameEnd). Throws Error for an empty range.
std::vector<int64_t> clipScanFrames(int64_t frameStart, int64_t frameEnd);

// Per property median (the mean of the two middle values for an even count); empty -> default.
ImageQuality medianQuality(const std::vector<ImageQuality>& frames);

// A clip raises a flag when at least half of its sampled frames raise it.
uint8_t clipFlagsFromFrames(const std::vector<uint8_t>& frameFlags);

// Decodes and measures clips; keeps the last few videos open, so clips cut from one video in
// a row open it once. Not thread-safe: one per worker thread.
class ClipScanner {
public:
    ClipScanner();
    ~ClipScanner();
    ClipScanner(const ClipScanner&) = delete;
    ClipScanner& operator=(const ClipScanner&) = delete;

    // Throws Error "<video> (frames a-b): reason" when the clip cannot be decoded.
    ClipScan scan(const Sample& clip);
    // The clip's sampled frames (clipScanFrames order), decoded as scan() decodes them (the
    // encoder features use these). Throws Error like scan().
    std::vector<Image> frames(const Sample& clip);

private:
    std::unique_ptr<VideoClipReader> m_reader;
};

}  // namespace winnow::core
