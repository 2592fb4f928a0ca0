#pragma once
#include <cstdint>
#include <vector>

namespace winnow::core {

// Segment sampling of a clip's frames (METHODS §7, as in TSN): the clip [frameStart,
// frameEnd) is split into F equal segments and one frame is taken from each.
enum class SamplingMode {
    Eval,   // the centre frame of each segment: deterministic
    Train,  // a uniformly random frame of each segment, from the caller's seed
};

struct ClipRange {
    int64_t frameStart = 0;   // inclusive
    int64_t frameEnd = 0;     // exclusive
    int64_t length() const { return frameEnd - frameStart; }
};

// Returns F absolute frame indices, ascending (non-decreasing). Segment k spans the
// frames [start + floor(k*n/F), start + floor((k+1)*n/F)) of a clip of n frames; in Eval
// mode frame start + floor((2k+1)*n / (2F)) is taken. When n < F some segments are shorter
// than a frame and indices repeat. Train mode draws from a SplitMix64 stream seeded with
// `seed` (the same seed gives the same frames on every platform; callers mix epoch and
// sample id into it). Throws Error when n <= 0 or F <= 0.
std::vector<int64_t> sampleSegmentFrames(const ClipRange& clip, int framesPerClip,
                                         SamplingMode mode, uint64_t seed = 0);

// A well-mixed seed from (base seed, epoch, sample id), for Train mode.
uint64_t clipSeed(uint64_t base, int64_t epoch, int64_t sampleId);

}  // namespace winnow::core
