#include "widgets/review/influence_dashboard.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/review/plot_frame.h"

namespace winnow::widgets {

namespace {
constexpr int kBins = 40;
const QColor kClean(31, 119, 180);
const QColor kNoisy(214, 39, 40);
constexpr int kMaxScatter = 20000;  // points drawn; a deterministic stride beyond that
}  // namespace

InfluenceDashboard::InfluenceDashboard(QWidget* parent) : QWidget(parent) {
    m_gammaSlider = new QSlider(Qt::Horizontal, this);
    m_gammaSpin = new QSpinBox(this);
    m_classCombo = new QComboBox(this);
    m_thrSpin = new QDoubleSpinBox(this);
    m_thrSpin->setRange(-1e6, 1e6);
    m_thrSpin->setDecimals(3);
    m_thrSpin->setSingleStep(0.05);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    auto* reset = new QPushButton(tr("Reset cuts to μ(G_low)"), this);
    auto* apply = new QPushButton(tr("Use these flags in the queue"), this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("γ (consensus):"), this));
    controls->addWidget(m_gammaSlider, 1);
    controls->addWidget(m_gammaSpin);
    controls->addWidget(new QLabel(tr("OSD class:"), this));
    controls->addWidget(m_classCombo);
    controls->addWidget(new QLabel(tr("cut:"), this));
    controls->addWidget(m_thrSpin);
    controls->addWidget(reset);
    controls->addWidget(apply);

    m_osm = new PlotFrame(tr("OSM histogram"), this);
    m_osd = new PlotFrame(tr("OSD histogram with fitted GMM"), this);
    m_consensus = new PlotFrame(tr("Consensus count"), this);
    m_scatter = new PlotFrame(tr("Loss vs OSM"), this);
    m_detectors = new QTableWidget(0, 6, this);
    m_detectors->setHorizontalHeaderLabels({tr("Detector"), tr("Flagged"), tr("This flagged"),
                                            tr("Overlap"), tr("Jaccard"), tr("Spearman ρ")});
    m_detectors->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_detectors->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* grid = new QGridLayout;
    grid->addWidget(m_osm, 0, 0);
    grid->addWidget(m_osd, 0, 1);
    grid->addWidget(m_consensus, 1, 0);
    grid->addWidget(m_scatter, 1, 1);
    auto* det = new QWidget(this);
    auto* detLay = new QVBoxLayout(det);
    detLay->addWidget(new QLabel(tr("<b>Detector comparison</b> (flagged-set overlap, rank correlation of scores)"), det));
    detLay->addWidget(m_detectors);
    grid->addWidget(det, 2, 0, 1, 2);
    auto* inner = new QWidget(this);
    inner->setLayout(grid);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(inner);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(controls);
    lay->addWidget(m_summary);
    lay->addWidget(scroll, 1);

    connect(m_gammaSlider, &QSlider::valueChanged, this, &InfluenceDashboard::setGamma);
    connect(m_gammaSpin, &QSpinBox::valueChanged, this, &InfluenceDashboard::setGamma);
    connect(m_classCombo, &QComboBox::currentIndexChanged, this, [this](int k) {
        m_osdClass = std::max(0, k);
        drawOsd();
    });
    connect(m_thrSpin, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { setThreshold(m_osdClass, v); });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (!m_data) return;
        for (int k = 0; k < m_data->classes; ++k)
            m_thr[size_t(k)] = k < int(m_data->gmm.size()) && m_data->gmm[size_t(k)].valid
                                   ? m_data->gmm[size_t(k)].mean[0] : 0.0;
        m_thr = m_thrDefault;
        recompute();
        drawOsd();
    });
    connect(apply, &QPushButton::clicked, this, [this] { Q_EMIT flagsApplied(m_flags); });
    auto hookClicks = [this](PlotFrame* f, const QString& name) {
        connect(f->plot(), &QCustomPlot::plottableClick, this,
                [this, name](QCPAbstractPlottable* p, int i, QMouseEvent*) { onBarClicked(name, p, i); });
    };
    hookClicks(m_osm, QStringLiteral("osm"));
    hookClicks(m_osd, QStringLiteral("osd"));
    hookClicks(m_consensus, QStringLiteral("consensus"));
    connect(m_osd->plot(), &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { osdMouse(e, 0); });
    connect(m_osd->plot(), &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) { osdMouse(e, 1); });
    connect(m_osd->plot(), &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) { osdMouse(e, 2); });
}

