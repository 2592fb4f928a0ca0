// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/runs/compare_runs_dialog.h"

#include "widgets/plot_legend.h"
#include "widgets/run_labels.h"
#include "widgets/window_size.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "widgets/review/plot_frame.h"

namespace winnow::widgets {

namespace {
const char* const kLossKeys[] = {"loss_train", "loss_val", "loss_test"};
const char* const kAccKeys[] = {"acc_train", "acc_val", "acc_test"};
const QColor kSplitColour[] = {QColor(52, 101, 164), QColor(245, 166, 35), QColor(204, 0, 0)};
const QColor kRunColour[] = {QColor(52, 101, 164), QColor(214, 39, 40)};

QString pct(double v) { return std::isnan(v) ? QStringLiteral("–") : QString::number(100.0 * v, 'f', 1) + QLatin1Char('%'); }
QString num(double v, int prec = 3) { return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', prec); }

QVector<double> seriesOf(const RunInfo& r, const QString& key, QVector<double>* epochs) {
    QVector<double> v;
    for (const QString& row : r.epochRows) {
        const nlohmann::json o = core::parseJsonOrNull(row.toStdString());
        const nlohmann::json& x = core::jsonField(o, key.toStdString());
        if (!x.is_number()) continue;
        v << x.get<double>();
        // Epochs are 0-based in the engine; shown from 1, as in the Training dock.
        if (epochs) *epochs << core::jsonDouble(core::jsonField(o, "epoch"), double(v.size() - 1)) + 1.0;
    }
    return v;
}
}  // namespace

CompareRunsDialog::CompareRunsDialog(const std::filesystem::path& projectFile, QWidget* parent)
    : QDialog(parent), m_file(projectFile) {
    setWindowTitle(tr("Compare runs — %1").arg(QString::fromStdString(projectFile.filename().string())));
    m_runs = new QTableWidget(0, 10, this);
    m_runs->setHorizontalHeaderLabels({tr("Run"), tr("State"), tr("Kind"), tr("Model"), tr("Loss"), tr("Epochs"),
                                       tr("Label version"), tr("Train acc."), tr("Val acc."), tr("Test acc.")});
    m_runs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setSizeAdjustPolicy(QAbstractScrollArea::AdjustIgnored);
    connect(m_runs->horizontalScrollBar(), &QScrollBar::rangeChanged, this, &CompareRunsDialog::fitRunsTableHeight);
    m_a = new QComboBox(this);
    m_b = new QComboBox(this);
    m_lossPlot = new PlotFrame(tr("Loss per epoch"), this);
    m_accPlot = new PlotFrame(tr("Accuracy per epoch"), this);
    m_perClassPlot = new PlotFrame(tr("Per-class accuracy (last epoch)"), this);
    m_scorings = new QTableWidget(0, 9, this);
    m_scorings->setHorizontalHeaderLabels({tr("Detector"), tr("Flagged A"), tr("Flagged B"), tr("Flagged by both"),
                                           tr("Jaccard"), tr("Spearman ρ"), tr("P / R / F1 (A)"),
                                           tr("P / R / F1 (B)"), tr("Samples in both")});
    m_scorings->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scorings->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Run A (solid):"), this));
    pick->addWidget(m_a, 1);
    pick->addWidget(new QLabel(tr("Run B (dashed):"), this));
    pick->addWidget(m_b, 1);
    auto* plots = new QGridLayout;
    plots->addWidget(m_lossPlot, 0, 0);
    plots->addWidget(m_accPlot, 0, 1);
    plots->addWidget(m_perClassPlot, 1, 0, 1, 2);
    plots->addWidget(new QLabel(tr("<b>Scorings</b> of the two runs, detector by detector"), this), 2, 0, 1, 2);
    plots->addWidget(m_scorings, 3, 0, 1, 2);
    auto* inner = new QWidget(this);
    inner->setLayout(plots);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(inner);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The runs table takes the height of its rows, the plots the rest.
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_runs);
    lay->addLayout(pick);
    lay->addWidget(scroll, 1);
    lay->addWidget(buttons);
    // Legends in a row above the axes: inside, they covered the curves' ends (issue 16).
    for (PlotFrame* f : {m_lossPlot, m_accPlot, m_perClassPlot}) {
        QCustomPlot* p = f->plot();
        p->legend->setVisible(true);
        p->legend->setBorderPen(Qt::NoPen);
        p->plotLayout()->insertRow(0);
        p->plotLayout()->addElement(0, 0, p->legend);
        p->plotLayout()->setRowStretchFactor(0, 0.001);
        p->legend->setMargins(QMargins(4, 2, 4, 0));
        p->legend->setColumnSpacing(12);
        keepLegendEntriesWhole(p);
    }
    for (PlotFrame* f : {m_lossPlot, m_accPlot}) {
        f->plot()->xAxis->setLabel(tr("epoch"));
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        f->plot()->xAxis->setTicker(ticker);
    }
    m_lossPlot->plot()->yAxis->setLabel(tr("loss"));
    m_accPlot->plot()->yAxis->setLabel(tr("accuracy"));
    m_perClassPlot->plot()->yAxis->setLabel(tr("accuracy"));
    connect(m_a, &QComboBox::currentIndexChanged, this, &CompareRunsDialog::compare);
    connect(m_b, &QComboBox::currentIndexChanged, this, &CompareRunsDialog::compare);
    resize(fitToScreen(this, QSize(1200, 900)));
    reload();
}

void CompareRunsDialog::reload() {
    m_runInfo = loadRuns(m_file);
    m_classNames.clear();
    {
        auto p = core::Project::openReadOnly(m_file);
        for (const auto& c : core::SampleStore(p->db()).classes()) m_classNames << QString::fromStdString(c.name);
    }
    fillRunsTable();
    const QSignalBlocker ba(m_a), bb(m_b);
    const qint64 oldA = runA(), oldB = runB();
    m_a->clear();
    m_b->clear();
    for (const auto& r : m_runInfo) {
        const QString text = tr("run %1 · %2, %3, label v%4").arg(r.id).arg(r.model, r.loss).arg(r.labelVersion);
        m_a->addItem(text, r.id);
        m_b->addItem(text, r.id);
    }
    // Default: the newest run against the one it was retrained from (else the one before it).
    if (!setRuns(oldA, oldB) && !m_runInfo.empty()) {
        const RunInfo& newest = m_runInfo.back();
        qint64 a = newest.parentRun > 0 && find(newest.parentRun) ? newest.parentRun
                   : m_runInfo.size() > 1 ? m_runInfo[m_runInfo.size() - 2].id : newest.id;
        m_a->setCurrentIndex(m_a->findData(a));
        m_b->setCurrentIndex(m_b->findData(newest.id));
    }
    compare();
}

bool CompareRunsDialog::setRuns(qint64 a, qint64 b) {
    const int ia = m_a->findData(a), ib = m_b->findData(b);
    if (ia < 0 || ib < 0) return false;
    {
        const QSignalBlocker ba(m_a), bb(m_b);
        m_a->setCurrentIndex(ia);
        m_b->setCurrentIndex(ib);
    }
    compare();
    return true;
}

qint64 CompareRunsDialog::runA() const { return m_a->currentData().toLongLong(); }
qint64 CompareRunsDialog::runB() const { return m_b->currentData().toLongLong(); }

const RunInfo* CompareRunsDialog::find(qint64 id) const {
    for (const auto& r : m_runInfo)
        if (r.id == id) return &r;
    return nullptr;
}

void CompareRunsDialog::fillRunsTable() {
    m_runs->setRowCount(int(m_runInfo.size()));
    for (int i = 0; i < int(m_runInfo.size()); ++i) {
        const RunInfo& r = m_runInfo[size_t(i)];
        const QStringList cells{QString::number(r.id), runStateLabel(r.state), runKindLabel(r.kind), r.model, r.loss, QString::number(r.epochs),
                                QString::number(r.labelVersion), pct(r.accTrain), pct(r.accVal), pct(r.accTest)};
        for (int c = 0; c < cells.size(); ++c) m_runs->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    fitRunsTableHeight();
}

// The table as tall as its rows (at most six, then it scrolls): a fixed share of the
// splitter gave two rows ~190 px and pushed the per-class chart below the fold (issue 16).
void CompareRunsDialog::fitRunsTableHeight() {
    m_runs->resizeRowsToContents();
    int h = m_runs->horizontalHeader()->sizeHint().height() + 2 * m_runs->frameWidth();
    const int rows = std::min(m_runs->rowCount(), 6);
    for (int r = 0; r < rows; ++r) h += m_runs->rowHeight(r);
    if (m_runs->horizontalScrollBar()->maximum() > 0) h += m_runs->horizontalScrollBar()->sizeHint().height();
    m_runs->setMaximumHeight(h);
}

void CompareRunsDialog::compare() {
    const RunInfo* a = find(runA());
    const RunInfo* b = find(runB());
    drawCurves(a, b);
    drawPerClass(a, b);
    fillScorings(a, b);
}

QVector<double> CompareRunsDialog::curve(int slot, const QString& key) const {
    const RunInfo* r = find(slot == 0 ? runA() : runB());
    return r ? seriesOf(*r, key, nullptr) : QVector<double>();
}

QVector<double> CompareRunsDialog::perClass(int slot) const { return m_perClass[slot == 0 ? 0 : 1]; }

void CompareRunsDialog::drawCurves(const RunInfo* a, const RunInfo* b) {
    for (int plot = 0; plot < 2; ++plot) {
        QCustomPlot* p = (plot == 0 ? m_lossPlot : m_accPlot)->plot();
        p->clearGraphs();
        const char* const* keys = plot == 0 ? kLossKeys : kAccKeys;
        const RunInfo* runs[2] = {a, b};
        for (int slot = 0; slot < 2; ++slot) {
            if (!runs[slot]) continue;
            for (int k = 0; k < 3; ++k) {
                QVector<double> x;
                const QVector<double> y = seriesOf(*runs[slot], QLatin1String(keys[k]), &x);
                if (y.isEmpty()) continue;
                QCPGraph* g = p->addGraph();
                g->setData(x, y);
                g->setPen(QPen(kSplitColour[k], 2, slot == 0 ? Qt::SolidLine : Qt::DashLine));
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
                const QString split[] = {tr("train"), tr("val"), tr("test")};
                g->setName(tr("%1 %2").arg(slot == 0 ? QStringLiteral("A") : QStringLiteral("B"), split[k]));
            }
        }
        p->rescaleAxes();
        if (plot == 1) p->yAxis->setRange(0, 1.02);
        (plot == 0 ? m_lossPlot : m_accPlot)->setHoverText([p](double x, double) -> QString {
            QStringList parts;
            const int epoch = int(std::lround(x));
            for (int i = 0; i < p->graphCount(); ++i) {
                auto it = p->graph(i)->data()->findBegin(epoch - 0.5, false);
                if (it != p->graph(i)->data()->constEnd() && std::abs(it->key - epoch) < 0.5)
                    parts << QStringLiteral("%1: %2").arg(p->graph(i)->name()).arg(it->value, 0, 'f', 3);
            }
            return parts.isEmpty() ? QString() : tr("epoch %1 — %2").arg(epoch).arg(parts.join(QStringLiteral(", ")));
        });
        p->replot();
    }
}

void CompareRunsDialog::drawPerClass(const RunInfo* a, const RunInfo* b) {
    QCustomPlot* p = m_perClassPlot->plot();
    p->clearPlottables();
    const RunInfo* runs[2] = {a, b};
    auto* group = new QCPBarsGroup(p);
    int classes = int(m_classNames.size());
    for (int slot = 0; slot < 2; ++slot) {
        m_perClass[slot].clear();
        if (!runs[slot]) continue;
        const nlohmann::json arr = core::jsonArray(
            core::jsonField(core::parseJsonOrNull(runs[slot]->lastEpochRow().toStdString()), "per_class_acc"));
        QVector<double> x;
        for (int k = 0; k < int(arr.size()); ++k) {
            x << k;
            m_perClass[slot] << core::jsonDouble(arr[size_t(k)], NAN);
        }
        classes = std::max(classes, int(arr.size()));
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setData(x, m_perClass[slot]);
        bars->setWidth(0.4);
        bars->setBrush(kRunColour[slot]);
        bars->setPen(Qt::NoPen);
        bars->setName(tr("run %1 (%2)").arg(runs[slot]->id).arg(slot == 0 ? QStringLiteral("A") : QStringLiteral("B")));
        bars->setBarsGroup(group);
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int k = 0; k < classes; ++k) ticker->addTick(k, m_classNames.value(k, QString::number(k)));
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLabelRotation(classes > 12 ? 60 : 0);
    p->xAxis->setRange(-0.6, classes - 0.4);
    p->yAxis->setRange(0, 1.02);
    const QVector<double> va = m_perClass[0], vb = m_perClass[1];
    const QStringList names = m_classNames;
    m_perClassPlot->setHoverText([va, vb, names](double x, double) -> QString {
        const int k = int(std::lround(x));
        if (k < 0 || (k >= va.size() && k >= vb.size())) return {};
        return tr("%1: A %2, B %3").arg(names.value(k, QString::number(k)))
            .arg(k < va.size() ? pct(va[k]) : QStringLiteral("–"))
            .arg(k < vb.size() ? pct(vb[k]) : QStringLiteral("–"));
    });
    p->replot();
}

void CompareRunsDialog::fillScorings(const RunInfo* a, const RunInfo* b) {
    m_scorings->setRowCount(0);
    if (!a || !b) return;
    // The newest scoring of each detector on each run, paired by detector.
    auto newestByDetector = [this](qint64 run) {
        QMap<QString, qint64> m;
        for (const auto& s : scoringsOfRun(m_file, run)) m[s.detector] = s.id;
        return m;
    };
    const auto sa = newestByDetector(a->id), sb = newestByDetector(b->id);
    QStringList detectors = sa.keys();
    for (const QString& d : sb.keys())
        if (!detectors.contains(d)) detectors << d;
    auto prf = [](const FlagQuality& q) {
        return std::isnan(q.precision) ? QStringLiteral("–")
                                       : QStringLiteral("%1 / %2 / %3").arg(num(q.precision), num(q.recall), num(q.f1));
    };
    for (const QString& det : detectors) {
        QStringList cells(9, QStringLiteral("–"));
        cells[0] = det;
        std::optional<ScoringVector> va, vb;
        try {
            if (sa.contains(det)) va = loadScoringVector(m_file, sa.value(det));
            if (sb.contains(det)) vb = loadScoringVector(m_file, sb.value(det));
        } catch (const std::exception& e) {
            cells[1] = QString::fromUtf8(e.what());
        }
        if (va) {
            const auto q = flagQuality(*va);
            cells[1] = QString::number(q.flagged);
            cells[6] = prf(q);
        }
        if (vb) {
            const auto q = flagQuality(*vb);
            cells[2] = QString::number(q.flagged);
            cells[7] = prf(q);
        }
        if (va && vb) {
            const auto c = compareScorings(*va, *vb);
            cells[3] = QString::number(c.overlap);
            cells[4] = num(c.jaccard);
            cells[5] = num(c.spearman);
            cells[8] = QString::number(c.common);
        }
        const int row = m_scorings->rowCount();
        m_scorings->insertRow(row);
        for (int c = 0; c < cells.size(); ++c) m_scorings->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
}

}  // namespace winnow::widgets
