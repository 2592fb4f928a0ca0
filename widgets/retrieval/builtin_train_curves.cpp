// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/retrieval/builtin_train_curves.h"

#include <QHBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace winnow::widgets {
namespace {

void setupPlot(QCustomPlot* p, const QFont& font, const QString& yLabel) {
    p->setMinimumSize(240, 170);
    p->xAxis->setLabel(BuiltinTrainCurves::tr("step"));
    p->yAxis->setLabel(yLabel);
    p->legend->setVisible(true);
    p->legend->setFont(font);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(0, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(0, 0.001);
    p->legend->setMargins(QMargins(4, 2, 4, 0));
    p->legend->setColumnSpacing(12);
}

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& color, bool points, QCPAxis* value = nullptr) {
    QCPGraph* g = plot->addGraph(plot->xAxis, value ? value : plot->yAxis);
    g->setName(name);
    g->setPen(QPen(color, points ? 2 : 1));
    if (points) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    return g;
}

}  // namespace

BuiltinTrainCurves::BuiltinTrainCurves(QWidget* parent)
    : QWidget(parent), m_loss(new QCustomPlot(this)), m_metrics(new QCustomPlot(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_metrics, 1);
    setupPlot(m_loss, font(), tr("InfoNCE loss"));
    setupPlot(m_metrics, font(), tr("validation R@1"));
    m_metrics->yAxis2->setVisible(true);
    m_metrics->yAxis2->setLabel(tr("temperature"));
    m_stepLoss = addGraph(m_loss, tr("step"), QColor(150, 170, 200), false);
    m_epochLoss = addGraph(m_loss, tr("epoch mean"), QColor(52, 101, 164), true);
    m_valI2T = addGraph(m_metrics, tr("image→text"), QColor(245, 166, 35), true);
    m_valT2I = addGraph(m_metrics, tr("text→image"), QColor(115, 186, 90), true);
    m_temperature = addGraph(m_metrics, tr("temperature"), QColor(204, 0, 0), false, m_metrics->yAxis2);
    clear();
}

void BuiltinTrainCurves::clear() {
    for (QCPGraph* g : {m_stepLoss, m_epochLoss, m_temperature, m_valI2T, m_valT2I}) g->data()->clear();
    rescale();
}

void BuiltinTrainCurves::addStep(qint64 step, double loss, double temperature) {
    if (std::isfinite(loss)) m_stepLoss->addData(double(step), loss);
    if (std::isfinite(temperature)) m_temperature->addData(double(step), temperature);
    rescale();
}

void BuiltinTrainCurves::addEpoch(qint64 step, double meanLoss, double temperature, double valI2T, double valT2I) {
    if (std::isfinite(meanLoss)) m_epochLoss->addData(double(step), meanLoss);
    if (std::isfinite(temperature)) m_temperature->addData(double(step), temperature);
    if (valI2T >= 0) m_valI2T->addData(double(step), valI2T);
    if (valT2I >= 0) m_valT2I->addData(double(step), valT2I);
    rescale();
}

void BuiltinTrainCurves::rescale() {
    double last = 1;
    for (QCPGraph* g : {m_stepLoss, m_epochLoss, m_temperature})
        if (!g->data()->isEmpty()) last = std::max(last, (g->data()->constEnd() - 1)->key);
    double hi = 0;
    for (QCPGraph* g : {m_stepLoss, m_epochLoss}) {
        bool ok = false;
        const QCPRange r = g->getValueRange(ok);
        if (ok) hi = std::max(hi, r.upper);
    }
    m_loss->xAxis->setRange(0, last);
    m_loss->yAxis->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
    m_metrics->xAxis->setRange(0, last);
    m_metrics->yAxis->setRange(0, 1.02);
    bool ok = false;
    const QCPRange t = m_temperature->getValueRange(ok);
    m_metrics->yAxis2->setRange(0, ok && t.upper > 0 ? t.upper * 1.2 : 0.1);
    m_loss->replot(QCustomPlot::rpQueuedReplot);
    m_metrics->replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph* BuiltinTrainCurves::graph(const QString& series) const {
    if (series == QLatin1String("loss")) return m_stepLoss;
    if (series == QLatin1String("epoch_loss")) return m_epochLoss;
    if (series == QLatin1String("temperature")) return m_temperature;
    if (series == QLatin1String("val_i2t")) return m_valI2T;
    if (series == QLatin1String("val_t2i")) return m_valT2I;
    return nullptr;
}

QVector<double> BuiltinTrainCurves::values(const QString& series) const {
    QVector<double> out;
    if (QCPGraph* g = graph(series))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out << it->value;
    return out;
}

}  // namespace winnow::widgets
