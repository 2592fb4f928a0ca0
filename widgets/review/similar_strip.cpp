#include "widgets/review/similar_strip.h"

#include <QPainter>

#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
constexpr int kSide = 64;
constexpr int kGap = 6;
}

SimilarStrip::SimilarStrip(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SimilarStrip::setCache(ThumbnailCache* cache) {
    if (m_cache) disconnect(m_cache.data(), nullptr, this, nullptr);
    m_cache = cache;
    if (!cache) return;
    connect(cache, &ThumbnailCache::thumbnailReady, this, [this](qint64 id) {
        for (const auto& it : m_items)
            if (it.first == id) return update();
    });
}

void SimilarStrip::setItems(const QVector<std::pair<qint64, float>>& items, const QString& emptyText) {
    m_items = items;
    m_empty = emptyText;
    if (m_cache)
        for (const auto& it : m_items) m_cache->request(it.first);
    update();
}

QSize SimilarStrip::sizeHint() const { return {6 * (kSide + kGap), kSide + 20}; }

void SimilarStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (m_items.isEmpty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, m_empty);
        return;
    }
    int x = 0;
    for (const auto& [id, sim] : m_items) {
        const QRect box(x, 0, kSide, kSide);
        p.fillRect(box, palette().alternateBase());
        const QImage img = m_cache ? m_cache->lookup(id) : QImage();
        if (!img.isNull()) {
            QRect t(QPoint(0, 0), img.size().scaled(box.size(), Qt::KeepAspectRatio));
            t.moveCenter(box.center());
            p.drawImage(t, img);
        }
        p.setPen(palette().text().color());
        p.drawText(QRect(x, kSide, kSide, 18), Qt::AlignCenter,
                   tr("#%1 %2").arg(id).arg(double(sim), 0, 'f', 2));
        x += kSide + kGap;
        if (x + kSide > width()) break;
    }
}

}  // namespace winnow::widgets
