#include "widgets/retrieval/retrieval_comparison_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/retrieval/retrieval_results_view.h"

namespace winnow::widgets {
namespace {

QString percent(double v) { return QString::number(100.0 * v, 'f', 2); }
QString signedPoints(double v) {
    const QString s = QString::number(100.0 * v, 'f', 2);
    return v > 0 ? QLatin1Char('+') + s : s;
}

}  // namespace

RetrievalComparisonView::RetrievalComparisonView(QWidget* parent) : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_other = new RetrievalResultsView(this);
    m_other->setObjectName(QStringLiteral("retrievalResultsB"));
    m_diff = new QTableWidget(this);
    m_diff->setObjectName(QStringLiteral("retrievalDifferences"));
    m_diff->setColumnCount(ColumnCount);
    m_diff->setHorizontalHeaderLabels({tr("Direction"), tr("Attack"), tr("Seed"), tr("R@1 A %"), tr("R@1 B %"),
                                       tr("R@1 B − A"), tr("FR@1 A %"), tr("FR@1 B %"), tr("FR@1 B − A")});
    m_diff->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_diff->verticalHeader()->hide();
    m_diff->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_other);
    auto* diffBox = new QWidget(this);
    auto* dl = new QVBoxLayout(diffBox);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_header);
    dl->addWidget(m_diff, 1);
    split->addWidget(diffBox);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(split);
}

void RetrievalComparisonView::setComparison(std::shared_ptr<const RetrievalComparisonData> comparison) {
    m_comparison = std::move(comparison);
    m_diff->setRowCount(0);
    if (!m_comparison) {
        m_other->setData(nullptr);
        m_header->clear();
        return;
    }
    m_other->setData(m_comparison->other);
    const auto& t = m_comparison->table;
    if (t.columns.size() == 2)
        m_header->setText(tr("Differences, B − A in points: A = #%1 %2, B = #%3 %4")
                              .arg(t.columns[0].runId)
                              .arg(QString::fromStdString(t.columns[0].encoder.description))
                              .arg(t.columns[1].runId)
                              .arg(QString::fromStdString(t.columns[1].encoder.description)));
    m_diff->setRowCount(int(t.rows.size()));
    for (int i = 0; i < int(t.rows.size()); ++i) {
        const auto& r = t.rows[size_t(i)];
        const auto& a = r.cells.size() > 0 ? r.cells[0] : std::nullopt;
        const auto& b = r.cells.size() > 1 ? r.cells[1] : std::nullopt;
        const bool clean = r.attack == "clean";
        QStringList cells{r.direction == "i2t" ? tr("image → text") : tr("text → image"), QString::fromStdString(r.attack),
                          r.seed ? QString::number(*r.seed) : QString()};
        cells << (a ? percent(a->scores.r1) : tr("–")) << (b ? percent(b->scores.r1) : tr("–"))
              << (a && b ? signedPoints(b->scores.r1 - a->scores.r1) : QString());
        cells << (a && !clean ? percent(a->scores.fr1) : QString()) << (b && !clean ? percent(b->scores.fr1) : QString())
              << (a && b && !clean ? signedPoints(b->scores.fr1 - a->scores.fr1) : QString());
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= Seed) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_diff->setItem(i, c, item);
        }
    }
}

}  // namespace winnow::widgets
