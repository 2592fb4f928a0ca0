#pragma once
#include <QAbstractTableModel>
#include <memory>
#include <vector>

#include "widgets/retrieval/retrieval_browser_data.h"

namespace winnow::widgets {

// The failure list of the retrieval browser: one row per failed query of one attack, sorted by
// margin (how far the best attack item beats the best ground truth), filterable by attack,
// direction, failure kind and swapped word.
class RetrievalFailureModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Margin, Attack, Direction, Seed, Kind, Query, Winner, Swapped, ColumnCount };
    struct Filter {
        QString attack;       // empty: every attack
        QString direction;    // empty, "i2t" or "t2i"
        unsigned kinds = 0;   // core::FailureKind bits, 0: any; a row needs one of them
        QString word;         // substring of the swapped words (case-insensitive)
        // With a second run (setComparison): which failures, matched by attack, direction,
        // seed and query. Any: the first run's failures. BOnly lists the second run's rows.
        enum class Compare { Any, AOnly, BOnly, Both };
        Compare compare = Compare::Any;
        bool operator==(const Filter&) const = default;
    };

    explicit RetrievalFailureModel(QObject* parent = nullptr);
    void setData(std::shared_ptr<const RetrievalBrowserData> data);
    // The run to compare with (nullptr: none; the compare filter then keeps every row).
    void setComparison(std::shared_ptr<const RetrievalBrowserData> other);
    // Rows that pass every filter but the compare one, per compare choice (the filter's labels).
    int compareCount(Filter::Compare c) const;
    void setFilter(const Filter& filter);
    const Filter& filter() const { return m_filter; }
    // The failure shown in `row` (nullptr when out of range).
    const RetrievalFailureRow* failureAt(int row) const;
    int totalCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter();
    std::shared_ptr<const RetrievalBrowserData> m_data;
    Filter m_filter;
    bool passes(const RetrievalFailureRow& r) const;
    std::shared_ptr<const RetrievalBrowserData> m_other;
    std::vector<const RetrievalFailureRow*> m_rows;  // into m_data->failures (BOnly: m_other->failures)
};

}  // namespace winnow::widgets