void InfluenceDashboard::setReviewData(std::shared_ptr<const ReviewData> data) {
    m_data = std::move(data);
    if (!m_data) return;
    const int K = std::max(1, m_data->classes);
    m_thr.assign(size_t(K), 0.0);
    for (int k = 0; k < m_data->classes && k < int(m_data->gmm.size()); ++k)
        if (m_data->gmm[size_t(k)].valid) m_thr[size_t(k)] = m_data->gmm[size_t(k)].mean[0];
    m_thrDefault = m_thr;
    m_gamma = std::clamp(m_data->gamma > 0 ? m_data->gamma : (K + 1) / 2, 1, K);
    {
        const QSignalBlocker b1(m_gammaSlider), b2(m_gammaSpin), b3(m_classCombo);
        m_gammaSlider->setRange(1, K);
        m_gammaSpin->setRange(1, K);
        m_gammaSlider->setValue(m_gamma);
        m_gammaSpin->setValue(m_gamma);
        m_classCombo->clear();
        m_classCombo->addItems(m_data->classNames);
    }
    const bool osd = m_data->hasOsd();
    m_gammaSlider->setEnabled(osd);
    m_gammaSpin->setEnabled(osd);
    m_classCombo->setEnabled(osd);
    m_thrSpin->setEnabled(osd);
    m_osdClass = 0;
    drawOsm();
    drawScatter();
    recompute();
    drawOsd();
    fillDetectorTable();
}

void InfluenceDashboard::setOtherDetectors(const std::vector<std::shared_ptr<const ReviewData>>& others) {
    m_others = others;
    fillDetectorTable();
}

void InfluenceDashboard::setGamma(int gamma) {
    if (!m_data) return;
    gamma = std::clamp(gamma, 1, std::max(1, m_data->classes));
    if (gamma == m_gamma && !m_flags.empty()) return;
    m_gamma = gamma;
    const QSignalBlocker b1(m_gammaSlider), b2(m_gammaSpin);
    m_gammaSlider->setValue(gamma);
    m_gammaSpin->setValue(gamma);
    recompute();
}

void InfluenceDashboard::setThreshold(int classIdx, double value) {
    if (!m_data || classIdx < 0 || classIdx >= int(m_thr.size())) return;
    m_thr[size_t(classIdx)] = value;
    if (classIdx == m_osdClass) {
        const QSignalBlocker b(m_thrSpin);
        m_thrSpin->setValue(value);
    }
    recompute();
    drawOsd();
}

// Only thresholds stored values: O(n K), a few ms per move on a million samples.
void InfluenceDashboard::recompute() {
    if (!m_data) return;
    if (m_data->hasOsd() && m_thr == m_thrDefault && !m_data->consensus.empty()) {
        // At the fitted cuts the stored consensus is exact (re-thresholding the stored OSD
        // against cuts rounded through meta.json can move a borderline sample).
        m_consensusValues.assign(m_data->consensus.begin(), m_data->consensus.end());
        m_flags = flagsAt(m_consensusValues, m_gamma);
    } else if (m_data->hasOsd()) {
        m_consensusValues = consensusAt(*m_data, m_thr);
        m_flags = flagsAt(m_consensusValues, m_gamma);
    } else {
        m_consensusValues.assign(m_data->consensus.begin(), m_data->consensus.end());
        m_flags.assign(m_data->flag.begin(), m_data->flag.end());
    }
    // Trusted samples are verified by a human: the scorer never flags them, nor do we.
    for (size_t i = 0; i < m_flags.size() && i < m_data->trusted.size(); ++i)
        if (m_data->trusted[i]) m_flags[i] = 0;
    m_flaggedCount = std::count(m_flags.begin(), m_flags.end(), uint8_t(1));
    m_quality = detectionQuality(*m_data, m_flags);
    m_summary->setText(summaryText());
    drawConsensus();
}

