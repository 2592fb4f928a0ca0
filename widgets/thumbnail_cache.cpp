#include "widgets/thumbnail_cache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QSaveFile>
#include <utility>

#include "core/dataset/sample_store.h"
#include "core/media/frame_cache.h"
#include "core/dataset/image_loader.h"
#ifdef WINNOW_HAVE_FFMPEG
#include "core/media/video_decoder.h"
#endif
#include "core/store/project.h"

namespace winnow::widgets {

namespace {
// Requests beyond this are dropped oldest-first: they belong to rows scrolled past long ago.
constexpr size_t kMaxQueued = 1024;

QImage toQImage(const core::Image& img) {
    if (img.empty() || img.width <= 0 || img.height <= 0) return {};
    const int stride = img.width * img.channels;
    QImage::Format fmt = img.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    if (img.channels != 1 && img.channels != 3) return {};
    // Wrap then convert: the conversion copies, so the QImage never points at `img`.
    QImage wrapped(img.pixels.data(), img.width, img.height, stride, fmt);
    return wrapped.convertToFormat(QImage::Format_RGB32);
}
}  // namespace

core::Image clipThumbnail(const core::Sample& s, int maxSide) {
#ifdef WINNOW_HAVE_FFMPEG
    // The clip's middle frame stands for it; decoders are not thread-safe, so one per call
    // (the disk cache makes this a one-time cost per clip).
    core::DecoderOptions options;
    options.maxSide = maxSide;
    core::VideoDecoder decoder(s.path, options);
    const int64_t middle = s.frameStart >= 0 && s.frameEnd > s.frameStart
                               ? (s.frameStart + s.frameEnd) / 2
                               : 0;
    return decoder.frame(middle);
#else
    (void)maxSide;
    throw std::runtime_error(s.path + ": built without video support");
#endif
}

// One read-only connection plus nothing else; a worker checks one out for the whole drain.
struct ThumbnailCache::Connection {
    std::unique_ptr<core::Project> project;
};

ThumbnailCache::ThumbnailCache(const std::filesystem::path& projectFile, int side,
                               qint64 memoryBudgetBytes, QObject* parent)
    : QObject(parent), m_projectFile(projectFile), m_side(side) {
    m_memory.setMaxCost(memoryBudgetBytes);
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_pool.setExpiryTimeout(10000);
    const QString file = QString::fromStdString(projectFile.string());
    // Same rule as core::Project::cacheDir(): <name>.winnow-cache beside the project file.
    m_diskDir = file + QStringLiteral("-cache/thumbs/%1").arg(side);
}

ThumbnailCache::~ThumbnailCache() {
    m_stopping = true;
    {
        std::lock_guard lock(m_mutex);
        m_queue.clear();
    }
    m_pool.waitForDone();
}

QImage ThumbnailCache::lookup(qint64 sampleId) const {
    const QImage* img = m_memory.object(sampleId);
    return img ? *img : QImage();
}

void ThumbnailCache::request(qint64 sampleId) {
    if (m_memory.contains(sampleId) || m_failed.contains(sampleId) ||
        m_inFlight.contains(sampleId))
        return;
    m_inFlight.insert(sampleId);
    bool startWorker = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(sampleId);
        while (m_queue.size() > kMaxQueued) {
            const qint64 dropped = m_queue.front();
            m_queue.pop_front();
            // Forget it on the GUI thread so a later request queues it again.
            QMetaObject::invokeMethod(this, [this, dropped] { m_inFlight.remove(dropped); },
                                      Qt::QueuedConnection);
        }
        if (m_activeWorkers < m_pool.maxThreadCount()) {
            ++m_activeWorkers;
            startWorker = true;
        }
    }
    if (startWorker) m_pool.start([this] { drain(); });
}

void ThumbnailCache::clearQueue() {
    std::lock_guard lock(m_mutex);
    for (qint64 id : m_queue) m_inFlight.remove(id);
    m_queue.clear();
}

void ThumbnailCache::forgetFailures() {
    const QSet<qint64> failed = std::exchange(m_failed, {});
    for (qint64 id : failed) Q_EMIT thumbnailReady(id);
}

std::unique_ptr<ThumbnailCache::Connection> ThumbnailCache::takeConnection() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_connections.empty()) {
            auto c = std::move(m_connections.back());
            m_connections.pop_back();
            return c;
        }
    }
    auto c = std::make_unique<Connection>();
    c->project = core::Project::openReadOnly(m_projectFile);
    std::lock_guard lock(m_mutex);
    // The loader reads the `arrays` table once; any connection can build it.
    if (!m_loader) m_loader = std::make_shared<core::ImageLoader>(c->project->db());
    return c;
}

