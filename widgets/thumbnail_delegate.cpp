#include "widgets/thumbnail_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/sample_grid_model.h"

namespace winnow::widgets {

namespace {
constexpr int kPad = 4;
constexpr int kChipHeight = 18;

QString splitBadge(int split) {
    switch (split) {
    case 0: return ThumbnailDelegate::tr("train");
    case 1: return ThumbnailDelegate::tr("val");
    case 2: return ThumbnailDelegate::tr("test");
    default: return {};
    }
}

void drawBadge(QPainter* p, const QRect& r, const QColor& bg, const QString& text,
               const QFont& font) {
    p->setPen(Qt::NoPen);
    p->setBrush(bg);
    p->drawRoundedRect(r, 4, 4);
    p->setPen(Qt::white);
    p->setFont(font);
    p->drawText(r, Qt::AlignCenter, text);
}
}  // namespace

ThumbnailDelegate::ThumbnailDelegate(int thumbSide, QObject* parent)
    : QStyledItemDelegate(parent), m_side(thumbSide) {}

QColor ThumbnailDelegate::classColor(int classIdx) {
    // Ten well-separated hues (a common categorical palette), then golden-angle hues.
    static const QColor base[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},
                                  {148, 103, 189}, {140, 86, 75}, {227, 119, 194}, {127, 127, 127},
                                  {188, 189, 34},  {23, 190, 207}};
    if (classIdx < 0) return QColor(90, 90, 90);
    if (classIdx < 10) return base[classIdx];
    return QColor::fromHsv((classIdx * 137) % 360, 160, 200);
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return QSize(m_side + 2 * kPad, m_side + kChipHeight + 3 * kPad);
}

void ThumbnailDelegate::paint(QPainter* p, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    p->save();
    const QRect cell = option.rect;
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    p->setRenderHint(QPainter::Antialiasing, true);
    p->fillRect(cell, selected ? pal.highlight() : pal.base());

    // Thumbnail area: a square centred at the top.
    const QRect thumbRect(cell.left() + kPad, cell.top() + kPad, m_side, m_side);
    p->fillRect(thumbRect, pal.alternateBase());
    const QImage img = index.data(SampleGridModel::ThumbnailRole).value<QImage>();
    const bool failed = index.data(SampleGridModel::ThumbnailFailedRole).toBool() ||
                        index.data(SampleGridModel::StatusRole).toInt() != 0;
    if (!img.isNull()) {
        QSize s = img.size().scaled(thumbRect.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(0, 0), s);
        target.moveCenter(thumbRect.center());
        p->setRenderHint(QPainter::SmoothPixmapTransform, img.width() < m_side / 2 ? false : true);
        p->drawImage(target, img);
    } else if (failed) {
        p->setPen(QPen(QColor(200, 40, 40), 2));
        p->drawLine(thumbRect.topLeft() + QPoint(20, 20), thumbRect.bottomRight() - QPoint(20, 20));
        p->drawLine(thumbRect.topRight() + QPoint(-20, 20), thumbRect.bottomLeft() + QPoint(20, -20));
    }
    if (m_clipScrubber) m_clipScrubber->paintOverlay(p, thumbRect, index);

    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    const QFontMetrics fm(small);

    // Split badge, top-left.
    const QString split = splitBadge(index.data(SampleGridModel::SplitRole).toInt());
    if (!split.isEmpty()) {
        QRect r(thumbRect.left() + 2, thumbRect.top() + 2, fm.horizontalAdvance(split) + 8,
                fm.height() + 2);
        drawBadge(p, r, QColor(0, 0, 0, 150), split, small);
    }
    // Trusted (check) and unreadable (!) markers, top-right.
    int right = thumbRect.right() - 2;
    if (index.data(SampleGridModel::TrustedRole).toBool()) {
        QRect r(right - fm.height() - 2, thumbRect.top() + 2, fm.height() + 2, fm.height() + 2);
        drawBadge(p, r, QColor(30, 150, 70), QStringLiteral("\u2713"), small);
        right = r.left() - 2;
    }
    if (failed) {
        QRect r(right - fm.height() - 2, thumbRect.top() + 2, fm.height() + 2, fm.height() + 2);
        drawBadge(p, r, QColor(200, 40, 40), QStringLiteral("!"), small);
    }

    // Label chip under the thumbnail, in the class colour.
    const QRect chip(cell.left() + kPad, thumbRect.bottom() + kPad, m_side, kChipHeight);
    const int labelIdx = index.data(SampleGridModel::LabelIdxRole).toInt();
    const QString label = fm.elidedText(index.data(SampleGridModel::LabelNameRole).toString(),
                                        Qt::ElideRight, chip.width() - 8);
    drawBadge(p, chip, classColor(labelIdx), label, small);

    if (option.state & QStyle::State_HasFocus) {
        p->setPen(QPen(pal.highlight().color().darker(130), 2));
        p->setBrush(Qt::NoBrush);
        p->drawRect(cell.adjusted(1, 1, -1, -1));
    }
    p->restore();
}

}  // namespace winnow::widgets
