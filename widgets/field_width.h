#pragma once
#include <QStringList>

class QLineEdit;

namespace winnow::widgets {

// Gives `edit` at least the width that shows its placeholder whole (and each of `alsoFit`,
// texts it may show later), with room for its frame, margins and clear button (issue 16,
// bug 13: placeholders were cut, most in Korean).
void fitPlaceholder(QLineEdit* edit, const QStringList& alsoFit = {});

}  // namespace winnow::widgets
