#include "widgets/review/review_queue_model.h"

#include <QImage>

#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

ReviewQueueModel::ReviewQueueModel(QObject* parent) : QAbstractListModel(parent) {}

void ReviewQueueModel::setReviewData(std::shared_ptr<const ReviewData> data) {
    beginResetModel();
    m_data = std::move(data);
    const size_t n = m_data ? size_t(m_data->n) : 0;
    m_state.assign(n, int8_t(DecisionState::None));
    m_trusted = m_data ? std::vector<int8_t>(m_data->trusted.begin(), m_data->trusted.end())
                       : std::vector<int8_t>{};
    m_newLabel.clear();
    m_flagOverride.clear();
    rebuild();
    endResetModel();
    recount();
}

void ReviewQueueModel::setThumbnailCache(ThumbnailCache* cache) {
    if (m_cache) disconnect(m_cache.data(), nullptr, this, nullptr);
    m_cache = cache;
    if (m_cache)
        connect(m_cache.data(), &ThumbnailCache::thumbnailReady, this, &ReviewQueueModel::onThumbnail);
}

ThumbnailCache* ReviewQueueModel::thumbnailCache() const { return m_cache; }

void ReviewQueueModel::setFilter(const QueueFilter& filter) {
    if (filter == m_filter) return;
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
}

void ReviewQueueModel::setFlags(std::vector<uint8_t> flags) {
    beginResetModel();
    m_flagOverride = std::move(flags);
    rebuild();
    endResetModel();
    recount();
}

bool ReviewQueueModel::detectorFlag(int dataRow) const {
    if (!m_flagOverride.empty()) return m_flagOverride[size_t(dataRow)] != 0;
    return m_data->flag[size_t(dataRow)] != 0;
}

bool ReviewQueueModel::isFlagged(int dataRow) const {
    // Trusted when the scores were loaded: never flagged (the dashboard's rule). Marking a
    // sample trusted during the session is a decision on it and leaves it counted.
    if (m_data->trusted[size_t(dataRow)] != 0) return false;
    return detectorFlag(dataRow);
}

QString ReviewQueueModel::className(int idx) const {
    if (!m_data || idx < 0) return tr("(none)");
    if (idx < m_data->classNames.size()) return m_data->classNames[idx];
    return QString::number(idx);
}

bool ReviewQueueModel::passes(uint32_t r) const {
    if (m_filter.only && !m_filter.only->contains(m_data->ids[r])) return false;
    if (m_filter.flaggedOnly && !m_filter.only && !isFlagged(int(r))) return false;
    if (m_filter.classIdx >= 0 && m_data->given[r] != m_filter.classIdx) return false;
    const int s = m_state[r];
    switch (m_filter.state) {
    case QueueFilter::AnyState: return true;
    case QueueFilter::Undecided: return s == 0;
    case QueueFilter::Decided: return s != 0;
    default: return s == m_filter.state;
    }
}

// One pass over the precomputed score order: O(n), a few ms for a million rows.
void ReviewQueueModel::rebuild() {
    m_order.clear();
    if (!m_data) {
        m_rowOfData.clear();
        return;
    }
    m_rowOfData.assign(size_t(m_data->n), -1);
    for (uint32_t r : m_data->byScore) {
        if (!passes(r)) continue;
        m_rowOfData[r] = int32_t(m_order.size());
        m_order.push_back(r);
    }
}

void ReviewQueueModel::recount() {
    m_flaggedCount = 0;
    m_reviewedFlagged = 0;
    if (m_data) {
        for (int64_t r = 0; r < m_data->n; ++r) {
            if (!isFlagged(int(r))) continue;
            ++m_flaggedCount;
            if (m_state[size_t(r)] != 0) ++m_reviewedFlagged;
        }
    }
    Q_EMIT countsChanged();
}

