#pragma once
#include <QPointer>
#include <QVector>
#include <QWidget>

namespace winnow::widgets {

class ThumbnailCache;

// A row of small thumbnails with their cosine similarity, painted; thumbnails come from the
// shared cache and appear as they decode.
class SimilarStrip : public QWidget {
    Q_OBJECT
public:
    explicit SimilarStrip(QWidget* parent = nullptr);
    void setCache(ThumbnailCache* cache);
    void setItems(const QVector<std::pair<qint64, float>>& items, const QString& emptyText);
    const QVector<std::pair<qint64, float>>& items() const { return m_items; }
    QSize sizeHint() const override;
    // Caption lines under tile `index` as drawn ("#id", then the similarity), each fitting
    // the tile's width (a caption on one line used to run into its neighbours' at five-digit
    // ids); the tooltip gives the whole text.
    QStringList captionLines(int index) const;
    static int tileWidth();

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;

private:
    QPointer<ThumbnailCache> m_cache;  // not owned; null once its owner deleted it
    QVector<std::pair<qint64, float>> m_items;
    QString m_empty;
};

}  // namespace winnow::widgets
