#pragma once
#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/dataset/sample.h"
#include "core/media/image.h"

namespace winnow::core {
class ImageLoader;
class Project;
}  // namespace winnow::core

namespace winnow::widgets {

// A video clip's representative frame (its middle frame) fitted into maxSide; throws when
// the clip cannot be decoded. Used for thumbnails and the detail pane.
core::Image clipThumbnail(const core::Sample& s, int maxSide);

// Thumbnails of one project's samples. Memory: a QCache of QImage whose cost is the image's
// byte size, so the budget is in bytes. Disk: PNG files under <project cache>/thumbs keyed
// by media path + mtime + size + item/frame, so an edited file gets a fresh thumbnail; video
// clip posters go to the frame cache instead (core::FrameCache, <project cache>/frames).
// Decoding runs in a private thread pool (newest request first, so fast scrolling decodes
// what is on screen now); results are handed to the GUI thread, which alone touches the
// memory cache and emits thumbnailReady.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    ThumbnailCache(const std::filesystem::path& projectFile, int side = 96,
                   qint64 memoryBudgetBytes = 96ll << 20, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    int side() const { return m_side; }
    // Memory lookup only; a null image on a miss (call request()).
    QImage lookup(qint64 sampleId) const;
    bool failed(qint64 sampleId) const { return m_failed.contains(sampleId); }
    // Queues a decode unless cached, failed or already queued.
    void request(qint64 sampleId);
    // Drops queued (not yet started) requests, e.g. when the grid's contents change.
    void clearQueue();
    // Forgets every remembered failure, so the next request decodes again, and announces
    // each such sample (thumbnailReady) so views ask again. A failure is only as good as
    // the project it was seen in: after an import or a reopen the file may well be there.
    void forgetFailures();

    qint64 memoryBytes() const { return m_memory.totalCost(); }
    qint64 memoryBudget() const { return m_memory.maxCost(); }
    int memoryCount() const { return int(m_memory.size()); }
    int diskHits() const { return m_diskHits.load(); }
    int decodes() const { return m_decodes.load(); }
    // Disk cache file for a sample (empty for array records: decoding from the memory-mapped
    // array is cheaper than reading a PNG back). Exposed for tests.
    QString diskFileFor(const core::Sample& s) const;
    QString diskDir() const { return m_diskDir; }

Q_SIGNALS:
    void thumbnailReady(qint64 sampleId);

private:
    struct Connection;
    void drain();
    void decodeOne(qint64 id, Connection& conn);
    void deliver(qint64 id, const QImage& image);
    std::unique_ptr<Connection> takeConnection();
    void returnConnection(std::unique_ptr<Connection> c);

    std::filesystem::path m_projectFile;
    int m_side;
    QString m_diskDir;
    QCache<qint64, QImage> m_memory;
    QSet<qint64> m_failed;
    QSet<qint64> m_inFlight;  // GUI thread: queued or decoding

    std::mutex m_mutex;  // guards m_queue, m_connections, m_loader creation
    std::deque<qint64> m_queue;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::shared_ptr<core::ImageLoader> m_loader;
    int m_activeWorkers = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_diskHits{0};
    std::atomic<int> m_decodes{0};
    QThreadPool m_pool;
};

}  // namespace winnow::widgets
