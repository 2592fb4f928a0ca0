#pragma once
#include <QString>

namespace winnow::widgets {

// Core stores a run's state ("running", "done", "cancelled", "failed", "interrupted") and kind
// ("train", "cross-val", "post-train") as codes; these give the words to show, translated
// (issue 16: Korean showed "done" and "train"). An unknown code is shown as it is.
QString runStateLabel(const QString& state);
QString runKindLabel(const QString& kind);

}  // namespace winnow::widgets
