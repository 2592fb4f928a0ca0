#include "widgets/review/similar_strip.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

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

int SimilarStrip::tileWidth() { return kSide; }

QSize SimilarStrip::sizeHint() const {
    return {6 * (kSide + kGap), kSide + 2 * fontMetrics().height() + 2};
}

QStringList SimilarStrip::captionLines(int index) const {
    if (index < 0 || index >= m_items.size()) return {};
    const auto& [id, sim] = m_items[index];
    const QFontMetrics fm = fontMetrics();
    return {fm.elidedText(tr("#%1").arg(id), Qt::ElideMiddle, kSide),
            fm.elidedText(QString::number(double(sim), 'f', 2), Qt::ElideRight, kSide)};
}

bool SimilarStrip::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* h = static_cast<QHelpEvent*>(e);
        const int i = h->pos().x() / (kSide + kGap);
        if (i >= 0 && i < m_items.size() && h->pos().x() - i * (kSide + kGap) < kSide) {
            QToolTip::showText(h->globalPos(), tr("#%1, similarity %2").arg(m_items[i].first).arg(double(m_items[i].second), 0, 'f', 3), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

void SimilarStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (m_items.isEmpty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, m_empty);
        return;
    }
    int x = 0;
    const int lh = fontMetrics().height();
    for (int i = 0; i < m_items.size(); ++i) {
        const qint64 id = m_items[i].first;
        const QRect box(x, 0, kSide, kSide);
        p.fillRect(box, palette().alternateBase());
        const QImage img = m_cache ? m_cache->lookup(id) : QImage();
        if (!img.isNull()) {
            QRect t(QPoint(0, 0), img.size().scaled(box.size(), Qt::KeepAspectRatio));
            t.moveCenter(box.center());
            p.drawImage(t, img);
        }
        p.setPen(palette().text().color());
        const QStringList lines = captionLines(i);
        for (int l = 0; l < lines.size(); ++l)
            p.drawText(QRect(x, kSide + 1 + l * lh, kSide, lh), Qt::AlignHCenter | Qt::AlignTop, lines[l]);
        x += kSide + kGap;
        if (x + kSide > width()) break;
    }
}

}  // namespace winnow::widgets
