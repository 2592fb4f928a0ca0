#include "core/media/frame_cache.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/media/video_decoder.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

// FNV-1a: a stable folder name per video version (no need for a cryptographic hash).
uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string uniqueSuffix() {
    static std::atomic<uint64_t> counter{0};
    const auto tid = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return std::to_string(tid) + "." + std::to_string(counter.fetch_add(1));
}

}  // namespace

FrameCache::FrameCache(fs::path dir, int maxSide, int jpegQuality)
    : m_dir(std::move(dir)), m_maxSide(maxSide), m_quality(jpegQuality) {}

FrameCache::~FrameCache() = default;

int64_t FrameCache::posterIndex(const ClipRange& clip) {
    return (clip.frameStart + clip.frameEnd) / 2;
}

fs::path FrameCache::pathFor(const fs::path& video, int64_t index) const {
    std::error_code ec;
    const fs::path abs = fs::absolute(video).lexically_normal();
    const auto size = fs::file_size(abs, ec);
    if (ec)
        throw Error(abs.string() + ": video not found (" + ec.message() + ")");
    const auto mtime = fs::last_write_time(abs, ec).time_since_epoch().count();
    char key[17];
    std::snprintf(key, sizeof key, "%016llx",
                  static_cast<unsigned long long>(fnv1a(abs.string() + "|" + std::to_string(size) +
                                                        "|" + std::to_string(mtime))));
    return m_dir / key / (std::to_string(index) + "_" + std::to_string(m_maxSide) + ".jpg");
}

VideoDecoder& FrameCache::decoderFor(const fs::path& video) {
    if (!m_decoder || m_openVideo != video) {
        m_decoder.reset();
        DecoderOptions opt;
        opt.maxSide = m_maxSide;
        m_decoder = std::make_unique<VideoDecoder>(video, opt);
        m_openVideo = video;
    }
    return *m_decoder;
}

std::vector<fs::path> FrameCache::frames(const fs::path& video,
                                         const std::vector<int64_t>& indices) {
    std::vector<fs::path> out;
    std::vector<int64_t> missing;
    std::vector<size_t> missingAt;
    std::error_code ec;
    for (size_t i = 0; i < indices.size(); ++i) {
        out.push_back(pathFor(video, indices[i]));
        if (!fs::exists(out.back(), ec)) {
            missing.push_back(indices[i]);
            missingAt.push_back(i);
        }
    }
    if (missing.empty())
        return out;
    fs::create_directories(out.front().parent_path(), ec);
    if (ec)
        throw Error(out.front().parent_path().string() + ": cannot create frame cache folder (" +
                    ec.message() + ")");
    const std::vector<Image> images = decoderFor(video).frames(missing);
    const std::vector<int> params = {cv::IMWRITE_JPEG_QUALITY, m_quality};
    for (size_t k = 0; k < images.size(); ++k) {
        const Image& img = images[k];
        const fs::path& dest = out[missingAt[k]];
        if (fs::exists(dest, ec))  // a repeated index, or another thread wrote it meanwhile
            continue;
        cv::Mat rgb(img.height, img.width, CV_8UC3, const_cast<uint8_t*>(img.pixels.data()));
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        const fs::path tmp = dest.string() + ".tmp" + uniqueSuffix() + ".jpg";
        if (!cv::imwrite(tmp.string(), bgr, params))
            throw Error(tmp.string() + ": cannot write cached frame");
        fs::rename(tmp, dest, ec);
        if (ec) {
            fs::remove(tmp, ec);
            throw Error(dest.string() + ": cannot store cached frame");
        }
    }
    return out;
}

fs::path FrameCache::poster(const fs::path& video, const ClipRange& clip) {
    return frames(video, {posterIndex(clip)}).front();
}

std::vector<fs::path> FrameCache::sampledFrames(const fs::path& video, const ClipRange& clip,
                                                int framesPerClip) {
    return frames(video, sampleSegmentFrames(clip, framesPerClip, SamplingMode::Eval));
}

}  // namespace winnow::core
