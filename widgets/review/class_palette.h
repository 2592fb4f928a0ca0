#pragma once
#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QLabel;

namespace winnow::widgets {

// The class palette: with at most ten classes, number keys 1–9 and 0 pick classes 1–10
// (shown as a legend); with more, a search box filters class names as the reviewer types and
// Enter picks the first match. Emits classChosen; never records anything itself.
class ClassPalette : public QWidget {
    Q_OBJECT
public:
    explicit ClassPalette(QWidget* parent = nullptr);
    void setClasses(const QStringList& names);
    bool usesNumberKeys() const { return m_names.size() <= 10; }
    // Class for a number key (Qt::Key_0..Key_9) or -1.
    int classForKey(int key) const;
    // Focuses the search box, optionally starting with `text`.
    void startSearch(const QString& text = {});
    QLineEdit* searchBox() const { return m_search; }
    // Indices of classes whose name contains `text` (case-insensitive), name order kept.
    QList<int> matches(const QString& text) const;

Q_SIGNALS:
    void classChosen(int classIdx);
    void searchFinished();  // Enter or Escape: focus goes back to the queue

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refreshMatches();
    QStringList m_names;
    QLabel* m_legend;
    QLineEdit* m_search;
    QListWidget* m_list;
};

}  // namespace winnow::widgets
