// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/train/per_class_accuracy_chart.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include "core/util/json_text.h"

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
    m_plot->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    m_plot->legend->setRowSpacing(0);
    m_plot->yAxis->setLabel(tr("accuracy"));
    m_plot->yAxis->setRange(0, 1.02);
    for (int g = 0; g < 3; ++g) {
        m_bars[g] = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        m_bars[g]->setPen(Qt::NoPen);
        m_bars[g]->setBrush(kGroupColors[g]);
        m_bars[g]->setWidth(0.7);
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
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->xAxis->setRange(-0.5, 0.5);
    m_plot->replot();
}

QString PerClassAccuracyChart::legendText(Group g) const {
    const QString names[3] = {tr("many (>100 train)"), tr("medium (20–100)"), tr("few (<20)")};
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
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int k = 0; k < int(acc.size()); ++k) {
        const Group g = groupOf(core::jsonInt(core::jsonItem(counts, size_t(k))));
        m_groups << int(g);
        // A class absent from the evaluated split has no accuracy: no bar, but a tick.
        if (acc[size_t(k)].is_number()) {
            keys[g] << double(k);
            values[g] << acc[size_t(k)].get<double>();
        }
        ticker->addTick(k, k < m_names.size() ? m_names[k] : QString::number(k));
    }
    for (int g = 0; g < 3; ++g) {
        m_bars[g]->setData(keys[g], values[g], true);
        m_bars[g]->setName(legendText(Group(g)));
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(acc.size() > 8 ? 45 : 0);
    m_plot->xAxis->setRange(-0.6, double(acc.size()) - 0.4);
    const QString split = QString::fromStdString(core::jsonString(core::jsonField(row, "per_class_split")));
    m_plot->yAxis->setLabel(split.isEmpty() ? tr("accuracy") : tr("accuracy (%1)").arg(split));
    m_plot->replot();
}

QVector<double> PerClassAccuracyChart::classesInGroup(Group g) const {
    QVector<double> out;
    for (auto it = m_bars[g]->data()->constBegin(); it != m_bars[g]->data()->constEnd(); ++it)
        out << it->key;
    return out;
}

}  // namespace winnow::widgets
