#pragma once
#include <QWidget>
#include <memory>

#include "widgets/retrieval/retrieval_browser_data.h"

class QLabel;
class QTableWidget;

namespace winnow::widgets {

class PlotFrame;

// The results of one evaluation run: a table per attack, direction and seed (R@1/5/10, FR@1,
// drop of R@1 absolute and as a rate) with the ties rule beside it, and a clean-vs-attacked
// R@1 bar chart per attack and direction (image attacks: the mean over seeds).
class RetrievalResultsView : public QWidget {
    Q_OBJECT
public:
    explicit RetrievalResultsView(QWidget* parent = nullptr);
    void setData(std::shared_ptr<const RetrievalBrowserData> data);
    QTableWidget* table() const { return m_table; }
    QString headerText() const;
    PlotFrame* chart() const { return m_chart; }
    // The bars drawn: "attack (direction)" labels, clean and attacked R@1 in percent (tests).
    QStringList barLabels() const { return m_labels; }
    QVector<double> cleanBars() const { return m_clean; }
    QVector<double> attackedBars() const { return m_attacked; }

private:
    void fillTable();
    void drawChart();
    std::shared_ptr<const RetrievalBrowserData> m_data;
    QLabel* m_header;
    QTableWidget* m_table;
    PlotFrame* m_chart;
    QStringList m_labels;
    QVector<double> m_clean, m_attacked;
};

}  // namespace winnow::widgets
