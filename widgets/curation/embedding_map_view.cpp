#include "widgets/curation/embedding_map_view.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QThread>
#include <QToolButton>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>
#include <vector>

#include "widgets/curation/map_raster.h"
#include "widgets/curation/map_selection.h"

namespace winnow::widgets {
namespace {

constexpr QRgb kBackground = 0xfffcfcfc;
constexpr QRgb kHighlightEdge = 0xff202020;
constexpr double kFitMargin = 12.0;
constexpr double kDragThreshold = 3.0;
constexpr int kLegendRows = 15;

bool isFinitePoint(const MapPoints& p, qsizetype i) { return std::isfinite(p.x(i)) && std::isfinite(p.y(i)); }

QVector<int> mergeUnion(const QVector<int>& a, const QVector<int>& b) {
    QVector<int> out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

QVector<int> mergeDifference(const QVector<int>& a, const QVector<int>& b) {
    QVector<int> out;
    out.reserve(a.size());
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

}  // namespace

EmbeddingMapView::EmbeddingMapView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    setAccessibleName(tr("Embedding map"));
    setWhatsThis(keyHelpText());

    // Mode buttons in the top-left corner; they never take the focus from the map.
    auto* bar = new QWidget(this);
    auto* lay = new QHBoxLayout(bar);
    lay->setContentsMargins(6, 6, 6, 6);
    lay->setSpacing(2);
    m_modeGroup = new QButtonGroup(this);
    const std::pair<Mode, QString> modes[] = {
        {Mode::Pan, tr("Pan")}, {Mode::Box, tr("Box")}, {Mode::Lasso, tr("Lasso")}};
    const QString tips[] = {tr("Drag to move the map (P)"), tr("Drag a rectangle to select points (B)"),
                            tr("Draw around points to select them (L)")};
    for (int i = 0; i < 3; ++i) {
        auto* b = new QToolButton(bar);
        b->setText(modes[i].second);
        b->setToolTip(tips[i]);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoRaise(true);
        m_modeGroup->addButton(b, int(modes[i].first));
        lay->addWidget(b);
    }
    m_modeGroup->button(int(Mode::Pan))->setChecked(true);
    connect(m_modeGroup, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });
    bar->adjustSize();
}

bool EmbeddingMapView::setPoints(MapPoints points, QString* error) {
    m_problem = points.problem();
    if (!m_problem.isEmpty()) {
        if (error) *error = m_problem;
        points = MapPoints{};
    }
    m_points = std::move(points);
    const qsizetype n = m_points.size();
    m_index = MapHoverIndex(m_points.xy);
    const QVector<int>& order = m_index.cellOrder();
    m_drawXy.resize(2 * order.size());
    for (qsizetype k = 0; k < order.size(); ++k) {
        m_drawXy[2 * k] = m_points.xy[2 * order[k]];
        m_drawXy[2 * k + 1] = m_points.xy[2 * order[k] + 1];
    }
    m_drawSkip = QVector<quint8>(order.size(), 0);
    m_selected.clear();
    m_selectedMask = QVector<quint8>(n, 0);
    m_highlighted.clear();
    m_hover = -1;
    m_thumbId = -1;
    m_thumb = QPixmap();
    m_drag = Drag::None;

    // Sample ids → point: binary search on the ids themselves when they ascend, else on an order.
    m_idOrder.clear();
    if (!std::is_sorted(m_points.sampleIds.begin(), m_points.sampleIds.end())) {
        m_idOrder.resize(n);
        std::iota(m_idOrder.begin(), m_idOrder.end(), 0);
        std::sort(m_idOrder.begin(), m_idOrder.end(),
                  [this](int a, int b) { return m_points.sampleIds[a] < m_points.sampleIds[b]; });
    }

    if (!m_pointSizeSet) m_pointSize = n > 100000 ? 2 : n > 10000 ? 3 : 4;
    measureColouring();
    rebuildColours();
    fitAll();
    return m_problem.isEmpty();
}

bool EmbeddingMapView::setColouring(const MapPoints& colouring, QString* error) {
    const qsizetype n = m_points.size();
    QString problem;
    if (!colouring.category.isEmpty() && colouring.category.size() != n)
        problem = tr("category has %1 value(s) for %2 point(s)").arg(colouring.category.size()).arg(n);
    else if (!colouring.value.isEmpty() && colouring.value.size() != n)
        problem = tr("value has %1 value(s) for %2 point(s)").arg(colouring.value.size()).arg(n);
    if (!problem.isEmpty()) {
        if (error) *error = problem;
        return false;
    }
    m_points.category = colouring.category;
    m_points.categoryNames = colouring.categoryNames;
    m_points.categoryColors = colouring.categoryColors;
    m_points.categoryTitle = colouring.categoryTitle;
    m_points.value = colouring.value;
    m_points.valueTitle = colouring.valueTitle;
    m_colourBy = colouring.category.isEmpty() && !colouring.value.isEmpty() ? ColourBy::Value : ColourBy::Category;
    measureColouring();
    rebuildColours();
    return true;
}

void EmbeddingMapView::measureColouring() {
    const qsizetype n = m_points.size();
    int count = int(m_points.categoryNames.size());
    for (qint32 c : m_points.category) count = std::max(count, c + 1);
    m_categoryColours = categoryColours(count, m_points.categoryColors);
    m_categoryCounts = QVector<qint64>(count + 1, 0);
    for (qsizetype i = 0; i < n; ++i) {
        const int c = m_points.category.isEmpty() ? -1 : m_points.category[i];
        ++m_categoryCounts[c >= 0 ? c : count];
    }
    m_valueMin = m_valueMax = std::numeric_limits<double>::quiet_NaN();
    for (float v : m_points.value)
        if (std::isfinite(v)) {
            m_valueMin = std::isnan(m_valueMin) ? v : std::min(m_valueMin, double(v));
            m_valueMax = std::isnan(m_valueMax) ? v : std::max(m_valueMax, double(v));
        }
}

void EmbeddingMapView::rebuildColours() {
    const qsizetype n = m_points.size();
    m_colours.resize(n);
    const bool byValue = m_colourBy == ColourBy::Value && m_points.value.size() == n;
    if (byValue) {
        QVector<QRgb> lut(256);
        for (int k = 0; k < 256; ++k) lut[k] = rampColour(k / 255.0);
        const double span = m_valueMax - m_valueMin;
        for (qsizetype i = 0; i < n; ++i) {
            const double v = m_points.value[i];
            if (!std::isfinite(v)) {
                m_colours[i] = noneColour();
                continue;
            }
            const double t = span > 0 ? (v - m_valueMin) / span : 0.5;
            m_colours[i] = lut[std::clamp(int(t * 255.0 + 0.5), 0, 255)];
        }
    } else {
        const int count = int(m_categoryColours.size());
        for (qsizetype i = 0; i < n; ++i) {
            const int c = m_points.category.isEmpty() ? -1 : m_points.category[i];
            m_colours[i] = c >= 0 && c < count ? m_categoryColours[c] : noneColour();
        }
    }
    const QVector<int>& order = m_index.cellOrder();
    m_drawColours.resize(order.size());
    for (qsizetype k = 0; k < order.size(); ++k) m_drawColours[k] = m_colours[order[k]];
    invalidate();
}

void EmbeddingMapView::setColourBy(ColourBy by) {
    if (by == m_colourBy) return;
    m_colourBy = by;
    rebuildColours();
}

void EmbeddingMapView::invalidate() {
    m_rasterValid = false;
    update();
}

void EmbeddingMapView::setMode(Mode mode) {
    if (mode == m_mode) return;
    m_mode = mode;
    m_drag = Drag::None;
    m_lasso.clear();
    if (auto* b = m_modeGroup->button(int(mode))) b->setChecked(true);
    setCursor(mode == Mode::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
    update();
    Q_EMIT modeChanged(mode);
}

void EmbeddingMapView::fitAll() {
    m_transform.fit(m_index.bounds(), QSizeF(width(), height()), kFitMargin);
    m_fitted = true;
    invalidate();
}

void EmbeddingMapView::setTransform(const MapTransform& t) {
    m_transform = t;
    m_fitted = false;
    invalidate();
}

void EmbeddingMapView::setPointSize(int pixels) {
    m_pointSize = std::clamp(pixels, 1, 8);
    m_pointSizeSet = true;
    invalidate();
}

QVector<int> EmbeddingMapView::indicesOf(const QVector<qint64>& ids) const {
    QVector<int> out;
    const auto& sid = m_points.sampleIds;
    for (qint64 id : ids) {
        if (m_idOrder.isEmpty()) {
            const auto it = std::lower_bound(sid.begin(), sid.end(), id);
            if (it != sid.end() && *it == id) out.push_back(int(it - sid.begin()));
        } else {
            const auto it = std::lower_bound(m_idOrder.begin(), m_idOrder.end(), id,
                                             [&sid](int i, qint64 v) { return sid[i] < v; });
            if (it != m_idOrder.end() && sid[*it] == id) out.push_back(*it);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QVector<qint64> EmbeddingMapView::selectedIds() const {
    QVector<qint64> out;
    out.reserve(m_selected.size());
    for (int i : m_selected) out.push_back(m_points.sampleIds[i]);
    return out;
}

void EmbeddingMapView::setSelectedIds(const QVector<qint64>& ids) {
    m_selected = indicesOf(ids);
    rebuildSelectionMask();
    invalidate();
}

void EmbeddingMapView::applySelection(const QVector<int>& indices, Combine how) {
    QVector<int> finite;
    finite.reserve(indices.size());
    for (int i : indices)
        if (isFinitePoint(m_points, i)) finite.push_back(i);
    switch (how) {
    case Combine::Replace: m_selected = finite; break;
    case Combine::Add: m_selected = mergeUnion(m_selected, finite); break;
    case Combine::Remove: m_selected = mergeDifference(m_selected, finite); break;
    }
    rebuildSelectionMask();
    invalidate();
    Q_EMIT selectionChanged(selectedIds());
}

void EmbeddingMapView::rebuildSelectionMask() {
    std::fill(m_selectedMask.begin(), m_selectedMask.end(), 0);
    for (int i : m_selected) m_selectedMask[i] = 1;
    const QVector<int>& order = m_index.cellOrder();
    for (qsizetype k = 0; k < order.size(); ++k) m_drawSkip[k] = m_selectedMask[order[k]];
}

void EmbeddingMapView::clearSelection() {
    if (m_selected.isEmpty()) return;
    applySelection({}, Combine::Replace);
}

void EmbeddingMapView::selectAll() {
    QVector<int> all(m_points.size());
    std::iota(all.begin(), all.end(), 0);
    applySelection(all, Combine::Replace);
}

void EmbeddingMapView::setHighlighted(const QVector<qint64>& ids) {
    m_highlighted = indicesOf(ids);
    invalidate();
}

QVector<qint64> EmbeddingMapView::highlightedIds() const {
    QVector<qint64> out;
    for (int i : m_highlighted) out.push_back(m_points.sampleIds[i]);
    return out;
}

void EmbeddingMapView::setHoverThumbnail(qint64 sampleId, const QPixmap& pixmap, const QString& caption) {
    m_thumbId = sampleId;
    m_thumb = pixmap;
    m_thumbCaption = caption;
    if (sampleId == hoveredId()) update();
}

qint64 EmbeddingMapView::hoveredId() const { return m_hover >= 0 ? m_points.sampleIds[m_hover] : -1; }

int EmbeddingMapView::pointAt(QPointF widgetPos) const {
    const QPointF w = m_transform.toWorld(widgetPos);
    return m_index.nearest(m_points.xy, w.x(), w.y(), m_hoverRadius / m_transform.scale());
}

const QImage& EmbeddingMapView::raster() {
    if (m_rasterValid && m_raster.size() == size()) return m_raster;
    if (m_raster.size() != size()) m_raster = QImage(size(), QImage::Format_RGB32);
    m_rasterValid = true;
    if (m_raster.isNull()) return m_raster;
    m_raster.fill(kBackground);
    // All points in cell order, then the selection and the highlight by point index on top.
    PointRaster all;
    all.setImage(m_raster);
    all.xy = &m_drawXy;
    all.colours = &m_drawColours;
    all.transform = m_transform;
    all.size = m_pointSize;
    PointRaster r = all;
    r.xy = &m_points.xy;
    r.colours = &m_colours;
    // Horizontal bands of the image, one per thread, each drawing only the cells it shows
    // (with a margin for the point size) and writing only its own rows: the same picture as
    // one thread drawing everything in cell order.
    const double margin = m_pointSize + 2;
    int bands = m_rasterThreads > 0 ? m_rasterThreads
                : m_points.size() >= 200000 ? std::clamp(QThread::idealThreadCount(), 1, 4)
                                            : 1;
    bands = std::clamp(bands, 1, std::max(1, m_raster.height() / 16));
    auto drawBand = [&](int band) {
        PointRaster part = all;
        part.rowBegin = m_raster.height() * band / bands;
        part.rowEnd = m_raster.height() * (band + 1) / bands;
        const auto ranges = m_index.rangesIn(m_transform.toWorld(
            QRectF(-margin, part.rowBegin - margin, width() + 2 * margin, part.rowEnd - part.rowBegin + 2 * margin)));
        if (m_selected.isEmpty()) {
            for (const auto& [b, e] : ranges) part.drawRange(b, e);
            return;
        }
        // Everything else dimmed, the selection in full colour and one pixel larger on top.
        for (const auto& [b, e] : ranges) part.drawRange(b, e, m_drawSkip.constData(), 0, &kBackground);
        part.size = m_pointSize + 1;
        for (const auto& [b, e] : ranges) part.drawRange(b, e, m_drawSkip.constData(), 1);
    };
    std::vector<std::thread> helpers;
    for (int band = 1; band < bands; ++band) helpers.emplace_back(drawBand, band);
    drawBand(0);
    for (auto& t : helpers) t.join();
    if (!m_highlighted.isEmpty()) {
        // Outlined: a dark square two pixels wider under the point's own colour.
        PointRaster edge = r;
        edge.size = m_pointSize + 4;
        edge.drawSome(m_highlighted, &kHighlightEdge);
        PointRaster inner = r;
        inner.size = m_pointSize + 2;
        inner.drawSome(m_highlighted);
    }
    return m_raster;
}

QStringList EmbeddingMapView::legendLines() const {
    QStringList out;
    const qsizetype n = m_points.size();
    if (m_colourBy == ColourBy::Value && m_points.value.size() == n && n > 0) {
        out << (m_points.valueTitle.isEmpty() ? tr("Value") : m_points.valueTitle);
        if (std::isnan(m_valueMin)) {
            out << tr("no values");
        } else {
            out << tr("max %1").arg(QLocale().toString(m_valueMax, 'g', 4));
            out << tr("min %1").arg(QLocale().toString(m_valueMin, 'g', 4));
        }
        return out;
    }
    out << (m_points.categoryTitle.isEmpty() ? tr("Category") : m_points.categoryTitle);
    const int count = int(m_categoryColours.size());
    int shown = 0, more = 0;
    for (int c = 0; c <= count; ++c) {
        if (m_categoryCounts.value(c) == 0) continue;
        if (shown == kLegendRows) {
            ++more;
            continue;
        }
        const QString name = c == count ? tr("(none)")
                             : c < m_points.categoryNames.size() ? m_points.categoryNames[c]
                                                                 : tr("#%1").arg(c);
        out << tr("%1 (%2)").arg(name, QLocale().toString(m_categoryCounts[c]));
        ++shown;
    }
    if (more > 0) out << tr("… %n more", nullptr, more);
    return out;
}

QList<KeyHelpEntry> EmbeddingMapView::keyHelp() {
    return {
        {tr("Wheel, + / −"), tr("Zoom around the cursor (keys: around the centre)")},
        {tr("Arrows, middle drag"), tr("Move the map")},
        {tr("P / B / L"), tr("Mode: pan, box selection, lasso selection")},
        {tr("Drag"), tr("Pan, or select in a box or lasso (by mode)")},
        {tr("Shift + drag or click"), tr("Add to the selection")},
        {tr("Ctrl + drag or click"), tr("Remove from the selection")},
        {tr("Click a point"), tr("Select it")},
        {tr("Double-click"), tr("On a point: open it; elsewhere: fit all")},
        {tr("F, Home"), tr("Fit all points")},
        {tr("Esc"), tr("Clear the selection")},
        {tr("Ctrl+A"), tr("Select all points")},
    };
}

QString EmbeddingMapView::keyHelpText() {
    QStringList lines;
    for (const auto& e : keyHelp()) lines << tr("%1: %2").arg(e.keys, e.what);
    return lines.join(QLatin1Char('\n'));
}

void EmbeddingMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.drawImage(0, 0, raster());
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_problem.isEmpty() || m_points.size() == 0) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   m_problem.isEmpty() ? tr("No map to show") : m_problem);
        return;
    }
    if (m_drag == Drag::Box) {
        p.setPen(QPen(QColor(30, 30, 30), 1, Qt::DashLine));
        p.setBrush(QColor(70, 130, 220, 40));
        p.drawRect(QRectF(m_pressPos, m_lastPos).normalized());
    } else if (m_drag == Drag::Lasso && m_lasso.size() > 1) {
        p.setPen(QPen(QColor(30, 30, 30), 1, Qt::DashLine));
        p.setBrush(QColor(70, 130, 220, 40));
        p.drawPolygon(m_lasso);
    }
    drawLegend(p);
    drawHover(p);
    if (hasFocus()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void EmbeddingMapView::drawLegend(QPainter& p) {
    const QStringList lines = legendLines();
    if (lines.isEmpty()) return;
    const QFontMetrics fm(font());
    const int row = fm.height() + 2, sw = fm.height() - 4;
    const bool ramp = m_colourBy == ColourBy::Value && m_points.value.size() == m_points.size();
    int textW = 0;
    for (const QString& l : lines) textW = std::max(textW, fm.horizontalAdvance(l));
    const int w = textW + sw + 24, h = row * int(lines.size()) + (ramp ? row : 0) + 10;
    const QRect box(width() - w - 8, 8, w, h);
    p.setPen(QColor(0, 0, 0, 60));
    p.setBrush(QColor(255, 255, 255, 220));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(QColor(20, 20, 20));
    int y = box.top() + 5;
    p.drawText(QRect(box.left() + 8, y, w - 16, row), Qt::AlignLeft | Qt::AlignVCenter, lines[0]);
    y += row;
    if (ramp) {
        // The ramp bar between its max (top) and min (bottom) labels.
        p.drawText(QRect(box.left() + 8 + sw + 6, y, textW, row), Qt::AlignLeft | Qt::AlignVCenter,
                   lines.value(1));
        QLinearGradient g(0, y + row * 3, 0, y);
        for (int k = 0; k <= 4; ++k) g.setColorAt(k / 4.0, QColor::fromRgb(rampColour(k / 4.0)));
        p.fillRect(QRect(box.left() + 8, y + 2, sw, row * 3 - 4), g);
        y += row * 2;
        p.drawText(QRect(box.left() + 8 + sw + 6, y, textW, row), Qt::AlignLeft | Qt::AlignVCenter,
                   lines.value(2));
        return;
    }
    const int count = int(m_categoryColours.size());
    int c = 0;
    for (int li = 1; li < lines.size(); ++li) {
        while (c <= count && m_categoryCounts.value(c) == 0) ++c;
        if (c <= count && !(li == lines.size() - 1 && lines.size() - 1 > kLegendRows)) {
            const QRgb col = c == count ? noneColour() : m_categoryColours[c];
            p.fillRect(QRect(box.left() + 8, y + (row - sw) / 2, sw, sw), QColor::fromRgb(col));
            ++c;
        }
        p.drawText(QRect(box.left() + 8 + sw + 6, y, textW, row), Qt::AlignLeft | Qt::AlignVCenter, lines[li]);
        y += row;
    }
}

void EmbeddingMapView::drawHover(QPainter& p) {
    if (m_hover < 0 || m_drag != Drag::None) return;
    const QPointF c = m_transform.toScreen(QPointF(m_points.x(m_hover), m_points.y(m_hover)));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(20, 20, 20), 2));
    p.drawEllipse(c, m_pointSize + 4.0, m_pointSize + 4.0);

    const qint64 id = m_points.sampleIds[m_hover];
    QString caption = m_thumbId == id ? m_thumbCaption : QString();
    if (caption.isEmpty()) {
        QStringList parts{tr("Sample %1").arg(id)};
        const int cat = m_points.category.isEmpty() ? -1 : m_points.category[m_hover];
        if (cat >= 0 && cat < m_points.categoryNames.size()) parts << m_points.categoryNames[cat];
        if (!m_points.value.isEmpty() && std::isfinite(m_points.value[m_hover]))
            parts << tr("%1: %2").arg(m_points.valueTitle.isEmpty() ? tr("Value") : m_points.valueTitle,
                                      QLocale().toString(m_points.value[m_hover], 'g', 4));
        caption = parts.join(QLatin1Char('\n'));
    }
    const QFontMetrics fm(font());
    const QRect textRect = fm.boundingRect(QRect(0, 0, 260, 400), Qt::TextWordWrap, caption);
    const QSize thumb = m_thumbId == id && !m_thumb.isNull()
                            ? m_thumb.size().scaled(QSize(160, 160), Qt::KeepAspectRatio).boundedTo(m_thumb.size())
                            : QSize(0, 0);
    const int w = std::max(thumb.width(), textRect.width()) + 12;
    const int h = thumb.height() + (thumb.isEmpty() ? 0 : 4) + textRect.height() + 12;
    QPoint at = m_hoverPos.toPoint() + QPoint(16, 16);
    if (at.x() + w > width()) at.setX(std::max(0, int(m_hoverPos.x()) - 16 - w));
    if (at.y() + h > height()) at.setY(std::max(0, int(m_hoverPos.y()) - 16 - h));
    const QRect box(at, QSize(w, h));
    p.setPen(QColor(0, 0, 0, 90));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(box, 4, 4);
    if (!thumb.isEmpty()) p.drawPixmap(QRect(box.topLeft() + QPoint(6, 6), thumb), m_thumb);
    p.setPen(QColor(20, 20, 20));
    p.drawText(QRect(box.left() + 6, box.top() + 6 + thumb.height() + (thumb.isEmpty() ? 0 : 4), w - 12,
                     textRect.height()),
               Qt::TextWordWrap, caption);
}

void EmbeddingMapView::resizeEvent(QResizeEvent*) {
    // A view the user has not moved keeps showing everything.
    if (m_fitted) fitAll();
    invalidate();
}

void EmbeddingMapView::updateHover(QPointF pos) {
    m_hoverPos = pos;
    const int idx = pointAt(pos);
    if (idx != m_hover) {
        m_hover = idx;
        Q_EMIT hovered(hoveredId());
    }
    update();
}

void EmbeddingMapView::mousePressEvent(QMouseEvent* e) {
    m_pressPos = m_lastPos = e->position();
    m_moved = false;
    const auto mods = e->modifiers();
    m_combine = mods & Qt::ShiftModifier     ? Combine::Add
                : mods & Qt::ControlModifier ? Combine::Remove
                                             : Combine::Replace;
    if (e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && m_mode == Mode::Pan)) {
        m_drag = Drag::Pan;
        if (e->button() == Qt::LeftButton) setCursor(Qt::ClosedHandCursor);
    } else if (e->button() == Qt::LeftButton && m_mode == Mode::Box) {
        m_drag = Drag::Box;
    } else if (e->button() == Qt::LeftButton && m_mode == Mode::Lasso) {
        m_drag = Drag::Lasso;
        m_lasso = QPolygonF{e->position()};
    } else {
        m_drag = Drag::None;
    }
    e->accept();
}

