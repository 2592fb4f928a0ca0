#pragma once
#include <QStyledItemDelegate>

namespace winnow::widgets {

class ClipHoverScrubber;

// Paints one grid tile: the thumbnail (or a placeholder while it decodes), a coloured label
// chip, a split badge, and trusted/unreadable markers. Everything is painted; no widget
// exists per item, which is what lets the grid hold a million rows.
class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ThumbnailDelegate(int thumbSide = 96, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Stable colour of a class index (shared with the distribution chart).
    static QColor classColor(int classIdx);
    // Video clips: hover scrubbing and the clip marker drawn over the poster (may be null).
    void setClipScrubber(ClipHoverScrubber* scrubber) { m_clipScrubber = scrubber; }

private:
    int m_side;
    ClipHoverScrubber* m_clipScrubber = nullptr;
};

}  // namespace winnow::widgets
