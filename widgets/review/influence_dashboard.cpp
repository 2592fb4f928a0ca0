#include "widgets/review/influence_dashboard.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QMenu>
#include <QRegularExpression>
#include <QToolButton>
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

#include "widgets/review/detector_names.h"
#include "widgets/review/osd_small_multiples.h"
#include "widgets/review/plot_frame.h"

namespace winnow::widgets {

namespace {
constexpr int kBins = 40;
const QColor kClean = PlotFrame::cleanColour();
const QColor kNoisy = PlotFrame::noisyColour();
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
    // γ and the cuts only exist for detectors with OSD; hidden for the others.
    m_consensusControls = new QWidget(this);
    auto* cc = new QHBoxLayout(m_consensusControls);
    cc->setContentsMargins(0, 0, 0, 0);
    cc->addWidget(new QLabel(tr("γ (consensus):"), m_consensusControls));
    cc->addWidget(m_gammaSlider, 1);
    cc->addWidget(m_gammaSpin);
    m_methodsGamma = new QPushButton(m_consensusControls);
    m_methodsGamma->setObjectName(QStringLiteral("methodsGamma"));
    m_methodsGamma->setToolTip(tr("Set γ to the value METHODS' rule gives for this scoring"));
    connect(m_methodsGamma, &QPushButton::clicked, this, [this] {
        if (m_data && m_data->gammaMethods > 0) setGamma(m_data->gammaMethods);
    });
    cc->addWidget(m_methodsGamma);
    cc->addWidget(new QLabel(tr("OSD class:"), m_consensusControls));
    cc->addWidget(m_classCombo);
    cc->addWidget(new QLabel(tr("cut:"), m_consensusControls));
    cc->addWidget(m_thrSpin);
    cc->addWidget(reset);
    controls->addWidget(m_consensusControls, 1);
    controls->addWidget(apply);
    // A push button makes room for its menu arrow (a tool button drew it over the text).
    auto* exportAllButton = new QPushButton(tr("Export all plots"), this);
    exportAllButton->setObjectName(QStringLiteral("exportAllPlots"));
    auto* exportMenu = new QMenu(exportAllButton);
    for (const QString& fmt : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")})
        exportMenu->addAction(tr("as %1…").arg(fmt.toUpper()), this, [this, fmt] {
            const QString dir = QFileDialog::getExistingDirectory(this, tr("Export every plot into"));
            if (!dir.isEmpty()) exportAll(dir, fmt);
        });
    exportAllButton->setMenu(exportMenu);
    controls->addWidget(exportAllButton);

    m_osm = new PlotFrame(tr("OSM histogram"), this);
    m_osdGrid = new OsdSmallMultiples(this);
    m_consensus = new PlotFrame(tr("Consensus count"), this);
    m_scatter = new PlotFrame(tr("Loss vs OSM"), this);
    m_detectors = new QTableWidget(0, 6, this);
    m_detectors->setHorizontalHeaderLabels({tr("Detector"), tr("Flagged"), tr("This flagged"),
                                            tr("Overlap"), tr("Jaccard"), tr("Spearman ρ")});
    // Detector names ("Small loss · run 1 (scoring 1)") get their width; the numbers share
    // the rest. A name still too long for the table is elided, whole in its tooltip.
    m_detectors->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_detectors->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_detectors->setWordWrap(false);
    m_detectors->setTextElideMode(Qt::ElideRight);
    m_detectors->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* grid = new QGridLayout;
    grid->addWidget(m_osm, 0, 0);
    grid->addWidget(m_consensus, 0, 1);
    grid->addWidget(m_scatter, 1, 0);
    auto* det = new QWidget(this);
    auto* detLay = new QVBoxLayout(det);
    detLay->addWidget(new QLabel(tr("<b>Detector comparison</b> (flagged-set overlap, rank correlation of scores)"), det));
    detLay->addWidget(m_detectors);
    grid->addWidget(det, 1, 1);
    m_grid = grid;
    m_detectorBox = det;
    m_osdTitle = new QLabel(tr("<b>OSD per class</b> with the fitted G_low / G_high and the cut of each "
                               "class (drag a cut to move it)"), this);
    grid->addWidget(m_osdTitle, 2, 0, 1, 2);
    grid->addWidget(m_osdGrid, 3, 0, 1, 2);
    auto* inner = new QWidget(this);
    inner->setLayout(grid);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(inner);
    auto* lay = new QVBoxLayout(this);
    m_gammaRule = new QLabel(this);
    m_gammaRule->setObjectName(QStringLiteral("gammaRule"));
    m_gammaRule->setWordWrap(true);
    lay->addLayout(controls);
    lay->addWidget(m_gammaRule);
    lay->addWidget(m_summary);
    lay->addWidget(m_scroll, 1);

    connect(m_gammaSlider, &QSlider::valueChanged, this, &InfluenceDashboard::setGamma);
    connect(m_gammaSpin, &QSpinBox::valueChanged, this, &InfluenceDashboard::setGamma);
    connect(m_classCombo, &QComboBox::currentIndexChanged, this, [this](int k) {
        m_osdClass = std::max(0, k);
        if (m_data && m_osdClass < int(m_thr.size())) {
            const QSignalBlocker b(m_thrSpin);
            m_thrSpin->setValue(m_thr[size_t(m_osdClass)]);
        }
        if (PlotFrame* f = osdFrame()) m_scroll->ensureWidgetVisible(f);
    });
    connect(m_thrSpin, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { setThreshold(m_osdClass, v); });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (!m_data) return;
        m_thr = m_thrDefault;
        const QSignalBlocker b(m_thrSpin);
        m_thrSpin->setValue(m_thr[size_t(m_osdClass)]);
        recompute();
        drawOsd();
    });
    connect(apply, &QPushButton::clicked, this, [this] { Q_EMIT flagsApplied(m_flags); });
    auto hookClicks = [this](PlotFrame* f, const QString& name) {
        connect(f->plot(), &QCustomPlot::plottableClick, this,
                [this, name](QCPAbstractPlottable* p, int i, QMouseEvent*) { onBarClicked(name, p, i); });
    };
    hookClicks(m_osm, QStringLiteral("osm"));
    hookClicks(m_consensus, QStringLiteral("consensus"));
    connect(m_osdGrid, &OsdSmallMultiples::cutDragged, this, &InfluenceDashboard::setThreshold);
    connect(m_osdGrid, &OsdSmallMultiples::barClicked, this,
            [this](int k, int bin) { Q_EMIT samplesSelected(samplesInOsdBin(k, bin)); });
}

