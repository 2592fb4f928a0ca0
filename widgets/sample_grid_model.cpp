#include "widgets/sample_grid_model.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <numeric>

#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
QString splitText(int split) {
    switch (split) {
    case 0: return SampleGridModel::tr("train");
    case 1: return SampleGridModel::tr("val");
    case 2: return SampleGridModel::tr("test");
    default: return QStringLiteral("?");
    }
}
}  // namespace

SampleGridModel::SampleGridModel(QObject* parent) : QAbstractListModel(parent) {}

SampleGridModel::~SampleGridModel() {
    // Results of a running refilter are simply discarded; the worker only reads the table,
    // which its own shared_ptr keeps alive.
    if (m_watcher) m_watcher->disconnect(this);
}

SampleGridModel::Rows SampleGridModel::buildRows(const core::SampleTable& t, const GridQuery& q,
                                                 quint64 version) {
    Rows r;
    r.version = version;
    if (q.isDefault()) {
        r.order.resize(t.size());
        std::iota(r.order.begin(), r.order.end(), 0u);
    } else {
        r.order = computeGridRows(t, q);
    }
    r.rowOfPos.assign(t.size(), -1);
    for (size_t row = 0; row < r.order.size(); ++row) r.rowOfPos[r.order[row]] = int32_t(row);
    return r;
}

void SampleGridModel::setTable(std::shared_ptr<const core::SampleTable> table,
                               QStringList classNames) {
    if (m_cache) m_cache->clearQueue();
    // Any refilter still running was computed on the old table: make it stale.
    m_appliedVersion = ++m_pendingVersion;
    beginResetModel();
    m_table = table ? std::move(table) : std::make_shared<core::SampleTable>();
    m_classNames = std::move(classNames);
    // Id order needs no work beyond an iota, so the first screen never waits for a worker.
    GridQuery identity;
    Rows r = buildRows(*m_table, identity, m_pendingVersion);
    m_order.swap(r.order);
    m_rowOfPos.swap(r.rowOfPos);
    endResetModel();
    if (!m_query.isDefault()) {
        GridQuery q = m_query;
        m_query = GridQuery();
        setQuery(q);
    }
}

void SampleGridModel::setThumbnailCache(ThumbnailCache* cache) {
    if (m_cache) disconnect(m_cache.data(), nullptr, this, nullptr);
    m_cache = cache;
    if (m_cache)
        connect(m_cache.data(), &ThumbnailCache::thumbnailReady, this, &SampleGridModel::onThumbnail);
    if (!m_order.empty())
        Q_EMIT dataChanged(index(0), index(int(m_order.size()) - 1), {ThumbnailRole});
}

void SampleGridModel::setQuery(const GridQuery& query) {
    m_query = query;
    const quint64 version = ++m_pendingVersion;
    auto table = m_table ? m_table : std::make_shared<core::SampleTable>();
    auto* watcher = new QFutureWatcher<Rows>(this);
    connect(watcher, &QFutureWatcher<Rows>::finished, this, [this, watcher] {
        Rows r = watcher->result();
        watcher->deleteLater();
        if (m_watcher == watcher) m_watcher = nullptr;
        // A newer query or a new table has been requested since: drop this stale result.
        if (r.version != m_pendingVersion) return;
        applyRows(std::move(r));
    });
    m_watcher = watcher;
    watcher->setFuture(
        QtConcurrent::run([table, query, version] { return buildRows(*table, query, version); }));
}

void SampleGridModel::applyRows(Rows rows) {
    if (m_cache) m_cache->clearQueue();
    beginResetModel();
    m_order.swap(rows.order);
    m_rowOfPos.swap(rows.rowOfPos);
    m_appliedVersion = rows.version;
    endResetModel();
    Q_EMIT queryApplied();
}

int SampleGridModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_order.size());
}

qint64 SampleGridModel::sampleIdAt(int row) const {
    if (row < 0 || size_t(row) >= m_order.size()) return -1;
    return m_table->ids[m_order[size_t(row)]];
}

int SampleGridModel::rowOfSample(qint64 sampleId) const {
    if (!m_table) return -1;
    // The table is in id order (SampleStore::loadTable), so ids can be binary-searched.
    const auto& ids = m_table->ids;
    auto it = std::lower_bound(ids.begin(), ids.end(), sampleId);
    if (it == ids.end() || *it != sampleId) return -1;
    const size_t pos = size_t(it - ids.begin());
    return pos < m_rowOfPos.size() ? m_rowOfPos[pos] : -1;
}

void SampleGridModel::onThumbnail(qint64 sampleId) {
    const int row = rowOfSample(sampleId);
    if (row < 0) return;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {ThumbnailRole, ThumbnailFailedRole, Qt::DecorationRole});
}

QVariant SampleGridModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.column() != 0 || index.row() < 0 ||
        size_t(index.row()) >= m_order.size())
        return {};
    const size_t pos = m_order[size_t(index.row())];
    const auto& t = *m_table;
    const qint64 id = t.ids[pos];
    const int label = t.label[pos];
    const QString labelName = label >= 0 && label < m_classNames.size()
                                  ? m_classNames[label]
                                  : (label < 0 ? tr("(unlabelled)") : QString::number(label));
    switch (role) {
    case Qt::DisplayRole:
    case LabelNameRole: return labelName;
    case Qt::ToolTipRole:
        return tr("#%1 · %2 · %3").arg(id).arg(labelName, splitText(t.split[pos]));
    case SampleIdRole: return id;
    case LabelIdxRole: return label;
    case SplitRole: return int(t.split[pos]);
    case StatusRole: return int(t.status[pos]);
    case TrustedRole: return t.trusted[pos] != 0;
    case KindRole: return int(t.kind[pos]);
    case ThumbnailRole: {
        if (!m_cache) return QImage();
        QImage img = m_cache->lookup(id);
        if (img.isNull()) m_cache->request(id);
        return img;
    }
    case ThumbnailFailedRole: return m_cache && m_cache->failed(id);
    default: return {};
    }
}

QHash<int, QByteArray> SampleGridModel::roleNames() const {
    auto r = QAbstractListModel::roleNames();
    r[SampleIdRole] = "sampleId";
    r[LabelIdxRole] = "labelIdx";
    r[LabelNameRole] = "labelName";
    r[SplitRole] = "split";
    r[StatusRole] = "status";
    r[TrustedRole] = "trusted";
    r[KindRole] = "kind";
    r[ThumbnailRole] = "thumbnail";
    r[ThumbnailFailedRole] = "thumbnailFailed";
    return r;
}

}  // namespace winnow::widgets
