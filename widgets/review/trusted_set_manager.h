#pragma once
#include <QWidget>

class QLabel;
class QTableWidget;
class QListWidget;

namespace winnow::widgets {

class ReviewWidget;

// Coverage of the trusted set per class (OSD needs trusted samples of every class; fewer
// than five per class makes σ_k noisy), with a warning per short class, and the list of the
// selected class's trusted samples to unmark. Marking and unmarking go through the review
// widget, i.e. through core::ReviewLog (audited, undoable).
class TrustedSetManager : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinPerClass = 5;
    explicit TrustedSetManager(ReviewWidget* review, QWidget* parent = nullptr);
    // Recounts from the review widget's model.
    void refresh();
    // Trusted counts per class (index = class), as shown.
    QVector<int> coverage() const { return m_counts; }
    int classesBelowMinimum() const;
    QTableWidget* table() const { return m_table; }

private:
    void showClass(int classIdx);
    void unmarkSelected();
    void markCurrent();

    ReviewWidget* m_review;
    QVector<int> m_counts;
    QLabel* m_summary;
    QTableWidget* m_table;
    QListWidget* m_members;
};

}  // namespace winnow::widgets
