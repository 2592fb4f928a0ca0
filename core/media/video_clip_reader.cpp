#include "core/media/video_clip_reader.h"

namespace winnow::core {

VideoClipReader::VideoClipReader(DecoderOptions options, size_t maxOpen)
    : m_options(options), m_maxOpen(maxOpen < 1 ? 1 : maxOpen) {}

VideoClipReader::~VideoClipReader() = default;

VideoDecoder& VideoClipReader::decoderFor(const std::filesystem::path& video) {
    for (auto it = m_open.begin(); it != m_open.end(); ++it) {
        if (it->path == video) {
            m_open.splice(m_open.begin(), m_open, it);
            return *m_open.front().decoder;
        }
    }
    auto decoder = std::make_unique<VideoDecoder>(video, m_options);
    ++m_opened;
    m_open.push_front({video, std::move(decoder)});
    if (m_open.size() > m_maxOpen)
        m_open.pop_back();
    return *m_open.front().decoder;
}

std::vector<Image> VideoClipReader::read(const std::filesystem::path& video,
                                         const ClipRange& clip, int framesPerClip,
                                         SamplingMode mode, uint64_t seed,
                                         std::vector<int64_t>* indices) {
    std::vector<int64_t> idx = sampleSegmentFrames(clip, framesPerClip, mode, seed);
    std::vector<Image> frames = decoderFor(video).frames(idx);
    if (indices)
        *indices = std::move(idx);
    return frames;
}

}  // namespace winnow::core