void EmbeddingMapView::mouseMoveEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (m_drag == Drag::None) {
        updateHover(pos);
        return;
    }
    if ((pos - m_pressPos).manhattanLength() >= kDragThreshold) m_moved = true;
    if (m_drag == Drag::Pan) {
        if (m_moved) {
            m_transform.panBy(pos.x() - m_lastPos.x(), pos.y() - m_lastPos.y());
            m_fitted = false;
            m_lastPos = pos;
            invalidate();
        }
        return;
    }
    m_lastPos = pos;
    if (m_drag == Drag::Lasso && QLineF(m_lasso.last(), pos).length() >= 2.0) m_lasso << pos;
    update();
}

void EmbeddingMapView::mouseReleaseEvent(QMouseEvent* e) {
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (m_mode == Mode::Pan) setCursor(Qt::OpenHandCursor);
    const QPointF pos = e->position();
    if ((pos - m_pressPos).manhattanLength() >= kDragThreshold) m_moved = true;
    if (drag == Drag::None) return;
    if (!m_moved) {
        // A click: the point under it joins, leaves or becomes the selection.
        const int idx = pointAt(pos);
        if (idx >= 0 && e->button() == Qt::LeftButton) applySelection({idx}, m_combine);
        update();
        return;
    }
    if (drag == Drag::Box) {
        applySelection(selectInRect(m_points.xy, m_transform.toWorld(QRectF(m_pressPos, pos).normalized())),
                       m_combine);
    } else if (drag == Drag::Lasso) {
        m_lasso << pos;
        QPolygonF world;
        world.reserve(m_lasso.size());
        for (const QPointF& q : std::as_const(m_lasso)) world << m_transform.toWorld(q);
        m_lasso.clear();
        if (world.size() >= 3) applySelection(selectInPolygon(m_points.xy, world), m_combine);
    }
    update();
}

