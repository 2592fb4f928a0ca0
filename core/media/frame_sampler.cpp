#include "core/media/frame_sampler.h"

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace winnow::core {

namespace {

// SplitMix64: tiny, portable and well mixed, so the same seed picks the same frames with
// any standard library (std::uniform_int_distribution is implementation-defined).
uint64_t splitMix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

std::vector<int64_t> sampleSegmentFrames(const ClipRange& clip, int framesPerClip,
                                         SamplingMode mode, uint64_t seed) {
    const int64_t n = clip.length();
    const int64_t f = framesPerClip;
    if (n <= 0)
        throw Error("clip [" + std::to_string(clip.frameStart) + ", " +
                    std::to_string(clip.frameEnd) + ") has no frames");
    if (f <= 0)
        throw Error("frames per clip must be positive, got " + std::to_string(framesPerClip));
    std::vector<int64_t> out;
    out.reserve(size_t(f));
    uint64_t state = seed;
    for (int64_t k = 0; k < f; ++k) {
        int64_t offset;
        if (mode == SamplingMode::Eval) {
            offset = (2 * k + 1) * n / (2 * f);
        } else {
            const int64_t lo = k * n / f;
            const int64_t hi = std::max(lo + 1, (k + 1) * n / f);  // exclusive, >= 1 frame
            offset = lo + int64_t(splitMix64(state) % uint64_t(hi - lo));
        }
        out.push_back(clip.frameStart + std::min(offset, n - 1));
    }
    return out;
}

uint64_t clipSeed(uint64_t base, int64_t epoch, int64_t sampleId) {
    uint64_t state = base;
    uint64_t a = splitMix64(state) ^ uint64_t(epoch);
    state = a;
    uint64_t b = splitMix64(state) ^ uint64_t(sampleId);
    state = b;
    return splitMix64(state);
}

}  // namespace winnow::core