QString InfluenceDashboard::summaryText() const {
    if (!m_data) return {};
    QString s = tr("<b>%1</b>: %2 of %3 samples flagged (γ = %4)")
                    .arg(m_data->detector.toHtmlEscaped())
                    .arg(m_flaggedCount)
                    .arg(m_data->n)
                    .arg(m_gamma);
    if (m_data->isSelfTest())
        s += tr(" · self-test: precision %1, recall %2, F1 %3 (%4 injected)")
                 .arg(m_quality.precision, 0, 'f', 3)
                 .arg(m_quality.recall, 0, 'f', 3)
                 .arg(m_quality.f1, 0, 'f', 3)
                 .arg(m_quality.noisy);
    return s;
}

void InfluenceDashboard::drawBars(PlotFrame* frame, const Histogram& h, const QString& xLabel) {
    QCustomPlot* p = frame->plot();
    p->clearPlottables();
    p->clearItems();
    const bool self = m_data->isSelfTest();
    QVector<double> x, clean, noisy;
    for (size_t b = 0; b < h.counts.size(); ++b) {
        x << h.binCentre(int(b));
        clean << double(h.counts[b] - (self ? h.noisy[b] : 0));
        noisy << double(h.noisy[b]);
    }
    auto* cb = new QCPBars(p->xAxis, p->yAxis);
    cb->setName(self ? tr("clean") : tr("samples"));
    cb->setData(x, clean);
    cb->setWidth(h.binWidth() * 0.95);
    cb->setBrush(kClean);
    cb->setPen(Qt::NoPen);
    if (self) {
        auto* nb = new QCPBars(p->xAxis, p->yAxis);
        nb->setName(tr("noisy (injected)"));
        nb->setData(x, noisy);
        nb->setWidth(h.binWidth() * 0.95);
        nb->setBrush(kNoisy);
        nb->setPen(Qt::NoPen);
        nb->moveAbove(cb);
    }
    p->legend->setVisible(self);
    p->xAxis->setLabel(xLabel);
    p->yAxis->setLabel(tr("samples"));
    p->rescaleAxes();
    p->yAxis->setRangeLower(0);
    frame->setHoverText([h, self](double xv, double) -> QString {
        const int b = h.binOf(xv);
        if (b < 0 || xv < h.lo || xv > h.hi) return {};
        QString t = tr("[%1, %2): %3 samples").arg(h.lo + b * h.binWidth(), 0, 'f', 2)
                        .arg(h.lo + (b + 1) * h.binWidth(), 0, 'f', 2).arg(h.counts[size_t(b)]);
        if (self) t += tr(", %1 noisy").arg(h.noisy[size_t(b)]);
        return t;
    });
}

void InfluenceDashboard::drawOsm() {
    const bool has = std::any_of(m_data->osm.begin(), m_data->osm.end(), [](float v) { return !std::isnan(v); });
    // Without OSM (baseline detectors) the same plot shows the detector's score.
    m_osmUsesScore = !has;
    const auto& values = has ? m_data->osm : m_data->score;
    m_osmHist = makeHistogram(values, m_data->n, 1, 0, kBins, &m_data->given, &m_data->original);
    drawBars(m_osm, m_osmHist, has ? tr("OSM") : tr("score"));
    if (has) {
        auto* line = new QCPItemStraightLine(m_osm->plot());
        line->point1->setCoords(0, 0);
        line->point2->setCoords(0, 1);
        line->setPen(QPen(Qt::black, 1, Qt::DashLine));
    }
    m_osm->setInfo(has ? tr("D_M = OSM ≥ 0: %1 samples").arg(std::count_if(values.begin(), values.end(),
                                                                            [](float v) { return v >= 0; }))
                       : tr("this detector has no OSM; showing its score"));
    m_osm->plot()->replot();
}

