// Probing is a handful of system calls per file; spreading it over a few threads, overlapped
// with the SQLite inserts of the previous batch, hides the file-system latency.
#include <algorithm>
#include <future>
#include <optional>
#include <thread>

#include "core/dataset/import_formats.h"
#include "core/media/image_probe.h"
#include "core/util/parallel.h"

namespace winnow::core {

struct ImageBatcher::Batch {
    std::vector<PendingImage> items;
    std::vector<ImageProbe> probes;
    std::vector<std::optional<Sha256Digest>> hashes;  // of the file's bytes, for readable images
    std::future<void> done;
};

std::string normalisedPath(const std::filesystem::path& p) {
    return std::filesystem::absolute(p).lexically_normal().string();
}

ImageBatcher::ImageBatcher(ImportContext& ctx, size_t batchSize)
    : m_ctx(ctx), m_batchSize(std::max<size_t>(batchSize, 1)), m_filling(std::make_unique<Batch>()) {
    m_filling->items.reserve(m_batchSize);
}

ImageBatcher::~ImageBatcher() {
    if (m_inflight && m_inflight->done.valid()) m_inflight->done.wait();
}

void ImageBatcher::add(PendingImage p) {
    m_filling->items.push_back(std::move(p));
    if (m_filling->items.size() >= m_batchSize) dispatch();
}

void ImageBatcher::finish() {
    if (!m_filling->items.empty()) dispatch();
    drain();
}

void ImageBatcher::dispatch() {
    std::unique_ptr<Batch> b = std::move(m_filling);
    m_filling = std::make_unique<Batch>();
    m_filling->items.reserve(m_batchSize);
    b->probes.resize(b->items.size());
    b->hashes.resize(b->items.size());
    const bool full = m_ctx.options().verify == VerifyMode::Full;
    const CancelToken* cancel = m_ctx.cancelToken();
    Batch* raw = b.get();
    b->done = std::async(std::launch::async, [raw, full, cancel] {
        // Whatever one file throws becomes that file's reason; only a cancel (Cancelled) or a
        // failure outside the per-file work reaches drain() through the future.
        const int threads = raw->items.size() < 64 ? 1 : int(std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, 8));
        parallelFor("checking images", raw->items.size(), threads, [raw, full](size_t i, int) {
            ImageProbe& p = raw->probes[i];
            try {
                // The content hash (exact duplicates, issue 14) reads the whole file through the
                // probe's descriptor; a file that cannot be read through is unreadable.
                Sha256Digest h{};
                p = full ? verifyImageFile(raw->items[i].path, &h) : probeImageFile(raw->items[i].path, &h);
                if (p.ok) raw->hashes[i] = h;
            } catch (const std::exception& e) {
                p = ImageProbe{};
                p.error = std::string("cannot check this image: ") + e.what();
            } catch (...) {
                p = ImageProbe{};
                p.error = "cannot check this image (unknown error)";
            }
        }, cancel);
    });
    drain();  // write the previous batch while this one is probed
    m_inflight = std::move(b);
}

void ImageBatcher::drain() {
    if (!m_inflight) return;
    std::unique_ptr<Batch> b = std::move(m_inflight);
    b->done.get();  // rethrows Cancelled when the batch was cut short
    if (const CancelToken* c = m_ctx.cancelToken()) c->throwIfCancelled();
    for (size_t i = 0; i < b->items.size(); ++i) {
        const PendingImage& in = b->items[i];
        const ImageProbe& p = b->probes[i];
        if (p.missing) {
            m_ctx.addIssue({in.path, in.line, "file not found; skipped"}, true);
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
        } else {
            s.contentHash = b->hashes[i];
        }
        m_ctx.addSample(s);
        ++m_written;
    }
}

}  // namespace winnow::core
