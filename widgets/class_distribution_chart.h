#pragma once
#include <QStringList>
#include <QWidget>
#include <array>
#include <vector>

#include "core/dataset/sample_store.h"

class QCustomPlot;

namespace winnow::widgets {

class CategoryAxisLabels;

// Samples per class as bars stacked by split (train, val, test).
class ClassDistributionChart : public QWidget {
    Q_OBJECT
public:
    explicit ClassDistributionChart(QWidget* parent = nullptr);

    // counts[class][split]
    using Counts = std::vector<std::array<qint64, 3>>;
    static Counts countTable(const core::SampleTable& table, int classCount);
    void setCounts(const QStringList& classNames, const Counts& counts);
    const Counts& counts() const { return m_counts; }

    bool exportPng(const QString& file, int width = 1000, int height = 600);
    bool exportPdf(const QString& file, int width = 1000, int height = 600);
    QCustomPlot* plot() const { return m_plot; }

public Q_SLOTS:
    void exportInteractive();

private:
    QCustomPlot* m_plot;
    CategoryAxisLabels* m_axisLabels;
    Counts m_counts;
};

}  // namespace winnow::widgets