void InfluenceDashboard::drawOsd() {
    QCustomPlot* p = m_osd->plot();
    if (!m_data || !m_data->hasOsd()) {
        p->clearPlottables();
        m_osd->setInfo(tr("no OSD for this detector"));
        p->replot();
        return;
    }
    const int k = std::clamp(m_osdClass, 0, m_data->classes - 1);
    m_osdHist = makeHistogram(m_data->osd, m_data->n, m_data->classes, k, kBins, &m_data->given, &m_data->original);
    drawBars(m_osd, m_osdHist, tr("OSD of class %1").arg(m_data->classNames.value(k)));
    int64_t inClass = 0;
    for (auto c : m_osdHist.counts) inClass += c;
    if (k < int(m_data->gmm.size()) && m_data->gmm[size_t(k)].valid) {
        const auto& g = m_data->gmm[size_t(k)];
        for (int c = 0; c < 2; ++c) {
            QVector<double> xs, ys;
            for (int i = 0; i <= 200; ++i) {
                const double x = m_osdHist.lo + (m_osdHist.hi - m_osdHist.lo) * i / 200.0;
                xs << x;
                ys << double(inClass) * m_osdHist.binWidth() * componentDensity(g, c, x);
            }
            auto* gr = p->addGraph();
            gr->setData(xs, ys);
            gr->setName(c == 0 ? tr("G_low (μ %1)").arg(g.mean[0], 0, 'f', 2)
                               : tr("G_high (μ %1)").arg(g.mean[1], 0, 'f', 2));
            gr->setPen(QPen(c == 0 ? QColor(40, 150, 70) : QColor(150, 40, 150), 2));
        }
        p->legend->setVisible(true);
    }
    const double cut = m_thr[size_t(k)];
    auto* line = new QCPItemStraightLine(p);
    line->point1->setCoords(cut, 0);
    line->point2->setCoords(cut, 1);
    line->setPen(QPen(Qt::black, 2));
    const float* base = m_data->osd.data();
    int64_t above = 0;
    for (int64_t i = 0; i < m_data->n; ++i) {
        const float v = base[size_t(i) * size_t(m_data->classes) + size_t(k)];
        if (!std::isnan(v) && double(v) >= cut) ++above;
    }
    m_osd->setInfo(tr("cut %1 (drag the line): C_k = %2 of %3").arg(cut, 0, 'f', 3).arg(above).arg(inClass));
    {
        const QSignalBlocker b(m_thrSpin);
        m_thrSpin->setValue(cut);
    }
    p->replot();
}

void InfluenceDashboard::drawConsensus() {
    if (!m_data) return;
    std::vector<float> c(m_consensusValues.begin(), m_consensusValues.end());
    const int K = std::max(1, m_data->classes);
    m_consHist = makeHistogram(c, m_data->n, 1, 0, K + 1, &m_data->given, &m_data->original, -0.5, K + 0.5);
    drawBars(m_consensus, m_consHist, tr("consensus c (classes whose candidate set holds the sample)"));
    auto* line = new QCPItemStraightLine(m_consensus->plot());
    line->point1->setCoords(m_gamma - 0.5, 0);
    line->point2->setCoords(m_gamma - 0.5, 1);
    line->setPen(QPen(kNoisy, 2, Qt::DashLine));
    m_consensus->setInfo(tr("flagged (c ≥ γ): %1").arg(m_flaggedCount));
    m_consensus->plot()->replot();
}

void InfluenceDashboard::drawScatter() {
    QCustomPlot* p = m_scatter->plot();
    p->clearPlottables();
    const bool self = m_data->isSelfTest();
    QVector<double> cx, cy, nx, ny;
    const int64_t stride = std::max<int64_t>(1, m_data->n / kMaxScatter);
    for (int64_t i = 0; i < m_data->n; i += stride) {
        const double osm = m_data->osm[size_t(i)], loss = m_data->loss[size_t(i)];
        if (std::isnan(osm) || std::isnan(loss)) continue;
        const bool noisy = self && m_data->original[size_t(i)] >= 0 &&
                           m_data->original[size_t(i)] != m_data->given[size_t(i)];
        (noisy ? nx : cx) << osm;
        (noisy ? ny : cy) << loss;
    }
    auto add = [&](const QVector<double>& x, const QVector<double>& y, const QColor& col, const QString& name) {
        auto* g = p->addGraph();
        g->setData(x, y);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, col, 3));
        g->setName(name);
    };
    add(cx, cy, kClean, self ? tr("clean") : tr("samples"));
    if (self) add(nx, ny, kNoisy, tr("noisy (injected)"));
    p->legend->setVisible(self);
    p->xAxis->setLabel(tr("OSM"));
    p->yAxis->setLabel(tr("loss"));
    p->rescaleAxes();
    m_scatter->setInfo(cx.isEmpty() && nx.isEmpty() ? tr("needs OSM and loss") :
                       stride > 1 ? tr("every %1th sample shown").arg(stride) : QString());
    m_scatter->setHoverText([](double x, double y) { return tr("OSM %1, loss %2").arg(x, 0, 'f', 2).arg(y, 0, 'f', 2); });
    p->replot();
}

