#include "widgets/review/clip_frame_loader.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMetaObject>
#include <algorithm>

#include "core/influence/scoring_rows.h"
#include "core/media/frame_cache.h"
#include "core/media/frame_sampler.h"
#include "core/media/image.h"
#include "core/review/review_sample_rows.h"
#include "core/store/project.h"

namespace winnow::widgets {

namespace fs = std::filesystem;

QImage toRgb32(const core::Image& img) {
    if (img.empty() || img.width <= 0 || img.height <= 0) return {};
    if (img.channels != 1 && img.channels != 3) return {};
    const QImage::Format fmt = img.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    // Wrap, then convert: the conversion copies, so the result never points into `img`.
    const QImage wrapped(img.pixels.data(), img.width, img.height, img.width * img.channels, fmt);
    return wrapped.convertToFormat(QImage::Format_RGB32);
}

ClipFrameLoader::ClipFrameLoader(int maxSide, QObject* parent)
    : QObject(parent), m_maxSide(maxSide) {
    m_memory.setMaxCost(64ll << 20);
    // Two workers: hover scrubbing and the detail strip may decode at once, and each decode
    // is one forward pass over a single clip.
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(10000);
}

// Out of line: core::Project is incomplete in the header.
ClipFrameLoader::~ClipFrameLoader() {
    m_stopping = true;
    m_pool.clear();
    m_pool.waitForDone();
}

void ClipFrameLoader::open(const fs::path& projectFile, qint64 scoringId) {
    // Queued decodes are dropped; one still running is not waited for (the GUI thread never
    // waits on a decoder): its result carries the old generation and is ignored.
    m_pool.clear();
    ++m_generation;
    m_clips.clear();
    m_memory.clear();
    m_inFlight.clear();
    m_failed.clear();
    m_project = core::Project::openReadOnly(projectFile);
    m_frameDir = m_project->cacheDir() / "frames";
    m_scoringDir.clear();
    if (scoringId > 0) {
        if (const auto sc = core::scoringWithResult(*m_project, int64_t(scoringId)))
            m_scoringDir = m_project->cacheDir() / sc->resultFile;
    }
}

const ClipSource* ClipFrameLoader::clip(qint64 sampleId) const {
    auto it = m_clips.find(sampleId);
    if (it == m_clips.end()) {
        // First question about this sample: one primary-key lookup (microseconds).
        ClipSource c;
        if (m_project && sampleId >= 0) {
            try {
                if (const auto span = core::clipSpanOf(*m_project, int64_t(sampleId))) {
                    c.video = span->video;
                    c.frameStart = std::max<int64_t>(0, span->frameStart);
                    c.frameEnd = std::max<int64_t>(c.frameStart, span->frameEnd);
                }
            } catch (const std::exception&) {
                c.frameEnd = 0;  // unreadable project: treat as not a clip
            }
        }
        if (c.frameEnd <= c.frameStart) c = ClipSource{};
        it = m_clips.emplace(sampleId, c).first;
    }
    return it->second.frameEnd > it->second.frameStart ? &it->second : nullptr;
}

std::vector<int64_t> ClipFrameLoader::sampledFrames(qint64 sampleId) const {
    const ClipSource* c = clip(sampleId);
    if (!c) return {};
    return core::sampleSegmentFrames({c->frameStart, c->frameEnd}, m_framesPerClip,
                                     core::SamplingMode::Eval);
}

QImage ClipFrameLoader::frame(qint64 sampleId, int64_t frameNumber) const {
    const QImage* img = m_memory.object(Key(sampleId, frameNumber));
    return img ? *img : QImage();
}

void ClipFrameLoader::request(qint64 sampleId, const std::vector<int64_t>& frames) {
    const ClipSource* c = clip(sampleId);
    if (!c || m_failed.contains(sampleId)) return;
    std::vector<int64_t> todo;
    for (int64_t f : frames) {
        const Key k(sampleId, f);
        if (m_memory.contains(k) || m_inFlight.contains(k)) continue;
        if (std::find(todo.begin(), todo.end(), f) != todo.end()) continue;
        m_inFlight.insert(k);
        todo.push_back(f);
    }
    if (todo.empty()) return;
    const ClipSource source = *c;
    const fs::path dir = m_frameDir;
    const int side = m_maxSide;
    const int gen = m_generation;
    // Higher priority runs first: the newest request is what the reviewer looks at now.
    m_pool.start(
        [this, gen, sampleId, todo, source, dir, side] {
            QVector<QImage> images;
            bool ok = !m_stopping;
            if (ok) {
                try {
                    // One FrameCache per task: it is not thread-safe, and the files it writes
                    // are shared through the folder anyway.
                    core::FrameCache cache(dir, side);
                    const auto files = cache.frames(source.video, todo);
                    for (const auto& f : files) {
                        QImage img(QString::fromStdString(f.string()));
                        if (img.isNull()) ok = false;
                        images.push_back(img.convertToFormat(QImage::Format_RGB32));
                    }
                } catch (const std::exception&) {
                    ok = false;
                }
            }
            QMetaObject::invokeMethod(
                this, [this, gen, sampleId, todo, images, ok] { deliver(gen, sampleId, todo, images, ok); },
                Qt::QueuedConnection);
        },
        ++m_priority);
}

void ClipFrameLoader::deliver(int generation, qint64 sampleId, const std::vector<int64_t>& frames,
                              const QVector<QImage>& images, bool ok) {
    if (generation != m_generation) return;
    for (size_t i = 0; i < frames.size(); ++i) {
        const Key k(sampleId, frames[i]);
        m_inFlight.remove(k);
        if (ok && int(i) < images.size() && !images[int(i)].isNull())
            m_memory.insert(k, new QImage(images[int(i)]), images[int(i)].sizeInBytes());
    }
    if (!ok) m_failed.insert(sampleId);
    Q_EMIT framesReady(sampleId);
}

void ClipFrameLoader::waitForIdle() {
    m_pool.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

}  // namespace winnow::widgets
