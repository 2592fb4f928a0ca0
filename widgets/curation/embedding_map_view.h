#pragma once
#include <QImage>
#include <algorithm>
#include <QPixmap>
#include <QPolygonF>
#include <QVector>
#include <QWidget>

#include "widgets/curation/map_hover_index.h"
#include "widgets/curation/map_points.h"
#include "widgets/curation/map_transform.h"
#include "widgets/review/key_help_overlay.h"

class QButtonGroup;
class QToolButton;

namespace winnow::widgets {

// The embedding map: a scatter of up to a million points drawn into a cached raster (rebuilt
// only when the data, colours, selection, highlight, view or size change).
//
// Mouse: wheel zooms around the cursor; the left button pans (Pan mode), draws a box (Box mode)
// or a freehand lasso (Lasso mode); the middle button always pans; a click on a point selects
// it; a double-click on a point activates it, elsewhere fits all. A new box/lasso/click replaces
// the selection; with Shift held at the press it adds, with Ctrl it removes.
// Keys (see keyHelp()): F/Home fit all, Esc clears the selection, P/B/L pick the mode,
// arrows pan, +/- zoom, Ctrl+A selects all points.
class EmbeddingMapView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Pan, Box, Lasso };
    enum class ColourBy { Category, Value };

    explicit EmbeddingMapView(QWidget* parent = nullptr);

    // Replaces the points (selection, highlight and hover are cleared; the view fits all).
    // Arrays of disagreeing sizes are refused: false, `error` set, the map shows the message
    // and holds no points.
    bool setPoints(MapPoints points, QString* error = nullptr);
    const MapPoints& points() const { return m_points; }
    // Recolours the points shown (their category/value arrays, names and titles; xy and ids in
    // `colouring` are ignored), by value when it holds values and no categories, else by
    // category; the colours are rebuilt once, and the view, selection, highlight and hover index
    // stay. A colouring of another size is refused: false with `error` set, nothing changed.
    bool setColouring(const MapPoints& colouring, QString* error = nullptr);

    void setColourBy(ColourBy by);
    ColourBy colourBy() const { return m_colourBy; }
    Mode mode() const { return m_mode; }

    // Selection as sample ids in point order. setSelectedIds does not emit selectionChanged.
    QVector<qint64> selectedIds() const;
    void setSelectedIds(const QVector<qint64>& ids);
    // Points drawn on top with a ring (e.g. the selected sample's neighbours); unknown ids are ignored.
    void setHighlighted(const QVector<qint64>& ids);
    QVector<qint64> highlightedIds() const;

    // Hover thumbnail: after hovered(id), the owner may hand the thumbnail (and a caption);
    // it is shown beside the cursor while `id` stays hovered.
    void setHoverThumbnail(qint64 sampleId, const QPixmap& pixmap, const QString& caption = {});
    qint64 hoveredId() const;

    // The view (world → widget pixels). setTransform is for restoring a view and for tests.
    const MapTransform& transform() const { return m_transform; }
    void setTransform(const MapTransform& t);
    // Point size in pixels (1–8); by default 2 above 100,000 points, 3 above 10,000, else 4.
    void setPointSize(int pixels);
    int pointSize() const { return m_pointSize; }
    // Threads drawing the raster (0, the default: up to four at 200,000 points or more, else one).
    void setRasterThreads(int threads) { m_rasterThreads = std::max(0, threads); m_rasterValid = false; }
    // Hover pick radius in pixels (default 6).
    void setHoverRadius(double pixels) { m_hoverRadius = pixels; }

    // The legend's lines as shown (title, then "name (count)" per category or the ramp's min/max).
    QStringList legendLines() const;
    // The keys this view answers to, for a help sheet (KeyHelpOverlay) or a tooltip.
    static QList<KeyHelpEntry> keyHelp();
    static QString keyHelpText();

    // The points alone, redrawn now into an image of the widget's size (what paintEvent shows
    // under the legend and the overlays). Public for the benchmark and tests.
    const QImage& raster();
    // Index of the point nearest to a widget position within the hover radius, or -1.
    int pointAt(QPointF widgetPos) const;

public Q_SLOTS:
    void setMode(Mode mode);
    void fitAll();
    void clearSelection();
    void selectAll();

Q_SIGNALS:
    // -1 when the cursor leaves the points.
    void hovered(qint64 sampleId);
    void selectionChanged(const QVector<qint64>& sampleIds);
    // Double-click on a point.
    void activated(qint64 sampleId);
    void modeChanged(EmbeddingMapView::Mode mode);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void leaveEvent(QEvent*) override;

private:
    enum class Drag { None, Pan, Box, Lasso };
    enum class Combine { Replace, Add, Remove };
    void measureColouring();
    void rebuildColours();
    void invalidate();
    void updateHover(QPointF pos);
    void rebuildSelectionMask();
    void applySelection(const QVector<int>& indices, Combine how);
    QVector<int> indicesOf(const QVector<qint64>& ids) const;
    void drawLegend(class QPainter& p);
    void drawHover(class QPainter& p);

    MapPoints m_points;
    QString m_problem;
    MapHoverIndex m_index;
    QVector<QRgb> m_colours;  // per point
    // The finite points in the index's cell order (for cache-friendly drawing): coordinates,
    // colours and the selection mask in that order.
    QVector<float> m_drawXy;
    QVector<QRgb> m_drawColours;
    QVector<quint8> m_drawSkip;
    QVector<QRgb> m_categoryColours;
    QVector<qint64> m_categoryCounts;  // per category, then the "none" count last
    double m_valueMin = 0.0, m_valueMax = 0.0;
    ColourBy m_colourBy = ColourBy::Category;
    Mode m_mode = Mode::Pan;
    MapTransform m_transform;
    bool m_fitted = false;
    int m_pointSize = 2;
    int m_rasterThreads = 0;
    bool m_pointSizeSet = false;
    double m_hoverRadius = 6.0;

    QVector<quint8> m_selectedMask;
    QVector<int> m_selected;     // ascending point indices
    QVector<int> m_highlighted;  // point indices
    QVector<int> m_idOrder;      // point indices sorted by sample id (empty when ids ascend)

    QImage m_raster;
    bool m_rasterValid = false;

    int m_hover = -1;
    QPointF m_hoverPos;
    qint64 m_thumbId = -1;
    QPixmap m_thumb;
    QString m_thumbCaption;

    Drag m_drag = Drag::None;
    Combine m_combine = Combine::Replace;
    QPointF m_pressPos, m_lastPos;
    bool m_moved = false;
    QPolygonF m_lasso;  // widget pixels

    QButtonGroup* m_modeGroup = nullptr;
};

}  // namespace winnow::widgets
