#pragma once
#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtGlobal>

namespace winnow::widgets {

// The plain data the embedding map draws: n points of a 2-D layout and what colours them.
// No core types: the owner copies a core map (or anything else) into it.
struct MapPoints {
    QVector<float> xy;           // 2n values: x0, y0, x1, y1, ... (non-finite: not drawn)
    QVector<qint64> sampleIds;   // n sample ids, the identity of each point
    QVector<qint32> category;    // n or empty: label or issue index, -1 none
    QStringList categoryNames;   // name of each category index
    QVector<QColor> categoryColors;  // optional colour per category; missing ones get a palette colour
    QString categoryTitle;       // legend title, e.g. "Label" or "Issue"
    QVector<float> value;        // n or empty: a score per point (NaN: none) for the colour ramp
    QString valueTitle;          // legend title of the ramp, e.g. "Outlier score"

    qsizetype size() const { return sampleIds.size(); }
    float x(qsizetype i) const { return xy[2 * i]; }
    float y(qsizetype i) const { return xy[2 * i + 1]; }
    // Empty when the arrays agree in size, else a message naming the array and its sizes.
    QString problem() const;
};

}  // namespace winnow::widgets
