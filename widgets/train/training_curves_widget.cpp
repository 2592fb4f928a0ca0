// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/train/training_curves_widget.h"

#include <QHBoxLayout>
#include <qcustomplot.h>

#include "core/util/json_text.h"
#include "widgets/plot_legend.h"

namespace winnow::widgets {

namespace {

struct SeriesStyle {
    const char* key;
    QColor color;
    bool loss;
};
// Same colours for a split in both plots so the two legends read alike.
const SeriesStyle kStyles[] = {
    {"loss_train", QColor(52, 101, 164), true}, {"loss_val", QColor(245, 166, 35), true},
    {"loss_test", QColor(204, 0, 0), true},     {"acc_train", QColor(52, 101, 164), false},
    {"acc_val", QColor(245, 166, 35), false},   {"acc_trusted", QColor(115, 186, 90), false},
    {"acc_test", QColor(204, 0, 0), false},
};

void setupPlot(QCustomPlot* p, const QFont& font, const QString& xLabel, const QString& yLabel) {
    p->setMinimumSize(220, 160);
    p->xAxis->setLabel(xLabel);
    p->yAxis->setLabel(yLabel);
    // Legend in its own row above the axes: small dock plots have no empty corner.
    p->legend->setVisible(true);
    p->legend->setFont(font);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(0, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(0, 0.001);
    p->legend->setMargins(QMargins(4, 2, 4, 0));
    p->legend->setColumnSpacing(12);
    keepLegendEntriesWhole(p);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(ticker);
}

}  // namespace

TrainingCurvesWidget::TrainingCurvesWidget(QWidget* parent)
    : QWidget(parent), m_loss(new QCustomPlot(this)), m_acc(new QCustomPlot(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_acc, 1);
    setupPlot(m_loss, font(), tr("epoch"), tr("loss"));
    setupPlot(m_acc, font(), tr("epoch"), tr("accuracy"));
    clear();
}

void TrainingCurvesWidget::clear() {
    m_loss->clearGraphs();
    m_acc->clearGraphs();
    m_series.clear();
    m_loss->xAxis->setRange(0, 1);
    m_loss->yAxis->setRange(0, 1);
    m_acc->xAxis->setRange(0, 1);
    m_acc->yAxis->setRange(0, 1);
    m_loss->replot();
    m_acc->replot();
}

QCPGraph* TrainingCurvesWidget::graphFor(const QString& key) {
    if (auto it = m_series.find(key); it != m_series.end()) return it.value();
    for (const auto& s : kStyles) {
        if (key != QLatin1String(s.key)) continue;
        QCustomPlot* plot = s.loss ? m_loss : m_acc;
        QCPGraph* g = plot->addGraph();
        const QString split = key.section(QLatin1Char('_'), 1);
        const QString names[] = {tr("train"), tr("val"), tr("trusted"), tr("test")};
        const char* splits[] = {"train", "val", "trusted", "test"};
        for (int i = 0; i < 4; ++i)
            if (split == QLatin1String(splits[i])) g->setName(names[i]);
        g->setPen(QPen(s.color, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        m_series.insert(key, g);
        return g;
    }
    return nullptr;
}

void TrainingCurvesWidget::addEpoch(const QString& json) {
    const nlohmann::json row = core::parseJsonOrNull(json.toStdString());
    const nlohmann::json& epoch = core::jsonField(row, "epoch");
    if (!epoch.is_number()) return;
    // Epochs are 0-based in the engine; curves count from 1 like the progress messages.
    const double x = epoch.get<double>() + 1.0;
    for (const auto& s : kStyles) {
        const nlohmann::json& v = core::jsonField(row, s.key);
        if (!v.is_number()) continue;  // null: the split is empty in this project
        if (QCPGraph* g = graphFor(QLatin1String(s.key))) g->addData(x, v.get<double>());
    }
    rescale();
}

void TrainingCurvesWidget::setEpochs(const QStringList& rows) {
    clear();
    for (const QString& r : rows) addEpoch(r);
}

void TrainingCurvesWidget::rescale() {
    for (QCustomPlot* p : {m_loss, m_acc}) {
        bool found = false;
        const QCPRange xr = p->graphCount() ? p->graph(0)->getKeyRange(found) : QCPRange(0, 1);
        p->xAxis->setRange(0.5, std::max(2.0, found ? xr.upper : 1.0) + 0.5);
        if (p == m_acc) {
            p->yAxis->setRange(0, 1.02);
        } else {
            double hi = 0;
            for (int i = 0; i < p->graphCount(); ++i) {
                bool ok = false;
                const QCPRange r = p->graph(i)->getValueRange(ok);
                if (ok) hi = std::max(hi, r.upper);
            }
            p->yAxis->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
        }
        p->replot();
    }
}

QVector<double> TrainingCurvesWidget::values(const QString& key) const {
    QVector<double> out;
    if (auto* g = m_series.value(key))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out << it->value;
    return out;
}

QVector<double> TrainingCurvesWidget::epochs(const QString& key) const {
    QVector<double> out;
    if (auto* g = m_series.value(key))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out << it->key;
    return out;
}

}  // namespace winnow::widgets