void InfluenceDashboard::setReviewData(std::shared_ptr<const ReviewData> data) {
    m_data = std::move(data);
    m_otherRows.clear();  // row maps of the previous data; rebuilt below
    m_otherRho.clear();
    m_hasConsensus = false;
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
        const QSignalBlocker b4(m_thrSpin);
        m_thrSpin->setValue(m_thr.front());
    }
    m_hasConsensus = m_data->hasOsd() &&
                     std::any_of(m_data->osd.begin(), m_data->osd.end(), [](float v) { return !std::isnan(v); });
    const bool osd = showsConsensus();
    // Without OSD there is no consensus: a chart of c = 0 for every sample beside "N flagged"
    // contradicted itself (issue 16, bug 8). The dashboard shows what the detector has.
    m_consensusControls->setVisible(osd);
    m_gammaRule->setText(gammaRuleText());
    m_gammaRule->setVisible(osd && !m_gammaRule->text().isEmpty());
    m_methodsGamma->setText(tr("METHODS' γ (%1)").arg(m_data->gammaMethods));
    m_methodsGamma->setVisible(m_data->gammaMethods > 0 && m_data->gammaMethods != m_data->gamma);
    m_consensus->setVisible(osd);
    m_osdTitle->setVisible(osd);
    m_osdClass = 0;
    drawOsm();
    drawScatter();
    recompute();
    m_osdGrid->setData(m_data, m_thr);
    fillDetectorTable();
}

// An OSM-only Influential Rank scoring (no trusted samples in some class: γ = 0, flagged =
// D_M) stores OSD columns of NaN and no consensus vote: its flags are the scorer's, as in the
// queue (re-thresholding its consensus at a made-up γ flagged nothing there while the queue
// listed D_M).
bool InfluenceDashboard::showsConsensus() const { return m_data && m_hasConsensus; }

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
    drawOsd(classIdx);
}

