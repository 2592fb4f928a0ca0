#include "widgets/retrieval/retrieval_results_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/review/plot_frame.h"

namespace winnow::widgets {
namespace {

QString percent(double v) { return QString::number(100.0 * v, 'f', 2); }

QString directionText(const std::string& d) {
    return d == "i2t" ? RetrievalResultsView::tr("image → text") : RetrievalResultsView::tr("text → image");
}

}  // namespace

RetrievalResultsView::RetrievalResultsView(QWidget* parent) : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("retrievalResults"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setColumnCount(10);
    m_table->setHorizontalHeaderLabels({tr("Attack"), tr("Kind"), tr("Direction"), tr("Seed"), tr("R@1 %"), tr("R@5 %"),
                                        tr("R@10 %"), tr("FR@1 %"), tr("Drop (points)"), tr("Drop rate %")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chart = new PlotFrame(tr("R@1, clean and attacked"), this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_header);
    lay->addWidget(split, 1);
}

void RetrievalResultsView::setData(std::shared_ptr<const RetrievalBrowserData> data) {
    m_data = std::move(data);
    if (!m_data) {
        m_header->clear();
        m_table->setRowCount(0);
        return;
    }
    const auto& run = m_data->run;
    QStringList seeds;
    for (auto s : run.seeds) seeds << QString::number(s);
    // Built here from the data, sentence by sentence, so each one is translated (core's
    // English notes stay for the CLI and the exports).
    const QStringList sentences{
        tr("Run #%1 on %2 with %3 (%4).")
            .arg(run.id)
            .arg(QString::fromStdString(m_data->set.name), QString::fromStdString(m_data->encoder.description),
                 QString::fromStdString(m_data->encoder.identity)),
        tr("%1 images used, %2 left out.").arg(run.imagesUsed).arg(run.imagesExcluded),
        seeds.isEmpty() ? tr("No seeds.") : tr("Seeds: %1.").arg(seeds.join(QStringLiteral(", "))),
        retrievalTiesText(),
        retrievalNormalisationText()};
    m_header->setText(sentences.join(QLatin1Char(' ')));
    fillTable();
    drawChart();
}

QString RetrievalResultsView::headerText() const { return m_header->text(); }

void RetrievalResultsView::fillTable() {
    const auto& rows = m_data->results;
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const auto& r = rows[size_t(i)];
        const bool clean = r.attackKind == "clean";
        const QStringList cells{clean ? retrievalAttackKindText(r.attackKind) : QString::fromStdString(r.attack),
                                retrievalAttackKindText(r.attackKind),
                                directionText(r.direction),
                                r.seed ? QString::number(*r.seed) : (clean || r.attackKind == "caption" ? QString() : tr("mean")),
                                percent(r.scores.r1),
                                percent(r.scores.r5),
                                percent(r.scores.r10),
                                clean ? QString() : percent(r.scores.fr1),
                                clean ? QString() : percent(r.drop.absolute),
                                clean ? QString() : percent(r.drop.rate)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 3) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, c, item);
        }
    }
}

void RetrievalResultsView::drawChart() {
    m_labels.clear();
    m_clean.clear();
    m_attacked.clear();
    const auto& rows = m_data->results;
    auto cleanR1 = [&](const std::string& direction) {
        for (const auto& r : rows)
            if (r.attackKind == "clean" && r.direction == direction) return 100.0 * r.scores.r1;
        return 0.0;
    };
    for (const auto& r : rows) {
        if (r.attackKind == "clean") continue;
        // Image attacks: one bar for the mean over seeds (its row has no seed); a run with a
        // single seed has no mean row, so its seed row stands in.
        if (r.attackKind != "caption" && r.seed) {
            bool hasMean = false;
            for (const auto& o : rows)
                if (o.attack == r.attack && o.direction == r.direction && !o.seed) hasMean = true;
            if (hasMean) continue;
        }
        m_labels << QStringLiteral("%1 (%2)").arg(QString::fromStdString(r.attack), QString::fromStdString(r.direction));
        m_clean << cleanR1(r.direction);
        m_attacked << 100.0 * r.scores.r1;
    }
    QCustomPlot* p = m_chart->plot();
    p->clearPlottables();
    p->clearItems();
    QVector<double> x, x2;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < m_labels.size(); ++i) {
        x << i - 0.18;
        x2 << i + 0.18;
        ticker->addTick(i, m_labels[i]);
    }
    auto* clean = new QCPBars(p->xAxis, p->yAxis);
    clean->setName(tr("clean"));
    clean->setWidth(0.34);
    clean->setData(x, m_clean);
    clean->setBrush(PlotFrame::cleanColour());
    auto* attacked = new QCPBars(p->xAxis, p->yAxis);
    attacked->setName(tr("attacked"));
    attacked->setWidth(0.34);
    attacked->setData(x2, m_attacked);
    attacked->setBrush(PlotFrame::noisyColour());
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLabelRotation(m_labels.size() > 4 ? 30 : 0);
    p->xAxis->setRange(-0.6, std::max<double>(0.6, m_labels.size() - 0.4));
    // Scaled to the data (small recalls of a few percent stay visible), at least 0–10 %, with
    // room above the highest bar for its value.
    double highest = 0;
    for (double v : m_clean + m_attacked) highest = std::max(highest, v);
    p->yAxis->setRange(0, std::clamp(std::ceil(highest * 1.2 / 5.0) * 5.0, 10.0, 110.0));
    QFont valueFont = p->xAxis->tickLabelFont();
    if (valueFont.pointSizeF() > 0) valueFont.setPointSizeF(valueFont.pointSizeF() * 0.85);
    auto label = [&](double key, double value) {
        auto* text = new QCPItemText(p);
        text->position->setCoords(key, value);
        text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        text->setText(QString::number(value, 'f', 1));
        text->setFont(valueFont);
        text->setPadding(QMargins(0, 0, 0, 2));
        text->setClipToAxisRect(true);
    };
    for (int i = 0; i < m_labels.size(); ++i) {
        label(x[i], m_clean[i]);
        label(x2[i], m_attacked[i]);
    }
    p->yAxis->setLabel(tr("R@1 (%)"));
    p->legend->setVisible(true);
    m_chart->setHoverText([this](double xv, double) {
        const int i = int(std::lround(xv));
        if (i < 0 || i >= m_labels.size()) return QString();
        return tr("%1: clean %2 %, attacked %3 %").arg(m_labels[i]).arg(m_clean[i], 0, 'f', 2).arg(m_attacked[i], 0, 'f', 2);
    });
    p->replot();
}

}  // namespace winnow::widgets
