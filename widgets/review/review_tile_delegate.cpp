#include "widgets/review/review_tile_delegate.h"

#include <QPainter>

#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/thumbnail_delegate.h"

namespace winnow::widgets {

namespace {
constexpr int kPad = 4;
constexpr int kChip = 16;

void badge(QPainter* p, const QRect& r, const QColor& bg, const QString& text) {
    p->setPen(Qt::NoPen);
    p->setBrush(bg);
    p->drawRoundedRect(r, 3, 3);
    p->setPen(Qt::white);
    p->drawText(r, Qt::AlignCenter, text);
}

QColor decisionColor(int state) {
    switch (DecisionState(state)) {
    case DecisionState::Relabel: return {40, 110, 200};
    case DecisionState::Keep: return {40, 150, 70};
    case DecisionState::Exclude: return {190, 40, 40};
    case DecisionState::Ambiguous: return {200, 140, 20};
    default: return {0, 0, 0, 0};
    }
}
}  // namespace

ReviewTileDelegate::ReviewTileDelegate(int thumbSide, QObject* parent)
    : QStyledItemDelegate(parent), m_side(thumbSide) {}

QString ReviewTileDelegate::decisionText(int state) {
    switch (DecisionState(state)) {
    case DecisionState::Relabel: return tr("relabel");
    case DecisionState::Keep: return tr("keep");
    case DecisionState::Exclude: return tr("exclude");
    case DecisionState::Ambiguous: return tr("ambiguous");
    default: return {};
    }
}

QSize ReviewTileDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {m_side + 2 * kPad, m_side + 2 * kChip + 4 * kPad};
}

void ReviewTileDelegate::paint(QPainter* p, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    p->save();
    const QRect cell = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    p->fillRect(cell, selected ? option.palette.highlight() : option.palette.base());
    p->setRenderHint(QPainter::Antialiasing, true);
    const QRect thumb(cell.left() + kPad, cell.top() + kPad, m_side, m_side);
    p->fillRect(thumb, option.palette.alternateBase());
    const QImage img = index.data(ReviewQueueModel::ThumbnailRole).value<QImage>();
    if (!img.isNull()) {
        QRect target(QPoint(0, 0), img.size().scaled(thumb.size(), Qt::KeepAspectRatio));
        target.moveCenter(thumb.center());
        p->drawImage(target, img);
    } else if (index.data(ReviewQueueModel::ThumbnailFailedRole).toBool()) {
        p->setPen(QPen(QColor(200, 40, 40), 2));
        p->drawLine(thumb.topLeft(), thumb.bottomRight());
        p->drawLine(thumb.topRight(), thumb.bottomLeft());
    }
    if (m_clipScrubber) m_clipScrubber->paintOverlay(p, thumb, index);
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    p->setFont(small);
    const QFontMetrics fm(small);

    // Score badge, top-left; decision state, bottom of the thumbnail; trusted mark, top-right.
    const QString score = QString::number(index.data(ReviewQueueModel::ScoreRole).toDouble(), 'f', 2);
    badge(p, QRect(thumb.left() + 2, thumb.top() + 2, fm.horizontalAdvance(score) + 8, fm.height() + 2),
          QColor(0, 0, 0, 160), score);
    const int state = index.data(ReviewQueueModel::DecisionRole).toInt();
    if (state != 0) {
        QString text = decisionText(state);
        if (DecisionState(state) == DecisionState::Relabel) {
            const auto* model = qobject_cast<const ReviewQueueModel*>(index.model());
            if (model)
                text = QStringLiteral("→ %1").arg(
                    model->className(index.data(ReviewQueueModel::NewLabelRole).toInt()));
        }
        const QRect r(thumb.left(), thumb.bottom() - fm.height() - 2, m_side, fm.height() + 2);
        badge(p, r, decisionColor(state), fm.elidedText(text, Qt::ElideRight, m_side - 4));
    }
    if (index.data(ReviewQueueModel::TrustedRole).toBool()) {
        const QRect r(thumb.right() - fm.height() - 2, thumb.top() + 2, fm.height() + 2, fm.height() + 2);
        badge(p, r, QColor(30, 150, 70), QStringLiteral("\u2713"));
    }
    // Given label, then the suggestion.
    const QRect given(cell.left() + kPad, thumb.bottom() + kPad, m_side, kChip);
    badge(p, given, ThumbnailDelegate::classColor(index.data(ReviewQueueModel::GivenRole).toInt()),
          fm.elidedText(index.data(ReviewQueueModel::GivenNameRole).toString(), Qt::ElideRight,
                        m_side - 6));
    const QString sug = index.data(ReviewQueueModel::SuggestedNameRole).toString();
    if (!sug.isEmpty()) {
        const QRect r(cell.left() + kPad, given.bottom() + kPad / 2, m_side, kChip);
        const int sIdx = index.data(ReviewQueueModel::SuggestedRole).toInt();
        p->setPen(QPen(ThumbnailDelegate::classColor(sIdx), 2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(r.adjusted(1, 1, -1, -1), 3, 3);
        p->setPen(option.palette.text().color());
        p->drawText(r, Qt::AlignCenter, fm.elidedText(tr("→ %1").arg(sug), Qt::ElideRight, m_side - 6));
    }
    if (option.state & QStyle::State_HasFocus) {
        p->setPen(QPen(option.palette.highlight().color().darker(130), 2));
        p->setBrush(Qt::NoBrush);
        p->drawRect(cell.adjusted(1, 1, -1, -1));
    }
    p->restore();
}

}  // namespace winnow::widgets
