#pragma once
#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <memory>
#include <vector>

#include "widgets/review/review_data.h"

namespace winnow::widgets {

class ThumbnailCache;

// The reviewer's effective decision on a sample, as the queue shows it.
enum class DecisionState : int8_t { None = 0, Relabel, Keep, Exclude, Ambiguous };

struct QueueFilter {
    enum State { AnyState = -1, Undecided = -2, Decided = -3 };
    int classIdx = -1;        // given label; -1 = any
    int state = AnyState;     // AnyState, Undecided, Decided or a DecisionState value
    bool flaggedOnly = true;  // false: every scored sample
    // Non-empty: only these samples (a selection made on the dashboard).
    std::shared_ptr<const QSet<qint64>> only;
    bool operator==(const QueueFilter& o) const {
        return classIdx == o.classIdx && state == o.state && flaggedOnly == o.flaggedOnly &&
               only == o.only;
    }
};

// The review queue: rows of ReviewData sorted by descending score, filtered. Holds 32-bit
// positions only (plus one byte of decision state per sample), so a million samples cost a
// few MB beyond the shared data. Rows stay put when a decision is made (the reviewer's place
// must not jump); a new filter rebuilds the order.
class ReviewQueueModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SampleIdRole = Qt::UserRole + 1,
        DataRowRole,
        GivenRole,
        GivenNameRole,
        SuggestedRole,
        SuggestedNameRole,
        ScoreRole,
        DecisionRole,       // int DecisionState
        NewLabelRole,       // relabel target, -1 otherwise
        TrustedRole,
        FlaggedRole,
        ThumbnailRole,      // QImage, null while decoding
        ThumbnailFailedRole
    };

    explicit ReviewQueueModel(QObject* parent = nullptr);

    void setReviewData(std::shared_ptr<const ReviewData> data);
    std::shared_ptr<const ReviewData> reviewData() const { return m_data; }
    void setThumbnailCache(ThumbnailCache* cache);
    ThumbnailCache* thumbnailCache() const;
    void setFilter(const QueueFilter& filter);
    const QueueFilter& filter() const { return m_filter; }
    // Overrides the detector's flags (e.g. a new γ on the dashboard); empty = detector flags.
    void setFlags(std::vector<uint8_t> flags);
    // Flagged by the detector (or the override) and not trusted when the scores were
    // loaded: the dashboard's rule, so the two counts agree (a sample trusted since the
    // scoring used to count in the queue only).
    bool isFlagged(int dataRow) const;
    QString className(int idx) const;

    // Decision state as recorded; updates the row in place.
    void setDecision(qint64 sampleId, DecisionState state, int newLabel = -1);
    DecisionState decision(qint64 sampleId) const;
    void setTrusted(qint64 sampleId, bool trusted);
    bool trusted(qint64 sampleId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 sampleIdAt(int row) const;
    int dataRowAt(int row) const;
    int rowOfSample(qint64 sampleId) const;
    // Flagged samples, and how many of them have a decision.
    int64_t flaggedCount() const { return m_flaggedCount; }
    int64_t reviewedFlaggedCount() const { return m_reviewedFlagged; }

Q_SIGNALS:
    void countsChanged();

private:
    void rebuild();
    void recount();
    void onThumbnail(qint64 sampleId);
    bool passes(uint32_t dataRow) const;
    bool detectorFlag(int dataRow) const;  // ignoring trust

    std::shared_ptr<const ReviewData> m_data;
    QueueFilter m_filter;
    std::vector<uint8_t> m_flagOverride;
    std::vector<int8_t> m_state;          // per data row
    std::vector<int8_t> m_trusted;        // per data row (changes as the reviewer marks)
    QHash<qint64, int> m_newLabel;        // relabel targets
    std::vector<uint32_t> m_order;        // queue row -> data row
    std::vector<int32_t> m_rowOfData;     // data row -> queue row or -1
    int64_t m_flaggedCount = 0;
    int64_t m_reviewedFlagged = 0;
    // Not owned: the review widget replaces its caches when it reopens a project. A
    // QPointer reads null once the cache is gone, so nothing ever touches a deleted one.
    QPointer<ThumbnailCache> m_cache;
};

}  // namespace winnow::widgets
