#pragma once
#include <QStyledItemDelegate>

namespace winnow::widgets {

class ClipHoverScrubber;

// Paints one queue tile: thumbnail, given label chip, suggested label chip, a score badge and
// the decision state. Painted only (no per-item widgets) so the queue holds a million rows.
class ReviewTileDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ReviewTileDelegate(int thumbSide = 96, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // Short text of a decision state for badges ("keep", "excl", ...).
    static QString decisionText(int state);
    // Video clips: hover scrubbing and the clip marker drawn over the poster (may be null).
    void setClipScrubber(ClipHoverScrubber* scrubber) { m_clipScrubber = scrubber; }

private:
    int m_side;
    ClipHoverScrubber* m_clipScrubber = nullptr;
};

}  // namespace winnow::widgets
