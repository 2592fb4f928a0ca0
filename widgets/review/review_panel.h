#pragma once
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QVector>
#include <QWidget>
#include <memory>

#include "widgets/review/review_data.h"

class QAction;
class QLabel;

namespace winnow::widgets {

class BarListWidget;
class ClipDetail;
class SimilarStrip;
class ThumbnailCache;

// The detail of the current queue item: large image, top-5 predictions, OSM, OSD per class
// (with each class's μ(G_low) cut), consensus, posterior, and the most similar trusted
// samples of the given and of the suggested class. Text and bars are set synchronously from
// the in-memory ReviewData; the image comes from a (prefetched) large-thumbnail cache and
// the similarity search runs on a worker, a stale result being dropped.
class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget* parent = nullptr);
    ~ReviewPanel() override;

    void setReviewData(std::shared_ptr<const ReviewData> data);
    // large: the detail image (e.g. 384 px); small: thumbnails of similar samples.
    void setCaches(ThumbnailCache* large, ThumbnailCache* small);
    ThumbnailCache* largeCache() const;
    // Data rows of trusted samples per given class (candidates of the similarity search).
    void setTrustedRows(const QHash<int, QVector<int>>& byClass);
    // Shows a data row; `decisionText` describes the current decision (empty: none).
    void showItem(int dataRow, const QString& decisionText);
    void clear();
    // What the panel says while it has no item (e.g. "No scores yet"), with buttons for
    // `actions` under it; an empty text restores the default.
    void setEmptyState(const QString& text, const QList<QAction*>& actions = {});
    QString imageText() const;

    qint64 currentSampleId() const { return m_item.sampleId; }
    const ReviewItem& currentItem() const { return m_item; }
    // True once the current item's image (or its failure) is on screen.
    bool imageShown() const { return m_imageShown; }
    SimilarStrip* similarGiven() const { return m_simGiven; }
    SimilarStrip* similarSuggested() const { return m_simSuggested; }
    // Shown instead of the image for video clips (frame strip and player).
    ClipDetail* clipDetail() const { return m_clip; }

Q_SIGNALS:
    void itemShown(qint64 sampleId);     // text and image in place
    void similarShown(qint64 sampleId);  // similarity search finished for this item
    void imageDoubleClicked();           // the review widget opens the large view

protected:
    void resizeEvent(QResizeEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Similar {
        qint64 sampleId = -1;
        QVector<std::pair<qint64, float>> given, suggested;
    };
    void onLargeThumbnail(qint64 id);
    void updateImage();
    void startSimilarSearch();
    QString className(int idx) const;

    std::shared_ptr<const ReviewData> m_data;
    // Not owned (the review widget replaces them on reopen); null once deleted.
    QPointer<ThumbnailCache> m_large;
    QPointer<ThumbnailCache> m_small;
    QHash<int, QVector<int>> m_trustedByClass;
    ReviewItem m_item;
    bool m_imageShown = false;
    QImage m_image;
    QLabel* m_imageLabel;
    QWidget* m_emptyActions;
    QString m_emptyText;
    ClipDetail* m_clip;
    QLabel* m_header;
    QLabel* m_stats;
    QLabel* m_osdTitle;
    BarListWidget* m_top5;
    BarListWidget* m_osd;
    QLabel* m_simGivenTitle;
    QLabel* m_simSuggestedTitle;
    SimilarStrip* m_simGiven;
    SimilarStrip* m_simSuggested;
    QFutureWatcher<Similar>* m_watcher;
};

}  // namespace winnow::widgets
