#include "widgets/retrieval/retrieval_failure_model.h"

#include <QBrush>
#include <QColor>
#include <cmath>

namespace winnow::widgets {

RetrievalFailureModel::RetrievalFailureModel(QObject* parent) : QAbstractTableModel(parent) {}

void RetrievalFailureModel::setData(std::shared_ptr<const RetrievalBrowserData> data) {
    beginResetModel();
    m_data = std::move(data);
    refilter();
    endResetModel();
}

void RetrievalFailureModel::setFilter(const Filter& filter) {
    if (filter == m_filter) return;
    beginResetModel();
    m_filter = filter;
    refilter();
    endResetModel();
}

void RetrievalFailureModel::refilter() {
    m_rows.clear();
    if (!m_data) return;
    for (size_t i = 0; i < m_data->failures.size(); ++i) {
        const auto& r = m_data->failures[i];
        const auto& f = r.failure;
        if (!m_filter.attack.isEmpty() && QString::fromStdString(f.attack) != m_filter.attack) continue;
        if (!m_filter.direction.isEmpty() && QString::fromStdString(f.direction) != m_filter.direction) continue;
        if (m_filter.kinds && !(f.kinds & m_filter.kinds)) continue;
        if (!m_filter.word.isEmpty() && !r.swapped.contains(m_filter.word, Qt::CaseInsensitive)) continue;
        m_rows.push_back(int(i));
    }
}

const RetrievalFailureRow* RetrievalFailureModel::failureAt(int row) const {
    if (!m_data || row < 0 || row >= int(m_rows.size())) return nullptr;
    return &m_data->failures[size_t(m_rows[size_t(row)])];
}

int RetrievalFailureModel::totalCount() const { return m_data ? int(m_data->failures.size()) : 0; }

int RetrievalFailureModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RetrievalFailureModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RetrievalFailureModel::data(const QModelIndex& index, int role) const {
    const RetrievalFailureRow* r = failureAt(index.row());
    if (!r) return {};
    const auto& f = r->failure;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Margin: return std::isnan(f.margin) ? QStringLiteral("—") : QString::number(double(f.margin), 'f', 4);
        case Attack: return QString::fromStdString(f.attack);
        case Direction: return f.direction == "i2t" ? tr("image → text") : tr("text → image");
        case Seed: return f.seed ? QString::number(*f.seed) : QString();
        case Kind: return r->kindText;
        case Query: return r->query;
        case Winner: return r->top1IsAttack ? r->top1 : r->bestAttack;
        case Swapped: return r->swapped;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == Query || index.column() == Winner))
        return data(index, Qt::DisplayRole);
    if (role == Qt::ForegroundRole && index.column() == Margin && f.margin > 0)
        return QBrush(QColor(0xb0, 0x30, 0x20));
    if (role == Qt::UserRole) return index.row();
    return {};
}

QVariant RetrievalFailureModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Margin: return tr("Margin");
    case Attack: return tr("Attack");
    case Direction: return tr("Direction");
    case Seed: return tr("Seed");
    case Kind: return tr("Failure");
    case Query: return tr("Query");
    case Winner: return tr("Winning item");
    case Swapped: return tr("Swapped words");
    default: return {};
    }
}

}  // namespace winnow::widgets