void ThumbnailCache::returnConnection(std::unique_ptr<Connection> c) {
    std::lock_guard lock(m_mutex);
    m_connections.push_back(std::move(c));
}

void ThumbnailCache::drain() {
    std::unique_ptr<Connection> conn;
    try {
        conn = takeConnection();
    } catch (const std::exception&) {
        conn.reset();
    }
    for (;;) {
        qint64 id = 0;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty() || m_stopping || !conn) {
                // Without a connection nothing can be decoded: fail what is queued.
                if (!conn) {
                    for (qint64 q : m_queue)
                        QMetaObject::invokeMethod(this, [this, q] { deliver(q, {}); },
                                                  Qt::QueuedConnection);
                    m_queue.clear();
                }
                --m_activeWorkers;
                break;
            }
            id = m_queue.back();  // newest first: that is what is on screen
            m_queue.pop_back();
        }
        decodeOne(id, *conn);
    }
    if (conn) returnConnection(std::move(conn));
}

QString ThumbnailCache::diskFileFor(const core::Sample& s) const {
    if (s.kind == core::MediaKind::ArrayRecord) return {};
    const QFileInfo info(QString::fromStdString(s.path));
    if (!info.exists()) return {};
    const QByteArray key = QStringLiteral("%1|%2|%3|%4|%5|%6")
                               .arg(info.absoluteFilePath())
                               .arg(info.lastModified().toMSecsSinceEpoch())
                               .arg(info.size())
                               .arg(s.itemIndex)
                               .arg(s.frameStart)
                               .arg(s.frameEnd)
                               .toUtf8();
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex());
    return m_diskDir + QLatin1Char('/') + hex.left(2) + QLatin1Char('/') + hex + QStringLiteral(".png");
}

void ThumbnailCache::decodeOne(qint64 id, Connection& conn) {
    QImage result;
    try {
        auto sample = core::SampleStore(conn.project->db()).sample(id);
        if (sample && sample->status == core::SampleStatus::Ok &&
            sample->kind == core::MediaKind::VideoClip) {
            // A clip's poster (its middle frame) lives in the frame cache, JPEG files under
            // <project cache>/frames shared with the review's hover and strip frames and with
            // other processes; no PNG of it is kept.
            core::FrameCache frames(conn.project->cacheDir() / "frames", m_side);
            const core::ClipRange clip{std::max<int64_t>(0, sample->frameStart), sample->frameEnd};
            const auto file = frames.pathFor(sample->path, core::FrameCache::posterIndex(clip));
            const bool cached = std::filesystem::exists(file);
            if (result.load(QString::fromStdString(frames.poster(sample->path, clip).string())))
                ++(cached ? m_diskHits : m_decodes);
            if (!result.isNull()) result = result.convertToFormat(QImage::Format_RGB32);
        } else if (sample && sample->status == core::SampleStatus::Ok) {
            const QString diskFile = diskFileFor(*sample);
            if (!diskFile.isEmpty() && QFileInfo::exists(diskFile) && result.load(diskFile)) {
                ++m_diskHits;
            } else {
                std::shared_ptr<core::ImageLoader> loader;
                {
                    std::lock_guard lock(m_mutex);
                    loader = m_loader;
                }
                result = toQImage(loader->loadThumbnail(*sample, m_side));
                ++m_decodes;
                if (!result.isNull() && !diskFile.isEmpty()) {
                    QDir().mkpath(QFileInfo(diskFile).absolutePath());
                    // QSaveFile: a crash mid-write never leaves a truncated thumbnail.
                    QSaveFile out(diskFile);
                    if (out.open(QIODevice::WriteOnly) && result.save(&out, "PNG", 90)) out.commit();
                }
            }
            if (!result.isNull() && result.format() != QImage::Format_RGB32)
                result = result.convertToFormat(QImage::Format_RGB32);
        }
    } catch (const std::exception&) {
        result = QImage();  // unreadable: remembered as failed, the delegate shows a marker
    }
    QMetaObject::invokeMethod(this, [this, id, result] { deliver(id, result); },
                              Qt::QueuedConnection);
}

void ThumbnailCache::deliver(qint64 id, const QImage& image) {
    m_inFlight.remove(id);
    if (image.isNull()) {
        m_failed.insert(id);
    } else {
        const qint64 cost = image.sizeInBytes();
        // An image larger than the whole budget would be rejected (and deleted) by QCache.
        if (cost <= m_memory.maxCost()) m_memory.insert(id, new QImage(image), cost);
    }
    Q_EMIT thumbnailReady(id);
}

}  // namespace winnow::widgets
