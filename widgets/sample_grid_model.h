#pragma once
#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QPointer>
#include <QStringList>
#include <memory>
#include <vector>

#include "core/dataset/sample_store.h"
#include "widgets/grid_query.h"

namespace winnow::widgets {

class ThumbnailCache;

// The grid's model: holds the compact SampleTable (shared, immutable) and the visible row
// order as 32-bit positions into it, so a million samples cost ~30 MB. Filtering and sorting
// run on a worker (QtConcurrent); each request carries a version number and a result that
// is no longer the newest is dropped.
class SampleGridModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SampleIdRole = Qt::UserRole + 1,
        LabelIdxRole,
        LabelNameRole,
        SplitRole,
        StatusRole,
        TrustedRole,
        KindRole,
        ThumbnailRole,       // QImage, null while decoding
        ThumbnailFailedRole  // bool: decoding failed (unreadable media)
    };

    explicit SampleGridModel(QObject* parent = nullptr);
    ~SampleGridModel() override;

    // Swaps in a freshly loaded table. Rows appear at once in id order; a non-default query
    // is then re-applied in the background.
    void setTable(std::shared_ptr<const core::SampleTable> table, QStringList classNames);
    void setThumbnailCache(ThumbnailCache* cache);
    std::shared_ptr<const core::SampleTable> table() const { return m_table; }
    const QStringList& classNames() const { return m_classNames; }

    // Starts an asynchronous refilter; `queryApplied` fires when the rows are in place.
    void setQuery(const GridQuery& query);
    const GridQuery& query() const { return m_query; }
    bool busy() const { return m_pendingVersion != m_appliedVersion; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 sampleIdAt(int row) const;
    // Row showing `sampleId`, or -1 when filtered out or unknown.
    int rowOfSample(qint64 sampleId) const;

Q_SIGNALS:
    void queryApplied();

private:
    struct Rows {
        std::vector<uint32_t> order;     // visible row -> table position
        std::vector<int32_t> rowOfPos;   // table position -> visible row or -1
        quint64 version = 0;
    };
    void applyRows(Rows rows);
    void onThumbnail(qint64 sampleId);
    static Rows buildRows(const core::SampleTable& t, const GridQuery& q, quint64 version);

    std::shared_ptr<const core::SampleTable> m_table;
    QStringList m_classNames;
    GridQuery m_query;
    std::vector<uint32_t> m_order;
    std::vector<int32_t> m_rowOfPos;
    quint64 m_pendingVersion = 0;
    quint64 m_appliedVersion = 0;
    QPointer<ThumbnailCache> m_cache;  // not owned; null once its owner deleted it
    QFutureWatcher<Rows>* m_watcher = nullptr;
};

}  // namespace winnow::widgets
