#include "core/curation/clip_scan.h"

#include <algorithm>
#include <cmath>

#include <openssl/evp.h>

#include "core/dataset/sample.h"
#include "core/media/frame_sampler.h"
#include "core/media/video_clip_reader.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

// SHA-256 over the frame count and, per frame in order, its geometry and pixels.
std::array<uint8_t, 32> framesHash(const std::vector<Image>& frames) {
    std::array<uint8_t, 32> out{};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx) throw Error("SHA-256: out of memory");
    const int64_t count = int64_t(frames.size());
    bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 && EVP_DigestUpdate(ctx, &count, sizeof count) == 1;
    for (const Image& f : frames) {
        const int32_t geometry[3] = {f.width, f.height, f.channels};
        ok = ok && EVP_DigestUpdate(ctx, geometry, sizeof geometry) == 1 &&
             EVP_DigestUpdate(ctx, f.pixels.data(), f.pixels.size()) == 1;
    }
    unsigned len = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, out.data(), &len) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) throw Error("SHA-256 of decoded frames failed");
    return out;
}

std::string rangeText(const Sample& s) {
    return " (frames " + std::to_string(s.frameStart) + "-" + std::to_string(s.frameEnd) + ")";
}

}  // namespace

std::vector<int64_t> clipScanFrames(int64_t frameStart, int64_t frameEnd) {
    const ClipRange range{frameStart, frameEnd};
    const int frames = int(std::min<int64_t>(kClipScanFrames, std::max<int64_t>(range.length(), 0)));
    return sampleSegmentFrames(range, frames, SamplingMode::Eval);
}

ImageQuality medianQuality(const std::vector<ImageQuality>& frames) {
    ImageQuality out;
    if (frames.empty()) return out;
    constexpr size_t kFields = sizeof(ImageQuality) / sizeof(float);
    std::vector<float> column(frames.size());
    float* dst = reinterpret_cast<float*>(&out);
    for (size_t f = 0; f < kFields; ++f) {
        for (size_t i = 0; i < frames.size(); ++i) column[i] = reinterpret_cast<const float*>(&frames[i])[f];
        std::sort(column.begin(), column.end());
        const size_t m = column.size() / 2;
        dst[f] = column.size() % 2 ? column[m] : 0.5f * (column[m - 1] + column[m]);
    }
    return out;
}

uint8_t clipFlagsFromFrames(const std::vector<uint8_t>& frameFlags) {
    uint8_t out = 0;
    for (int bit = 0; bit < 8; ++bit) {
        size_t raised = 0;
        for (uint8_t f : frameFlags) raised += (f >> bit) & 1u;
        if (!frameFlags.empty() && 2 * raised >= frameFlags.size()) out |= uint8_t(1u << bit);
    }
    return out;
}

ClipScanner::ClipScanner() : m_reader(std::make_unique<VideoClipReader>(DecoderOptions{1, 0, true}, 4)) {}
ClipScanner::~ClipScanner() = default;

std::vector<Image> ClipScanner::frames(const Sample& clip) {
    if (clip.frameEnd <= clip.frameStart)
        throw Error(clip.path + rangeText(clip) + ": the clip has no frames");
    const std::vector<int64_t> index = clipScanFrames(clip.frameStart, clip.frameEnd);
    std::vector<Image> frames;
    try {
        frames = m_reader->read(clip.path, {clip.frameStart, clip.frameEnd}, int(index.size()), SamplingMode::Eval);
    } catch (const std::exception& e) {
        std::string why = e.what();
        if (why.rfind(clip.path, 0) == 0) why = why.substr(clip.path.size());
        if (why.rfind(": ", 0) != 0) why = ": " + why;
        throw Error(clip.path + rangeText(clip) + why);
    }
    if (frames.size() != index.size())
        throw Error(clip.path + rangeText(clip) + ": decoded " + std::to_string(frames.size()) + " of " +
                    std::to_string(index.size()) + " frames");
    for (size_t f = 0; f < frames.size(); ++f)
        if (frames[f].empty())
            throw Error(clip.path + rangeText(clip) + ": frame " + std::to_string(index[f]) + " is empty");
    return frames;
}

ClipScan ClipScanner::scan(const Sample& clip) {
    ClipScan out;
    const std::vector<Image> frames = this->frames(clip);
    out.frameIndex = clipScanFrames(clip.frameStart, clip.frameEnd);
    std::vector<double> sum(size_t(kThumbnailSide) * kThumbnailSide, 0.0);
    for (size_t f = 0; f < frames.size(); ++f) {
        const std::vector<float> d = greyThumbnailDescriptor(frames[f]);
        for (size_t j = 0; j < d.size(); ++j) sum[j] += d[j];
        out.frameQuality.push_back(measureImageQuality(frames[f]));
    }
    double norm = 0;
    for (double v : sum) norm += v * v;
    norm = std::sqrt(norm);
    out.descriptor.resize(sum.size());
    for (size_t j = 0; j < sum.size(); ++j) out.descriptor[j] = norm > 1e-9 ? float(sum[j] / norm) : 0.0f;
    out.quality = medianQuality(out.frameQuality);
    out.hash = framesHash(frames);
    return out;
}

}  // namespace winnow::core
