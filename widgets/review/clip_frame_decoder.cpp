#include "widgets/review/clip_frame_decoder.h"

#include <QMetaObject>
#include <memory>

#include "core/media/video_decoder.h"
#include "widgets/review/clip_frame_loader.h"

namespace winnow::widgets {

ClipFrameDecoder::ClipFrameDecoder(int maxSide, QObject* parent)
    : QObject(parent), m_maxSide(maxSide) {
    m_thread = std::thread([this] { run(); });
}

ClipFrameDecoder::~ClipFrameDecoder() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void ClipFrameDecoder::open(const QString& video) {
    {
        std::lock_guard lock(m_mutex);
        m_video = video;
        ++m_generation;
        m_pending = -1;
    }
    m_wake.notify_all();
}

void ClipFrameDecoder::request(int64_t index) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::max<int64_t>(0, index);
    }
    m_wake.notify_all();
}

bool ClipFrameDecoder::busy() const {
    std::lock_guard lock(m_mutex);
    return m_working || m_pending >= 0;
}

void ClipFrameDecoder::run() {
    std::unique_ptr<core::VideoDecoder> decoder;
    QString openVideo;
    uint64_t openGeneration = 0;
    for (;;) {
        QString video;
        uint64_t gen = 0;
        int64_t index = -1;
        {
            std::unique_lock lock(m_mutex);
            m_working = false;
            m_wake.wait(lock, [&] {
                return m_stop || m_generation != openGeneration || m_pending >= 0;
            });
            if (m_stop) return;
            video = m_video;
            gen = m_generation;
            if (gen == openGeneration) std::swap(index, m_pending);
            m_working = true;
        }
        if (gen != openGeneration) {
            // (Re)open first; a frame request for the new video is picked up next round.
            decoder.reset();
            openGeneration = gen;
            openVideo = video;
            try {
                core::DecoderOptions opt;
                opt.maxSide = m_maxSide;
                decoder = std::make_unique<core::VideoDecoder>(video.toStdString(), opt);
                const auto& info = decoder->info();
                const double fps = info.fps;
                const qint64 count = info.frameCount;
                QMetaObject::invokeMethod(this, [this, video, fps, count, gen] {
                    if (gen == m_generation) Q_EMIT opened(video, fps, count);
                }, Qt::QueuedConnection);
            } catch (const std::exception& e) {
                decoder.reset();
                const QString why = QString::fromUtf8(e.what());
                QMetaObject::invokeMethod(this, [this, video, why, gen] {
                    if (gen == m_generation) Q_EMIT failed(video, why);
                }, Qt::QueuedConnection);
            }
            continue;
        }
        if (!decoder || index < 0) continue;
        QImage image;
        int64_t actual = index;
        try {
            image = toRgb32(decoder->frame(index, &actual));
        } catch (const std::exception& e) {
            const QString why = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(this, [this, openVideo, why, gen] {
                if (gen == m_generation) Q_EMIT failed(openVideo, why);
            }, Qt::QueuedConnection);
            continue;
        }
        QMetaObject::invokeMethod(this, [this, index, actual, image, gen] {
            if (gen == m_generation) Q_EMIT frameReady(index, actual, image);
        }, Qt::QueuedConnection);
    }
}

}  // namespace winnow::widgets
