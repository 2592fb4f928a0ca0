#pragma once
#include <QStyledItemDelegate>

namespace winnow::widgets {

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

private:
    int m_side;
};

}  // namespace winnow::widgets
