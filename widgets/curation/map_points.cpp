#include "widgets/curation/map_points.h"

#include <QCoreApplication>

namespace winnow::widgets {

QString MapPoints::problem() const {
    const qsizetype n = sampleIds.size();
    if (xy.size() != 2 * n)
        return QCoreApplication::translate("winnow::widgets::MapPoints",
                                           "The map has %1 coordinates for %2 samples (two per sample expected).")
            .arg(xy.size())
            .arg(n);
    if (!category.isEmpty() && category.size() != n)
        return QCoreApplication::translate("winnow::widgets::MapPoints", "The map has %1 category entries for %2 samples.")
            .arg(category.size())
            .arg(n);
    if (!value.isEmpty() && value.size() != n)
        return QCoreApplication::translate("winnow::widgets::MapPoints", "The map has %1 values for %2 samples.")
            .arg(value.size())
            .arg(n);
    return {};
}

}  // namespace winnow::widgets
