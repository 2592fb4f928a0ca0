// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/plot_legend.h"

#include <QVector>
#include <qcustomplot.h>

namespace winnow::widgets {

int legendColumnsFitting(const QVector<int>& entryWidths, int width, int spacing) {
    const int n = int(entryWidths.size());
    for (int columns = n; columns > 1; --columns) {
        int total = spacing * (columns - 1);
        for (int c = 0; c < columns; ++c) {
            int widest = 0;
            for (int i = c; i < n; i += columns) widest = std::max(widest, entryWidths[i]);
            total += widest;
        }
        if (total <= width) return columns;
    }
    return 1;
}

void keepLegendEntriesWhole(QCustomPlot* plot) {
    QCPLegend* legend = plot->legend;
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    QObject::connect(plot, &QCustomPlot::afterLayout, legend, [plot, legend] {
        QVector<int> widths;
        for (int i = 0; i < legend->itemCount(); ++i)
            if (QCPAbstractLegendItem* item = legend->item(i)) widths << item->minimumOuterSizeHint().width();
        const QMargins m = legend->margins();
        const int columns = legendColumnsFitting(widths, plot->viewport().width() - m.left() - m.right(),
                                                 legend->columnSpacing());
        if (columns == legend->wrap() && legend->columnCount() <= std::max(1, columns)) return;
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

}  // namespace winnow::widgets
