// Probing is a handful of system calls per file; spreading it over a few threads hides the
// file-system latency, while samples are still written in order on the calling thread.
#include <algorithm>
#include <thread>

#include "core/dataset/import_formats.h"
#include "core/media/image_probe.h"

namespace winnow::core {

std::string normalisedPath(const std::filesystem::path& p) {
    return std::filesystem::absolute(p).lexically_normal().string();
}

void addImageBatch(ImportContext& ctx, const std::vector<PendingImage>& batch) {
    const bool full = ctx.options().verify == VerifyMode::Full;
    std::vector<ImageProbe> probes(batch.size());
    auto work = [&](size_t first, size_t step) {
        for (size_t i = first; i < batch.size(); i += step)
            probes[i] = full ? verifyImageFile(batch[i].path) : probeImageFile(batch[i].path);
    };
    size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (batch.size() < 64) threads = 1;
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
    work(0, threads);
    for (auto& t : pool) t.join();

    for (size_t i = 0; i < batch.size(); ++i) {
        const PendingImage& in = batch[i];
        const ImageProbe& p = probes[i];
        if (p.missing) {
            ctx.addIssue({in.path, in.line, "file not found; skipped"}, true);
            continue;
        }
        NewSample s;
        s.kind = MediaKind::ImageFile;
        s.path = in.path;
        s.label = in.label;
        s.split = in.split;
        s.line = in.line;
        s.width = p.width;
        s.height = p.height;
        if (!p.ok) {
            s.status = SampleStatus::Unreadable;
            s.error = p.error;
        }
        ctx.addSample(s);
    }
}

}  // namespace winnow::core
