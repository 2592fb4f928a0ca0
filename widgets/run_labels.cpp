#include "widgets/run_labels.h"

#include <QCoreApplication>

namespace winnow::widgets {

QString runStateLabel(const QString& state) {
    if (state == QLatin1String("running")) return QCoreApplication::translate("RunLabels", "running");
    if (state == QLatin1String("done")) return QCoreApplication::translate("RunLabels", "done");
    if (state == QLatin1String("cancelled")) return QCoreApplication::translate("RunLabels", "cancelled");
    if (state == QLatin1String("failed")) return QCoreApplication::translate("RunLabels", "failed");
    if (state == QLatin1String("interrupted")) return QCoreApplication::translate("RunLabels", "interrupted");
    return state;
}

QString runKindLabel(const QString& kind) {
    if (kind == QLatin1String("train")) return QCoreApplication::translate("RunLabels", "train");
    if (kind == QLatin1String("cross-val")) return QCoreApplication::translate("RunLabels", "cross-validation");
    if (kind == QLatin1String("post-train")) return QCoreApplication::translate("RunLabels", "post-training");
    return kind;
}

}  // namespace winnow::widgets
