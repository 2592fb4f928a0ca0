// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/train/per_class_accuracy_chart.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include "core/util/json_text.h"
#include "widgets/category_axis_labels.h"
#include "widgets/plot_legend.h"

namespace winnow::widgets {

namespace {
const QColor kGroupColors[3] = {QColor(52, 101, 164), QColor(245, 166, 35), QColor(204, 0, 0)};
const char* const kGroupKeys[3] = {"acc_many", "acc_medium", "acc_few"};
}  // namespace

PerClassAccuracyChart::PerClassAccuracyChart(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumSize(220, 160);
    // Legend in its own row above the axes so it never hides a bar.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setColumnSpacing(10);
    m_plot->legend->setIconSize(14, 10);
    m_plot->legend->setIconTextPadding(4);
    keepLegendEntriesWhole(m_plot);
    m_axisLabels = new CategoryAxisLabels(m_plot, m_plot->xAxis);
    setSplitToolTip(QString());
    // No axis title: in the short Training dock the axis is shorter than the word (the
    // tooltip says what the bars are); ticks every 0.5 so their labels never touch.
    m_plot->yAxis->setRange(0, 1.02);
    QSharedPointer<QCPAxisTickerFixed> ticks(new QCPAxisTickerFixed);
    ticks->setTickStep(0.5);
    ticks->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->yAxis->setTicker(ticks);
    for (int g = 0; g < 3; ++g) {
        m_bars[g] = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        m_bars[g]->setPen(Qt::NoPen);
        m_bars[g]->setBrush(kGroupColors[g]);
        m_bars[g]->setWidth(0.7);
        if (QCPAbstractLegendItem* item = m_plot->legend->itemWithPlottable(m_bars[g]))
            item->setMargins(QMargins(2, 1, 2, 1));
    }
    clear();
}

PerClassAccuracyChart::Group PerClassAccuracyChart::groupOf(qint64 n) {
    if (n > 100) return Many;
    if (n >= 20) return Medium;
    return Few;
}

void PerClassAccuracyChart::setClassNames(const QStringList& names) { m_names = names; }

void PerClassAccuracyChart::clear() {
    m_groups.clear();
    for (int g = 0; g < 3; ++g) {
        m_bars[g]->data()->clear();
        m_bars[g]->setName(legendText(Group(g)));
    }
    m_plot->xAxis->setRange(-0.5, 0.5);
    m_axisLabels->setNames({});
    m_plot->replot();
}

QString PerClassAccuracyChart::legendText(Group g) const {
    // Short, so the three entries share a row of a narrow dock; the plot's tooltip gives the
    // groups' bounds.
    const QString names[3] = {tr("many"), tr("medium"), tr("few")};
    const QString base = names[g];
    const QString acc = m_bars[g]->property("groupAcc").toString();
    return acc.isEmpty() ? base : tr("%1: %2").arg(base, acc);
}

void PerClassAccuracyChart::setEpoch(const QString& json) {
    const nlohmann::json row = core::parseJsonOrNull(json.toStdString());
    const nlohmann::json& acc = core::jsonArray(core::jsonField(row, "per_class_acc"));
    const nlohmann::json& counts = core::jsonField(row, "train_counts");
    for (int g = 0; g < 3; ++g) {
        const nlohmann::json& v = core::jsonField(row, kGroupKeys[g]);
        m_bars[g]->setProperty("groupAcc",
                               v.is_number() ? QStringLiteral("%1%").arg(v.get<double>() * 100, 0, 'f', 1)
                                             : (acc.empty() ? QString() : QStringLiteral("—")));
    }
    if (acc.empty()) {
        clear();
        return;
    }
    m_groups.clear();
    QVector<double> keys[3], values[3];
    QStringList labels;
    for (int k = 0; k < int(acc.size()); ++k) {
        const Group g = groupOf(core::jsonInt(core::jsonItem(counts, size_t(k))));
        m_groups << int(g);
        // A class absent from the evaluated split has no accuracy: no bar, but a tick.
        if (acc[size_t(k)].is_number()) {
            keys[g] << double(k);
            values[g] << acc[size_t(k)].get<double>();
        }
        labels << (k < m_names.size() ? m_names[k] : QString::number(k));
    }
    for (int g = 0; g < 3; ++g) {
        m_bars[g]->setData(keys[g], values[g], true);
        m_bars[g]->setName(legendText(Group(g)));
    }
    m_plot->xAxis->setRange(-0.6, double(acc.size()) - 0.4);
    m_axisLabels->setNames(labels);
    const QString split = QString::fromStdString(core::jsonString(core::jsonField(row, "per_class_split")));
    // The split goes to the tooltip: in a short dock the axis is shorter than a longer label.
    setSplitToolTip(split);
    m_plot->replot();
}

void PerClassAccuracyChart::setSplitToolTip(const QString& split) {
    const QString groups = tr("Classes by their training samples: many > 100, medium 20–100, few < 20.");
    m_plot->setToolTip((split.isEmpty() ? tr("Accuracy per class.") : tr("Accuracy per class on the %1 split.").arg(split)) +
                       QLatin1Char('\n') + groups);
}

QVector<double> PerClassAccuracyChart::classesInGroup(Group g) const {
    QVector<double> out;
    for (auto it = m_bars[g]->data()->constBegin(); it != m_bars[g]->data()->constEnd(); ++it)
        out << it->key;
    return out;
}

}  // namespace winnow::widgets
