#pragma once
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <optional>

class QCustomPlot;
class QCPBars;

namespace winnow::widgets {

class CategoryAxisLabels;

// Per-class accuracy of one epoch as bars coloured by shot group (many > 100 training
// samples, medium 20–100, few < 20; METHODS §11), with each group's accuracy in the legend.
// Fed with an epoch metrics row (per_class_acc, train_counts, acc_many/medium/few).
class PerClassAccuracyChart : public QWidget {
    Q_OBJECT
public:
    enum Group { Many = 0, Medium = 1, Few = 2 };
    explicit PerClassAccuracyChart(QWidget* parent = nullptr);

    static Group groupOf(qint64 trainCount);
    void setClassNames(const QStringList& names);
    // Shows the row's per-class accuracies; a row without them clears the chart.
    void setEpoch(const QString& json);
    void clear();

    int classCount() const { return m_groups.size(); }
    Group groupOfClass(int k) const { return Group(m_groups.value(k)); }
    // Class indices drawn in a group's bar series, and the legend text of the group.
    QVector<double> classesInGroup(Group g) const;
    QString legendText(Group g) const;
    QCustomPlot* plot() const { return m_plot; }

private:
    void setSplitToolTip(const QString& split);
    QCustomPlot* m_plot;
    QCPBars* m_bars[3];
    CategoryAxisLabels* m_axisLabels;
    QStringList m_names;
    QVector<int> m_groups;
};

}  // namespace winnow::widgets
