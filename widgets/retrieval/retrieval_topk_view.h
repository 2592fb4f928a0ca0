#pragma once
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "core/retrieval/retrieval_topk.h"

class QLabel;
class QSpinBox;
class QTableWidget;

namespace winnow::widgets {

class RetrievalEiStrip;
struct RetrievalFailureRow;

// The full top-k of one query as the browser shows it (computed on a worker).
struct RetrievalQueryTopK {
    int64_t runId = 0;
    int64_t resultId = 0;
    int32_t queryImage = -1, queryCaption = -1;
    size_t k = 0;
    bool i2t = true;                    // image -> text: the items are captions
    QString error;                      // the evaluation's top-k could not be read at all
    core::QueryTopK topK;
    // Per item: the EI of the ground truth an adversarial caption was made from, or why not.
    std::vector<std::optional<core::CaptionInfluence>> influence;
    std::vector<QString> influenceProblem;
    // The failure's best adversarial caption (the strip's default when no row is picked).
    std::optional<core::CaptionInfluence> bestInfluence;
    QString bestInfluenceProblem;
    bool hasBestCaption = false;        // an i2t caption attack: the strip applies
};

// Computes it from `source` (worker thread; never encodes).
std::shared_ptr<RetrievalQueryTopK> computeRetrievalTopK(const core::RetrievalTopKSource& source,
                                                         const RetrievalFailureRow& row, size_t k);

// The top-k list of the selected query: rank, similarity, ground truth / adversarial marks,
// the item; below it the selected item in full (an adversarial caption beside its original
// with the swapped words highlighted; an altered image with its base, partner and λ) and the
// EI heat strip of the attacked ground truth.
class RetrievalTopKView : public QWidget {
    Q_OBJECT
public:
    enum Column { Rank, Score, Mark, Item, ColumnCount };
    explicit RetrievalTopKView(QWidget* parent = nullptr);
    void setTopK(std::shared_ptr<const RetrievalQueryTopK> topK);
    void setLoading();
    void setNothing();
    std::shared_ptr<const RetrievalQueryTopK> topK() const { return m_topK; }

    int k() const;
    void setK(int k);
    QSpinBox* kBox() const { return m_k; }
    QTableWidget* table() const { return m_table; }
    RetrievalEiStrip* eiStrip() const { return m_strip; }
    QLabel* itemLabel() const { return m_item; }
    QString headerText() const;
    // The row's marks as shown ("ground truth", "adversarial", "altered image"), for tests.
    QString markText(int row) const;

    // The original caption with its swapped source words struck out and the adversarial caption
    // with the target words highlighted (HTML).
    static QString wordDiffHtml(const core::TopKItem& item);
    // What the list cannot show, translated (core's `note` stays English for the CLI).
    static QString noteText(const core::QueryTopK& topK);

Q_SIGNALS:
    void kChanged(int k);

private:
    void showItem(int row);
    void setImage(QLabel* label, const QString& path, const QString& caption);
    std::shared_ptr<const RetrievalQueryTopK> m_topK;
    QLabel* m_header;
    QSpinBox* m_k;
    QTableWidget* m_table;
    QLabel* m_item;
    QLabel* m_base;
    QLabel* m_partner;
    RetrievalEiStrip* m_strip;
};

}  // namespace winnow::widgets