void EmbeddingMapView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    const int idx = pointAt(e->position());
    if (idx >= 0)
        Q_EMIT activated(m_points.sampleIds[idx]);
    else
        fitAll();
}

void EmbeddingMapView::wheelEvent(QWheelEvent* e) {
    const int delta = e->angleDelta().y();
    if (delta == 0) return;
    m_transform.zoomAt(e->position(), std::pow(1.0015, delta));
    m_fitted = false;
    invalidate();
    updateHover(e->position());
    e->accept();
}

void EmbeddingMapView::keyPressEvent(QKeyEvent* e) {
    const QPointF centre(width() / 2.0, height() / 2.0);
    const bool ctrl = e->modifiers() & Qt::ControlModifier;
    switch (e->key()) {
    case Qt::Key_F:
    case Qt::Key_Home: fitAll(); break;
    case Qt::Key_Escape:
        if (m_drag != Drag::None) {
            m_drag = Drag::None;
            m_lasso.clear();
            update();
        } else {
            clearSelection();
        }
        break;
    case Qt::Key_P: setMode(Mode::Pan); break;
    case Qt::Key_B: setMode(Mode::Box); break;
    case Qt::Key_L: setMode(Mode::Lasso); break;
    case Qt::Key_A:
        if (!ctrl) return QWidget::keyPressEvent(e);
        selectAll();
        break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const double dx = width() / 10.0, dy = height() / 10.0;
        m_transform.panBy(e->key() == Qt::Key_Left ? dx : e->key() == Qt::Key_Right ? -dx : 0,
                          e->key() == Qt::Key_Up ? dy : e->key() == Qt::Key_Down ? -dy : 0);
        m_fitted = false;
        invalidate();
        break;
    }
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_transform.zoomAt(centre, 1.25);
        m_fitted = false;
        invalidate();
        break;
    case Qt::Key_Minus:
        m_transform.zoomAt(centre, 0.8);
        m_fitted = false;
        invalidate();
        break;
    default: QWidget::keyPressEvent(e); return;
    }
    e->accept();
}

void EmbeddingMapView::leaveEvent(QEvent*) {
    if (m_hover >= 0) {
        m_hover = -1;
        Q_EMIT hovered(-1);
        update();
    }
}

}  // namespace winnow::widgets