void ReviewQueueModel::setDecision(qint64 sampleId, DecisionState state, int newLabel) {
    if (!m_data) return;
    const int r = m_data->rowOf(sampleId);
    if (r < 0) return;
    const int8_t before = m_state[size_t(r)];
    m_state[size_t(r)] = int8_t(state);
    if (state == DecisionState::Relabel)
        m_newLabel.insert(sampleId, newLabel);
    else
        m_newLabel.remove(sampleId);
    if (isFlagged(r)) {
        m_reviewedFlagged += (state != DecisionState::None ? 1 : 0) - (before != 0 ? 1 : 0);
        Q_EMIT countsChanged();
    }
    const int row = m_rowOfData[size_t(r)];
    if (row >= 0) Q_EMIT dataChanged(index(row), index(row), {DecisionRole, NewLabelRole});
}

DecisionState ReviewQueueModel::decision(qint64 sampleId) const {
    const int r = m_data ? m_data->rowOf(sampleId) : -1;
    return r < 0 ? DecisionState::None : DecisionState(m_state[size_t(r)]);
}

void ReviewQueueModel::setTrusted(qint64 sampleId, bool trusted) {
    const int r = m_data ? m_data->rowOf(sampleId) : -1;
    if (r < 0) return;
    m_trusted[size_t(r)] = trusted ? 1 : 0;
    const int row = m_rowOfData[size_t(r)];
    if (row >= 0) Q_EMIT dataChanged(index(row), index(row), {TrustedRole});
}

bool ReviewQueueModel::trusted(qint64 sampleId) const {
    const int r = m_data ? m_data->rowOf(sampleId) : -1;
    return r >= 0 && m_trusted[size_t(r)] != 0;
}

int ReviewQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_order.size());
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || size_t(index.row()) >= m_order.size()) return {};
    const uint32_t r = m_order[size_t(index.row())];
    const qint64 id = m_data->ids[r];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return tr("#%1  %2 → %3  score %4")
            .arg(id)
            .arg(className(m_data->given[r]), className(m_data->suggested[r]))
            .arg(double(m_data->score[r]), 0, 'f', 2);
    case SampleIdRole: return id;
    case DataRowRole: return int(r);
    case GivenRole: return m_data->given[r];
    case GivenNameRole: return className(m_data->given[r]);
    case SuggestedRole: return m_data->suggested[r];
    case SuggestedNameRole:
        return m_data->suggested[r] >= 0 ? className(m_data->suggested[r]) : QString();
    case ScoreRole: return double(m_data->score[r]);
    case DecisionRole: return int(m_state[r]);
    case NewLabelRole: return m_newLabel.value(id, -1);
    case TrustedRole: return m_trusted[r] != 0;
    case FlaggedRole: return isFlagged(int(r));
    case ThumbnailRole: {
        if (!m_cache) return QImage();
        QImage img = m_cache->lookup(id);
        // data() is const but asking for a decode is a cache side effect, not model state.
        if (img.isNull() && !m_cache->failed(id)) m_cache->request(id);
        return img;
    }
    case ThumbnailFailedRole: return m_cache && m_cache->failed(id);
    default: return {};
    }
}

QHash<int, QByteArray> ReviewQueueModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names.insert(SampleIdRole, "sampleId");
    names.insert(GivenRole, "given");
    names.insert(SuggestedRole, "suggested");
    names.insert(ScoreRole, "score");
    names.insert(DecisionRole, "decision");
    return names;
}

qint64 ReviewQueueModel::sampleIdAt(int row) const {
    if (row < 0 || size_t(row) >= m_order.size()) return -1;
    return m_data->ids[m_order[size_t(row)]];
}

int ReviewQueueModel::dataRowAt(int row) const {
    if (row < 0 || size_t(row) >= m_order.size()) return -1;
    return int(m_order[size_t(row)]);
}

int ReviewQueueModel::rowOfSample(qint64 sampleId) const {
    const int r = m_data ? m_data->rowOf(sampleId) : -1;
    return r < 0 ? -1 : m_rowOfData[size_t(r)];
}

void ReviewQueueModel::onThumbnail(qint64 sampleId) {
    const int row = rowOfSample(sampleId);
    if (row >= 0) Q_EMIT dataChanged(index(row), index(row), {ThumbnailRole, ThumbnailFailedRole});
}

}  // namespace winnow::widgets
