#pragma once
#include <QWidget>
#include <memory>

#include "widgets/retrieval/retrieval_browser_data.h"

class QLabel;
class QTableWidget;

namespace winnow::widgets {

class RetrievalResultsView;

// The second run of a side-by-side comparison in the Results tab: its own results table and
// clean-vs-attacked bars, and the differences per (direction, attack, seed): R@1 and FR@1 of
// A and B with B − A, from core's comparison table (the one the exports write).
class RetrievalComparisonView : public QWidget {
    Q_OBJECT
public:
    enum Column { Direction, Attack, Seed, R1A, R1B, R1Diff, Fr1A, Fr1B, Fr1Diff, ColumnCount };
    explicit RetrievalComparisonView(QWidget* parent = nullptr);
    void setComparison(std::shared_ptr<const RetrievalComparisonData> comparison);
    RetrievalResultsView* otherResults() const { return m_other; }
    QTableWidget* differences() const { return m_diff; }

private:
    std::shared_ptr<const RetrievalComparisonData> m_comparison;
    QLabel* m_header;
    RetrievalResultsView* m_other;
    QTableWidget* m_diff;
};

}  // namespace winnow::widgets
