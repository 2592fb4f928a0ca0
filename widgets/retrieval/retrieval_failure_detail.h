#pragma once
#include <QWidget>
#include <memory>

#include "widgets/retrieval/retrieval_browser_data.h"

class QLabel;

namespace winnow::widgets {

// One failed query in full: the query (image or caption), its ground truth with the best
// ground-truth score, the top-1 item and the best attack item with their scores (attack items
// marked), the swapped words highlighted in an adversarial caption, and for an altered image
// its base and partner images with λ.
class RetrievalFailureDetail : public QWidget {
    Q_OBJECT
public:
    explicit RetrievalFailureDetail(QWidget* parent = nullptr);
    void setData(std::shared_ptr<const RetrievalBrowserData> data) { m_data = std::move(data); }
    void show(const RetrievalFailureRow* row);
    // What is shown, as plain text (tests and copy).
    QString plainText() const;

    // `caption` as HTML with each target word of "source>target; ..." highlighted.
    static QString highlightSwaps(const QString& caption, const QString& swapped);

private:
    void setImage(QLabel* label, const QString& path, const QString& caption);
    std::shared_ptr<const RetrievalBrowserData> m_data;
    QLabel* m_header;
    QLabel* m_query;
    QLabel* m_queryImage;
    QLabel* m_truth;
    QLabel* m_truthImage;
    QLabel* m_top1;
    QLabel* m_top1Image;
    QLabel* m_attack;
    QLabel* m_attackImage;
    QLabel* m_partnerImage;
};

}  // namespace winnow::widgets
