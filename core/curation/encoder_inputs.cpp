#include "core/curation/encoder_inputs.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/curation/clip_scan.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/image_loader.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

std::vector<Sample> encoderInputSamples(Project& project, const std::vector<int64_t>& ids) {
    std::vector<Sample> out;
    out.reserve(ids.size());
    for (Sample& s : scannableSamples(project))
        if (std::binary_search(ids.begin(), ids.end(), s.id)) out.push_back(std::move(s));
    return out;
}

struct EncoderInputDecoder::Impl {
    explicit Impl(Project& project) : loader(project.db()) {}
    ImageLoader loader;
    std::vector<std::unique_ptr<ClipScanner>> clips;  // one per thread, made at its first clip
};

EncoderInputDecoder::EncoderInputDecoder(Project& project, int threads) : m(std::make_unique<Impl>(project)) {
    m->clips.resize(size_t(std::max(threads, 1)));
}

EncoderInputDecoder::~EncoderInputDecoder() = default;

void EncoderInputDecoder::decode(const std::vector<Sample>& samples, size_t begin, size_t end,
                                 std::vector<std::vector<Image>>& images, std::vector<std::string>& error) {
    images.assign(end - begin, {});
    error.assign(end - begin, std::string());
    std::atomic<size_t> next{begin};
    auto work = [&](size_t thread) {
        for (size_t i; (i = next++) < end;) {
            const Sample& s = samples[i];
            try {
                if (s.kind == MediaKind::VideoClip) {
                    if (!m->clips[thread]) m->clips[thread] = std::make_unique<ClipScanner>();
                    images[i - begin] = m->clips[thread]->frames(s);
                } else {
                    images[i - begin].push_back(m->loader.load(s));
                    if (images[i - begin].back().empty()) throw Error(s.path + ": decodes to an empty image");
                }
            } catch (const std::exception& e) {
                images[i - begin].clear();
                error[i - begin] = e.what();
                if (error[i - begin].empty()) error[i - begin] = s.path + ": could not be read";
            }
        }
    };
    const size_t threads = std::min(m->clips.size(), end - begin);
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
}

}  // namespace winnow::core
