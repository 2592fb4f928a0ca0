#pragma once
#include <QImage>
#include <QObject>
#include <QString>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace winnow::widgets {

// The clip player's decoding thread: one core::VideoDecoder (seek to the keyframe, decode
// forward to the exact frame; requests just ahead only decode forward) on a thread of its
// own. Requests coalesce, the newest winning, so dragging the scrub slider never builds a
// backlog; frames come back to the GUI thread as QImage through frameReady.
class ClipFrameDecoder : public QObject {
    Q_OBJECT
public:
    explicit ClipFrameDecoder(int maxSide = 640, QObject* parent = nullptr);
    ~ClipFrameDecoder() override;

    // Switches to another video (asynchronous; opened() or failed() follows). Pending frame
    // requests of the previous video are dropped.
    void open(const QString& video);
    // Asks for frame `index` of the open video (replaces a request not yet started).
    void request(int64_t index);
    // True while a request is queued or being decoded.
    bool busy() const;

Q_SIGNALS:
    void opened(const QString& video, double fps, qint64 frameCount);
    void failed(const QString& video, const QString& error);
    // `requested`: the asked-for index; `actual`: the picture's own index (they differ only
    // past the last decodable frame).
    void frameReady(qint64 requested, qint64 actual, const QImage& image);

private:
    void run();

    int m_maxSide;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    QString m_video;           // requested video
    uint64_t m_generation = 0; // bumped by open(); stale results are dropped
    int64_t m_pending = -1;    // frame waiting to be decoded, -1 none
    bool m_working = false;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace winnow::widgets
