#include "widgets/retrieval/retrieval_failure_model.h"

#include <QBrush>
#include <QColor>
#include <cmath>
#include <set>
#include <tuple>

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

namespace {

using QueryKey = std::tuple<std::string, std::string, int64_t, int32_t, int32_t>;
QueryKey keyOf(const core::RetrievalFailure& f) {
    return {f.attack, f.direction, f.seed.value_or(-1), f.outcome.queryImage, f.outcome.queryCaption};
}
std::set<QueryKey> keysOf(const RetrievalBrowserData* d) {
    std::set<QueryKey> out;
    if (d)
        for (const auto& r : d->failures) out.insert(keyOf(r.failure));
    return out;
}

}  // namespace

void RetrievalFailureModel::setComparison(std::shared_ptr<const RetrievalBrowserData> other) {
    beginResetModel();
    m_other = std::move(other);
    refilter();
    endResetModel();
}

bool RetrievalFailureModel::passes(const RetrievalFailureRow& r) const {
    const auto& f = r.failure;
    if (!m_filter.attack.isEmpty() && QString::fromStdString(f.attack) != m_filter.attack) return false;
    if (!m_filter.direction.isEmpty() && QString::fromStdString(f.direction) != m_filter.direction) return false;
    if (m_filter.kinds && !(f.kinds & m_filter.kinds)) return false;
    if (!m_filter.word.isEmpty() && !r.swapped.contains(m_filter.word, Qt::CaseInsensitive)) return false;
    return true;
}

int RetrievalFailureModel::compareCount(Filter::Compare c) const {
    if (!m_data) return 0;
    using C = Filter::Compare;
    const auto inA = keysOf(m_data.get()), inB = keysOf(m_other.get());
    int n = 0;
    if (c == C::BOnly && !m_other) return 0;
    const auto& rows = c == C::BOnly ? m_other->failures : m_data->failures;
    for (const auto& r : rows) {
        if (!passes(r)) continue;
        const QueryKey k = keyOf(r.failure);
        if (c == C::AOnly && inB.count(k)) continue;
        if (c == C::Both && !inB.count(k)) continue;
        if (c == C::BOnly && inA.count(k)) continue;
        ++n;
    }
    return n;
}

void RetrievalFailureModel::refilter() {
    m_rows.clear();
    if (!m_data) return;
    using C = Filter::Compare;
    const C c = m_other ? m_filter.compare : C::Any;
    std::set<QueryKey> other;
    if (c == C::AOnly || c == C::Both) other = keysOf(m_other.get());
    if (c == C::BOnly) other = keysOf(m_data.get());
    const auto& rows = c == C::BOnly ? m_other->failures : m_data->failures;
    for (const auto& r : rows) {
        if (!passes(r)) continue;
        if (c != C::Any) {
            const bool inOther = other.count(keyOf(r.failure)) > 0;
            if ((c == C::Both) != inOther) continue;
        }
        m_rows.push_back(&r);
    }
}

const RetrievalFailureRow* RetrievalFailureModel::failureAt(int row) const {
    if (!m_data || row < 0 || row >= int(m_rows.size())) return nullptr;
    return m_rows[size_t(row)];
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
        case Kind: return r->kindShort;
        case Query: return r->queryShort;
        case Winner:
            return withPathsInside(r->top1IsAttack ? r->top1 : r->bestAttack, QString::fromStdString(m_data->set.imageFolder));
        case Swapped: return r->swapped;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        // The whole text of a cell the column may shorten; the query's whole path.
        switch (index.column()) {
        case Query: return r->query;
        case Kind: return r->kindText;
        case Winner: return r->top1IsAttack ? r->top1 : r->bestAttack;
        case Attack:
        case Swapped: return data(index, Qt::DisplayRole);
        default: return {};
        }
    }
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