// Only thresholds stored values: O(n K), a few ms per move on a million samples.
void InfluenceDashboard::recompute() {
    if (!m_data) return;
    if (showsConsensus() && m_thr == m_thrDefault && !m_data->consensus.empty()) {
        // At the fitted cuts the stored consensus is exact (re-thresholding the stored OSD
        // against cuts rounded through meta.json can move a borderline sample).
        m_consensusValues.assign(m_data->consensus.begin(), m_data->consensus.end());
        m_flags = flagsAt(m_consensusValues, m_gamma);
    } else if (showsConsensus()) {
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
    if (!m_others.empty() && !m_otherRows.empty()) fillDetectorTable(false);
}

// One sentence on how the stored γ was chosen (docs/influence-decisions.md, "Data-driven γ").
QString InfluenceDashboard::gammaRuleText() const {
    if (!m_data || m_data->gamma <= 0) return {};
    if (m_data->gammaRule == QLatin1String("data"))
        return m_data->gammaMethods > 0
                   ? tr("Stored γ = %1, chosen from the data: its flagged count is the nearest to the number of "
                        "noisy samples that confident learning on the early epoch estimates. METHODS' rule gives "
                        "γ = %2.")
                         .arg(m_data->gamma)
                         .arg(m_data->gammaMethods)
                   : tr("Stored γ = %1, chosen from the data: its flagged count is the nearest to the number of "
                        "noisy samples that confident learning on the early epoch estimates.")
                         .arg(m_data->gamma);
    if (m_data->gammaRule == QLatin1String("methods"))
        return tr("Stored γ = %1, by METHODS' rule (the run has no training dynamics, or the scoring asked for "
                  "the rule).")
            .arg(m_data->gamma);
    if (m_data->gammaRule == QLatin1String("explicit"))
        return tr("Stored γ = %1, set when the scoring was started.").arg(m_data->gamma);
    return tr("Stored γ = %1.").arg(m_data->gamma);
}

QString InfluenceDashboard::summaryText() const {
    if (!m_data) return {};
    QString s = showsConsensus() ? tr("<b>%1</b>: %2 of %3 samples flagged (γ = %4)")
                                       .arg(DetectorNames::displayName(m_data->detector).toHtmlEscaped())
                                       .arg(m_flaggedCount)
                                       .arg(m_data->n)
                                       .arg(m_gamma)
                                 : tr("<b>%1</b>: %2 of %3 samples flagged")
                                       .arg(DetectorNames::displayName(m_data->detector).toHtmlEscaped())
                                       .arg(m_flaggedCount)
                                       .arg(m_data->n);
    if (m_data->isSelfTest())
        s += tr(" · self-test: precision %1, recall %2, F1 %3 (%4 injected)")
                 .arg(m_quality.precision, 0, 'f', 3)
                 .arg(m_quality.recall, 0, 'f', 3)
                 .arg(m_quality.f1, 0, 'f', 3)
                 .arg(m_quality.noisy);
    return s;
}

void InfluenceDashboard::drawOsm() {
    const bool has = std::any_of(m_data->osm.begin(), m_data->osm.end(), [](float v) { return !std::isnan(v); });
    // Without OSM (baseline detectors) the same plot shows the detector's score.
    m_osmUsesScore = !has;
    const auto& values = has ? m_data->osm : m_data->score;
    m_osmHist = makeHistogram(values, m_data->n, 1, 0, kBins, &m_data->given, &m_data->original);
    m_osm->drawHistogram(m_osmHist, m_data->isSelfTest(), has ? tr("OSM") : tr("score"));
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

void InfluenceDashboard::drawOsd(int classIdx) {
    if (!m_data || !m_data->hasOsd()) return;
    if (classIdx < 0) m_osdGrid->setData(m_data, m_thr);
    else m_osdGrid->drawClass(classIdx, m_thr[size_t(classIdx)]);
}

void InfluenceDashboard::showOsdClass(int classIdx) {
    if (classIdx >= 0 && classIdx < m_classCombo->count()) m_classCombo->setCurrentIndex(classIdx);
    if (PlotFrame* f = osdFrame()) m_scroll->ensureWidgetVisible(f);
}

PlotFrame* InfluenceDashboard::osdFrame() const {
    return m_osdClass < m_osdGrid->count() ? m_osdGrid->frame(m_osdClass) : nullptr;
}

QList<PlotFrame*> InfluenceDashboard::plotFrames() const {
    QList<PlotFrame*> out{m_osm};
    if (showsConsensus()) out << m_consensus;
    if (!m_scatterEmpty) out << m_scatter;
    for (int k = 0; k < m_osdGrid->count(); ++k) out << m_osdGrid->frame(k);
    return out;
}

int InfluenceDashboard::exportAll(const QString& dir, const QString& suffix) {
    int written = 0;
    QSet<QString> used;
    for (PlotFrame* f : plotFrames()) {
        // Titles become file names: keep letters and digits, make each one unique.
        QString base = f->title();
        base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("_"));
        QString name = base;
        for (int i = 2; used.contains(name); ++i) name = base + QLatin1Char('_') + QString::number(i);
        used.insert(name);
        written += f->exportTo(QDir(dir).filePath(name + QLatin1Char('.') + suffix)) ? 1 : 0;
    }
    return written;
}

void InfluenceDashboard::drawConsensus() {
    if (!m_data) return;
    std::vector<float> c(m_consensusValues.begin(), m_consensusValues.end());
    const int K = std::max(1, m_data->classes);
    m_consHist = makeHistogram(c, m_data->n, 1, 0, K + 1, &m_data->given, &m_data->original, -0.5, K + 0.5);
    m_consensus->drawHistogram(m_consHist, m_data->isSelfTest(),
                               tr("consensus c (classes whose candidate set holds the sample)"));
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
    m_scatter->setInfo(stride > 1 ? tr("every %1th sample shown").arg(stride) : QString());
    // A detector without OSM (small loss, self-confidence) has nothing to plot here: the
    // panel goes and the detector comparison takes its row (an empty plot saying "needs OSM
    // and loss" looked broken, issue 16).
    const bool empty = cx.isEmpty() && nx.isEmpty();
    m_scatterEmpty = empty;
    m_scatter->setVisible(!empty);
    m_grid->removeWidget(m_detectorBox);
    if (empty) m_grid->addWidget(m_detectorBox, 1, 0, 1, 2);
    else m_grid->addWidget(m_detectorBox, 1, 1);
    m_scatter->setHoverText([](double x, double y) { return tr("OSM %1, loss %2").arg(x, 0, 'f', 2).arg(y, 0, 'f', 2); });
    p->replot();
}

// Overlap and Jaccard use this dashboard's live flags (γ and cuts as set now), so they follow
// the controls; the rank correlation of scores does not depend on them and is computed once
// per detector pair (a sort of n values).
void InfluenceDashboard::fillDetectorTable(bool ranks) {
    if (!m_data) {
        m_detectors->setRowCount(0);
        return;
    }
    const auto& mineFlags = m_flags.size() == size_t(m_data->n) ? m_flags : m_data->flag;
    int64_t mine = 0;
    for (uint8_t f : mineFlags) mine += f ? 1 : 0;
    if (ranks) {
        m_otherRho.clear();
        m_otherRows.clear();
    }
    m_detectors->setRowCount(0);
    size_t idx = 0;
    for (const auto& o : m_others) {
        if (!o || o.get() == m_data.get()) continue;
        // Row of each of their samples in ours, looked up once (a drag redoes only the counts).
        if (ranks) {
            std::vector<int> rows(size_t(o->n));
            for (int64_t j = 0; j < o->n; ++j) rows[size_t(j)] = m_data->rowOf(o->ids[size_t(j)]);
            m_otherRows.push_back(std::move(rows));
        }
        const std::vector<int>& rowMap = m_otherRows.at(idx);
        int64_t theirs = 0, overlap = 0;
        std::vector<double> a, b;
        for (int64_t j = 0; j < o->n; ++j) {
            theirs += o->flag[size_t(j)];
            const int r = rowMap[size_t(j)];
            if (r < 0 || size_t(r) >= mineFlags.size()) continue;
            overlap += (o->flag[size_t(j)] && mineFlags[size_t(r)]) ? 1 : 0;
            if (ranks && !std::isnan(o->score[size_t(j)]) && !std::isnan(m_data->score[size_t(r)])) {
                a.push_back(m_data->score[size_t(r)]);
                b.push_back(o->score[size_t(j)]);
            }
        }
        if (ranks) m_otherRho.push_back(spearman(a, b));
        const double rho = idx < m_otherRho.size() ? m_otherRho[idx] : NAN;
        ++idx;
        const int row = m_detectors->rowCount();
        m_detectors->insertRow(row);
        const int64_t uni = mine + theirs - overlap;
        const QStringList cells{DetectorNames::scoringLabel(o->detector, o->runId, o->scoringId), QString::number(theirs), QString::number(mine),
                                QString::number(overlap),
                                uni > 0 ? QString::number(double(overlap) / double(uni), 'f', 3) : QStringLiteral("–"),
                                std::isnan(rho) ? QStringLiteral("–") : QString::number(rho, 'f', 3)};
        for (int c = 0; c < cells.size(); ++c) m_detectors->setItem(row, c, new QTableWidgetItem(cells[c]));
        m_detectors->item(row, 0)->setToolTip(cells[0]);
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
        } else if (plot == QLatin1String("osd")) {
            return samplesInOsdBin(m_osdClass, bin);
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

QSet<qint64> InfluenceDashboard::samplesInOsdBin(int k, int bin) const {
    QSet<qint64> out;
    if (!m_data || !m_data->hasOsd() || k < 0 || k >= m_osdGrid->count()) return out;
    const Histogram& h = m_osdGrid->histogram(k);
    for (int64_t i = 0; i < m_data->n; ++i)
        if (h.binOf(m_data->osd[size_t(i) * size_t(m_data->classes) + size_t(k)]) == bin)
            out.insert(m_data->ids[size_t(i)]);
    return out;
}

}  // namespace winnow::widgets
