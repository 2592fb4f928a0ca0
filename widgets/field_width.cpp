#include "widgets/field_width.h"

#include <QLineEdit>
#include <QStyle>

namespace winnow::widgets {

void fitPlaceholder(QLineEdit* edit, const QStringList& alsoFit) {
    const QFontMetrics fm = edit->fontMetrics();
    int widest = fm.horizontalAdvance(edit->placeholderText());
    for (const QString& s : alsoFit) widest = std::max(widest, fm.horizontalAdvance(s));
    const QMargins text = edit->textMargins();
    const int frame = 2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit);
    // QLineEdit keeps 2 px each side of its text; the clear button takes an icon's width.
    const int clear = edit->isClearButtonEnabled() ? edit->style()->pixelMetric(QStyle::PM_SmallIconSize) + 8 : 0;
    edit->setMinimumWidth(std::max(edit->minimumWidth(), widest + text.left() + text.right() + frame + 4 + clear + 12));
}

}  // namespace winnow::widgets
