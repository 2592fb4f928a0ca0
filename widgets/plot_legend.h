#pragma once

#include <QVector>

class QCustomPlot;

namespace winnow::widgets {

// Keeps a plot's legend (a row above the axes, entries side by side) whole at any width
// (issue 16, bug 11): after every layout, as many columns as fit the plot's width, the rest
// of the entries on further rows, so no entry is squeezed below its icon and text (the
// training curves' legend read "trai", "truste", "tes" in a narrow dock).
void keepLegendEntriesWhole(QCustomPlot* plot);

// Columns of `entryWidths` (in legend order, filled row by row) that fit `width` pixels with
// `spacing` between columns; at least 1.
int legendColumnsFitting(const QVector<int>& entryWidths, int width, int spacing);

}  // namespace winnow::widgets
