#include "widgets/review/clip_hover_scrubber.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "core/dataset/sample.h"
#include "widgets/review/clip_frame_loader.h"

namespace winnow::widgets {

ClipHoverScrubber::ClipHoverScrubber(QAbstractItemView* view, ClipFrameLoader* loader,
                                     int sampleIdRole, int kindRole)
    : QObject(view), m_view(view), m_viewport(view->viewport()), m_loader(loader), m_idRole(sampleIdRole),
      m_kindRole(kindRole) {
    view->viewport()->setMouseTracking(true);
    view->viewport()->installEventFilter(this);
    connect(loader, &ClipFrameLoader::framesReady, this, &ClipHoverScrubber::onFramesReady);
}

bool ClipHoverScrubber::isClipRow(const QModelIndex& index, qint64* sampleId) const {
    *sampleId = index.isValid() ? index.data(m_idRole).toLongLong() : -1;
    if (*sampleId < 0) return false;
    if (m_kindRole >= 0 && index.data(m_kindRole).toInt() != int(core::MediaKind::VideoClip)) return false;
    return m_loader->isClip(*sampleId);
}

int ClipHoverScrubber::slotForX(int x, int width, int nSlots) {
    if (width <= 0 || nSlots <= 0) return 0;
    return std::clamp(int(int64_t(x) * nSlots / width), 0, nSlots - 1);
}

int64_t ClipHoverScrubber::hoveredFrame() const {
    if (m_sample < 0 || m_slot < 0) return -1;
    const auto frames = m_loader->sampledFrames(m_sample);
    return m_slot < int(frames.size()) ? frames[size_t(m_slot)] : -1;
}

bool ClipHoverScrubber::eventFilter(QObject* watched, QEvent* event) {
    if (m_viewport && watched == m_viewport.data()) {
        switch (event->type()) {
        case QEvent::MouseMove: hoverAt(static_cast<QMouseEvent*>(event)->position().toPoint()); break;
        case QEvent::Leave: clearHover(); break;
        default: break;
        }
    }
    return QObject::eventFilter(watched, event);
}

void ClipHoverScrubber::hoverAt(const QPoint& pos) {
    const QModelIndex idx = m_view->indexAt(pos);
    qint64 id = -1;
    if (!isClipRow(idx, &id)) return clearHover();
    const QRect cell = m_view->visualRect(idx);
    const int slot = slotForX(pos.x() - cell.left(), cell.width(), m_loader->framesPerClip());
    if (id == m_sample && slot == m_slot) return;
    const QPersistentModelIndex old = m_index;
    const QRect oldCell = m_cell;
    if (id != m_sample) {
        // Decode the whole strip of sampled frames at once (one forward pass), so moving
        // across the tile afterwards is instant.
        m_loader->request(id, m_loader->sampledFrames(id));
    }
    m_index = idx;
    m_cell = cell;
    m_sample = id;
    m_slot = slot;
    if (old.isValid() && old != m_index) m_viewport->update(oldCell);
    m_viewport->update(cell);
    Q_EMIT hoverChanged(m_sample, m_slot);
}

// Reached from the viewport's Leave, also while the view is being destroyed: touches only
// the viewport (a plain QWidget still) and this object's own state.
void ClipHoverScrubber::clearHover() {
    if (m_sample < 0) return;
    m_index = QPersistentModelIndex();
    m_sample = -1;
    m_slot = -1;
    if (m_viewport) m_viewport->update(m_cell);
    m_cell = QRect();
    Q_EMIT hoverChanged(-1, -1);
}

void ClipHoverScrubber::onFramesReady(qint64 sampleId) {
    if (sampleId == m_sample && m_index.isValid())
        m_view->viewport()->update(m_view->visualRect(m_index));
}

void ClipHoverScrubber::paintOverlay(QPainter* p, const QRect& thumb, const QModelIndex& index) const {
    qint64 id = -1;
    if (!isClipRow(index, &id)) return;
    p->save();
    if (id == m_sample && m_slot >= 0) {
        const int64_t f = hoveredFrame();
        const QImage img = f >= 0 ? m_loader->frame(id, f) : QImage();
        if (!img.isNull()) {
            p->fillRect(thumb, Qt::black);
            QRect target(QPoint(0, 0), img.size().scaled(thumb.size(), Qt::KeepAspectRatio));
            target.moveCenter(thumb.center());
            p->drawImage(target, img);
        }
        // Position tick along the bottom edge: which of the sampled frames is shown.
        const int nSlots = m_loader->framesPerClip();
        const int w = std::max(2, thumb.width() / nSlots);
        const int x = thumb.left() + m_slot * thumb.width() / nSlots;
        p->fillRect(QRect(thumb.left(), thumb.bottom() - 3, thumb.width(), 4), QColor(0, 0, 0, 120));
        p->fillRect(QRect(x, thumb.bottom() - 3, w, 4), QColor(255, 200, 0));
    }
    // Clip marker (a small play triangle), bottom-right, so clips are told from images.
    const int s = 10;
    const QPoint o(thumb.right() - s - 3, thumb.bottom() - s - 7);
    const QPoint tri[3] = {o, o + QPoint(0, s), o + QPoint(s, s / 2)};
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setPen(QPen(QColor(0, 0, 0, 160), 1));
    p->setBrush(QColor(255, 255, 255, 220));
    p->drawPolygon(tri, 3);
    p->restore();
}

}  // namespace winnow::widgets
