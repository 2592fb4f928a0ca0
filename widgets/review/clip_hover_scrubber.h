#pragma once
#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QRect>

class QAbstractItemView;
class QPainter;
class QWidget;

namespace winnow::widgets {

class ClipFrameLoader;

// Hover scrubbing over video clip tiles: while the mouse is over a clip's tile, its x
// position picks one of the clip's sampled frames (left edge = first, right edge = last,
// equal slices of the tile width), which the tile delegate paints over the poster. Frames
// come from the ClipFrameLoader (decoded off the GUI thread); until the picked frame is
// decoded the poster stays, so the GUI thread never waits for a decoder.
class ClipHoverScrubber : public QObject {
    Q_OBJECT
public:
    // `sampleIdRole`: the model role holding a row's sample id; `kindRole` (optional): the
    // role holding its core::MediaKind, which spares the loader a lookup for every image.
    ClipHoverScrubber(QAbstractItemView* view, ClipFrameLoader* loader, int sampleIdRole,
                      int kindRole = -1);

    // The slice of `width` pixels that x (relative to the tile's left edge) falls in.
    static int slotForX(int x, int width, int nSlots);

    // Called by the tile delegate after it drew the poster into `thumb`: draws the scrubbed
    // frame while hovered, a position tick, and a small clip marker on every clip tile.
    void paintOverlay(QPainter* p, const QRect& thumb, const QModelIndex& index) const;

    // The hovered clip (-1 none), its slot and that slot's frame number.
    qint64 hoveredSample() const { return m_sample; }
    int hoveredSlot() const { return m_slot; }
    int64_t hoveredFrame() const;

Q_SIGNALS:
    void hoverChanged(qint64 sampleId, int slot);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void hoverAt(const QPoint& pos);
    void clearHover();
    void onFramesReady(qint64 sampleId);

    QAbstractItemView* m_view;
    // The viewport the filter watches, held apart from the view: the view destroys its
    // viewport (which then sends Leave) after its own QAbstractItemView part is gone, so
    // nothing on that path may call through m_view.
    QPointer<QWidget> m_viewport;
    QRect m_cell;  // the hovered tile's rectangle in the viewport, repainted when hover ends
    ClipFrameLoader* m_loader;
    bool isClipRow(const QModelIndex& index, qint64* sampleId) const;

    int m_idRole;
    int m_kindRole;
    QPersistentModelIndex m_index;
    qint64 m_sample = -1;
    int m_slot = -1;
};

}  // namespace winnow::widgets
