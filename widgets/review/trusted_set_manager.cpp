#include "widgets/review/trusted_set_manager.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/review/decision.h"
#include "widgets/review/review_widget.h"

namespace winnow::widgets {

TrustedSetManager::TrustedSetManager(ReviewWidget* review, QWidget* parent)
    : QWidget(parent), m_review(review) {
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Class"), tr("Trusted"), tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members = new QListWidget(this);
    m_members->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* unmark = new QPushButton(tr("Unmark selected"), this);
    auto* mark = new QPushButton(tr("Mark current queue item trusted"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mark);
    buttons->addWidget(unmark);
    buttons->addStretch(1);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_summary);
    lay->addWidget(m_table, 2);
    lay->addWidget(new QLabel(tr("Trusted samples of the selected class"), this));
    lay->addWidget(m_members, 1);
    lay->addLayout(buttons);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showClass(row); });
    connect(unmark, &QPushButton::clicked, this, &TrustedSetManager::unmarkSelected);
    connect(mark, &QPushButton::clicked, this, &TrustedSetManager::markCurrent);
    connect(review, &ReviewWidget::trustedChanged, this, &TrustedSetManager::refresh);
}

int TrustedSetManager::classesBelowMinimum() const {
    return int(std::count_if(m_counts.begin(), m_counts.end(), [](int c) { return c < kMinPerClass; }));
}

void TrustedSetManager::refresh() {
    const auto data = m_review->model()->reviewData();
    if (!data) return;
    m_counts = QVector<int>(data->classes, 0);
    for (int64_t r = 0; r < data->n; ++r) {
        const int g = data->given[size_t(r)];
        if (g >= 0 && g < data->classes && m_review->model()->trusted(data->ids[size_t(r)])) ++m_counts[g];
    }
    const int keep = m_table->currentRow();
    m_table->setRowCount(data->classes);
    for (int k = 0; k < data->classes; ++k) {
        m_table->setItem(k, 0, new QTableWidgetItem(m_review->model()->className(k)));
        auto* count = new QTableWidgetItem(QString::number(m_counts[k]));
        count->setData(Qt::UserRole, m_counts[k]);
        m_table->setItem(k, 1, count);
        const bool low = m_counts[k] < kMinPerClass;
        auto* status = new QTableWidgetItem(
            m_counts[k] == 0 ? tr("none: OSD falls back to OSM only")
                             : low ? tr("below %1: OSD is unreliable").arg(kMinPerClass) : tr("ok"));
        if (low) status->setForeground(QColor(200, 40, 40));
        m_table->setItem(k, 2, status);
    }
    const int below = classesBelowMinimum();
    m_summary->setText(below > 0 ? tr("⚠ %n class(es) have fewer than %1 trusted samples.", nullptr, below)
                                       .arg(kMinPerClass)
                                 : tr("Every class has at least %1 trusted samples.").arg(kMinPerClass));
    if (keep >= 0) showClass(keep);
}

void TrustedSetManager::showClass(int classIdx) {
    m_members->clear();
    const auto data = m_review->model()->reviewData();
    if (!data || classIdx < 0) return;
    for (int64_t r = 0; r < data->n; ++r) {
        const qint64 id = data->ids[size_t(r)];
        if (data->given[size_t(r)] == classIdx && m_review->model()->trusted(id)) {
            auto* item = new QListWidgetItem(tr("sample #%1").arg(id), m_members);
            item->setData(Qt::UserRole, id);
        }
    }
}

void TrustedSetManager::unmarkSelected() {
    for (auto* item : m_members->selectedItems()) {
        const qint64 id = item->data(Qt::UserRole).toLongLong();
        const int row = m_review->model()->rowOfSample(id);
        if (row < 0) {
            // Not in the current queue view: show every sample so the intent can target it.
            m_review->showOnly({id});
        }
        m_review->setCurrentRow(m_review->model()->rowOfSample(id));
        m_review->decide(core::ReviewAction::Untrust);
    }
    refresh();
}

void TrustedSetManager::markCurrent() {
    if (m_review->currentSampleId() < 0) return;
    if (!m_review->model()->trusted(m_review->currentSampleId())) m_review->decide(core::ReviewAction::Trust);
    refresh();
}

}  // namespace winnow::widgets
