// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/class_distribution_chart.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "widgets/category_axis_labels.h"
#include "widgets/plot_legend.h"

namespace winnow::widgets {

namespace {
const QColor kSplitColors[3] = {QColor(52, 101, 164), QColor(245, 166, 35), QColor(115, 186, 90)};
}

ClassDistributionChart::ClassDistributionChart(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the chart as PNG or PDF"));
    connect(exportButton, &QToolButton::clicked, this, &ClassDistributionChart::exportInteractive);
    auto* top = new QHBoxLayout;
    top->addStretch(1);
    top->addWidget(exportButton);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(160);
    // Legend in its own row above the axes so it never hides a bar.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    m_plot->legend->setColumnSpacing(16);
    keepLegendEntriesWhole(m_plot);
    m_plot->xAxis->grid()->setVisible(false);
    m_axisLabels = new CategoryAxisLabels(m_plot, m_plot->xAxis);
    m_plot->yAxis->setLabel(tr("samples"));
    setCounts({}, {});
}

ClassDistributionChart::Counts ClassDistributionChart::countTable(const core::SampleTable& t,
                                                                  int classCount) {
    Counts c(size_t(std::max(0, classCount)), {0, 0, 0});
    for (size_t i = 0; i < t.size(); ++i) {
        const int l = t.label[i];
        const int s = t.split[i];
        if (l >= 0 && l < classCount && s >= 0 && s < 3) ++c[size_t(l)][size_t(s)];
    }
    return c;
}

void ClassDistributionChart::setCounts(const QStringList& classNames, const Counts& counts) {
    m_counts = counts;
    m_plot->clearPlottables();
    const QString splitNames[3] = {tr("train"), tr("val"), tr("test")};
    QCPBars* below = nullptr;
    QVector<double> keys;
    for (size_t k = 0; k < counts.size(); ++k) keys << double(k);
    double maxTotal = 0;
    for (const auto& c : counts) maxTotal = std::max(maxTotal, double(c[0] + c[1] + c[2]));
    for (int s = 0; s < 3; ++s) {
        QVector<double> values;
        bool any = false;
        for (const auto& c : counts) {
            values << double(c[size_t(s)]);
            any = any || c[size_t(s)] > 0;
        }
        if (!any && s != 0) continue;  // no empty legend entries for unused splits
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(splitNames[s]);
        bars->setPen(Qt::NoPen);
        bars->setBrush(kSplitColors[s]);
        bars->setWidth(0.7);
        bars->setData(keys, values, true);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    QStringList labels;
    for (size_t k = 0; k < counts.size(); ++k)
        labels << (int(k) < classNames.size() ? classNames[int(k)] : QString::number(k));
    m_plot->xAxis->setRange(-0.6, std::max<double>(0.6, double(counts.size()) - 0.4));
    m_axisLabels->setNames(labels);
    m_plot->yAxis->setRange(0, maxTotal > 0 ? maxTotal * 1.05 : 1);
    m_plot->replot();
}

bool ClassDistributionChart::exportPng(const QString& file, int width, int height) {
    return m_plot->savePng(file, width, height);
}

bool ClassDistributionChart::exportPdf(const QString& file, int width, int height) {
    return m_plot->savePdf(file, width, height);
}

void ClassDistributionChart::exportInteractive() {
    QString selected;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QStringLiteral("class-distribution.png"),
        tr("PNG image (*.png);;PDF document (*.pdf)"), &selected);
    if (file.isEmpty()) return;
    const bool pdf = file.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    const bool ok = pdf ? exportPdf(file) : exportPng(file);
    if (!ok) QMessageBox::warning(this, tr("Export chart"), tr("Could not write %1.").arg(file));
}

}  // namespace winnow::widgets
