#pragma once
#include <QDialog>
#include <QImage>

class QGraphicsPixmapItem;
class QGraphicsScene;
class QGraphicsView;
class QLabel;

namespace winnow::widgets {

// The large view of one sample (double-click a tile or the detail image): the image at up to
// full resolution, zoomed with Ctrl+wheel or + / −, panned by dragging or the scroll bars;
// Fit (F) and 1:1 (1) buttons and keys; ← / → (and J / L) ask for the previous / next
// sample of the queue, Escape closes. Non-modal: the queue keeps its place.
class ZoomView : public QDialog {
    Q_OBJECT
public:
    explicit ZoomView(QWidget* parent = nullptr);
    // Shows `image` with its caption. A new sample starts fitted; a sharper image of the same
    // sample (the full-resolution decode arriving) keeps the zoom mode.
    void setImage(qint64 sampleId, const QImage& image, const QString& caption);
    qint64 sampleId() const { return m_sampleId; }
    QImage image() const { return m_image; }
    // Scale of the image on screen (1 = one image pixel per screen pixel).
    double zoom() const;
    bool fitted() const { return m_fit; }
    void fitToWindow();
    void actualSize();
    void zoomBy(double factor);
    QGraphicsView* view() const { return m_view; }
    QString caption() const;

Q_SIGNALS:
    void navigate(int delta);  // -1 previous, +1 next sample

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    bool handleKey(QKeyEvent* e);
    void setZoom(double z);
    QGraphicsScene* m_scene;
    QGraphicsView* m_view;
    QGraphicsPixmapItem* m_item;
    QLabel* m_caption;
    QLabel* m_zoomLabel;
    QImage m_image;
    qint64 m_sampleId = -1;
    bool m_fit = true;
};

}  // namespace winnow::widgets
