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

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QPointer<ThumbnailCache> m_cache;  // not owned; null once its owner deleted it
    QVector<std::pair<qint64, float>> m_items;
    QString m_empty;
};

}  // namespace winnow::widgets