void InfluenceDashboard::fillDetectorTable() {
    m_detectors->setRowCount(0);
    if (!m_data) return;
    for (const auto& o : m_others) {
        if (!o || o.get() == m_data.get()) continue;
        int64_t theirs = 0, mine = 0, overlap = 0;
        std::vector<double> a, b;
        for (int64_t i = 0; i < m_data->n; ++i) mine += m_data->flag[size_t(i)];
        for (int64_t j = 0; j < o->n; ++j) {
            theirs += o->flag[size_t(j)];
            const int r = m_data->rowOf(o->ids[size_t(j)]);
            if (r < 0) continue;
            overlap += (o->flag[size_t(j)] && m_data->flag[size_t(r)]) ? 1 : 0;
            if (!std::isnan(o->score[size_t(j)]) && !std::isnan(m_data->score[size_t(r)])) {
                a.push_back(m_data->score[size_t(r)]);
                b.push_back(o->score[size_t(j)]);
            }
        }
        const int row = m_detectors->rowCount();
        m_detectors->insertRow(row);
        const int64_t uni = mine + theirs - overlap;
        const QStringList cells{o->detector, QString::number(theirs), QString::number(mine),
                                QString::number(overlap),
                                uni > 0 ? QString::number(double(overlap) / double(uni), 'f', 3) : QStringLiteral("–"),
                                QString::number(spearman(a, b), 'f', 3)};
        for (int c = 0; c < cells.size(); ++c) m_detectors->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    if (m_detectors->rowCount() == 0) {
        m_detectors->insertRow(0);
        m_detectors->setItem(0, 0, new QTableWidgetItem(tr("only one detector has been scored on this project")));
    }
}

QSet<qint64> InfluenceDashboard::samplesInBin(const QString& plot, int bin) const {
    QSet<qint64> out;
    if (!m_data) return out;
    for (int64_t i = 0; i < m_data->n; ++i) {
        int b = -1;
        if (plot == QLatin1String("osm")) {
            b = m_osmHist.binOf(m_osmUsesScore ? m_data->score[size_t(i)] : m_data->osm[size_t(i)]);
        } else if (plot == QLatin1String("osd") && m_data->hasOsd()) {
            b = m_osdHist.binOf(m_data->osd[size_t(i) * size_t(m_data->classes) + size_t(m_osdClass)]);
        } else if (plot == QLatin1String("consensus") && !m_consensusValues.empty()) {
            b = m_consHist.binOf(m_consensusValues[size_t(i)]);
        }
        if (b == bin) out.insert(m_data->ids[size_t(i)]);
    }
    return out;
}

void InfluenceDashboard::onBarClicked(const QString& plot, QCPAbstractPlottable* p, int dataIndex) {
    if (!qobject_cast<QCPBars*>(p)) return;
    Q_EMIT samplesSelected(samplesInBin(plot, dataIndex));
}

// The cut of the shown class is a handle: press near the line and drag.
void InfluenceDashboard::osdMouse(QMouseEvent* e, int phase) {
    if (!m_data || !m_data->hasOsd()) return;
    QCustomPlot* p = m_osd->plot();
    const double x = p->xAxis->pixelToCoord(e->position().x());
    if (phase == 0) {
        const double px = p->xAxis->coordToPixel(m_thr[size_t(m_osdClass)]);
        m_dragging = std::abs(px - e->position().x()) <= 6;
        p->setInteractions(m_dragging ? QCP::Interactions() : QCP::iSelectPlottables);
    } else if (phase == 1 && m_dragging) {
        setThreshold(m_osdClass, x);
    } else if (phase == 2) {
        m_dragging = false;
        p->setInteractions(QCP::iSelectPlottables);
    }
}

}  // namespace winnow::widgets
