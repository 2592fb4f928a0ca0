// The embedding map: lasso/box selection select exactly the points inside (against hand counts,
// tilings and QPainterPath), the hover index against a linear scan, the view transform, and the
// widget driven by mouse and keys (box selection, hover + thumbnail, colours in the picture).
#include <QPainter>
#include <QPainterPath>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/map_hover_index.h"
#include "widgets/curation/map_raster.h"
#include "widgets/curation/map_selection.h"
#include "widgets/curation/map_transform.h"

using namespace winnow::widgets;

namespace {

// Lattice points (x, y) for x, y in [0, side), point index = y * side + x.
QVector<float> lattice(int side) {
    QVector<float> xy;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) xy << float(x) << float(y);
    return xy;
}

double distToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a, ap = p - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(ap, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + t * ab - p;
    return std::hypot(q.x(), q.y());
}

MapPoints latticePoints(int side, QVector<qint64> ids = {}) {
    MapPoints m;
    m.xy = lattice(side);
    if (ids.isEmpty())
        for (int i = 0; i < side * side; ++i) ids << 1000 + i;
    m.sampleIds = ids;
    return m;
}

std::set<qint64> idSet(const QVector<qint64>& v) { return {v.begin(), v.end()}; }

}  // namespace

class TestEmbeddingMapView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A concave "U" with half-integer vertices over a 20 x 20 lattice: no point on an edge,
    // so the inside is the outer rectangle's points minus the notch's, counted by hand.
    void lassoConcaveHandCount() {
        const QVector<float> xy = lattice(20);
        const QPolygonF u{{1.5, 2.5},  {15.5, 2.5}, {15.5, 12.5}, {10.5, 12.5},
                          {10.5, 6.5}, {5.5, 6.5},  {5.5, 12.5},  {1.5, 12.5}};
        const QVector<int> got = selectInPolygon(xy, u);
        // Outer: x 2..15 (14) * y 3..12 (10) = 140; notch: x 6..10 (5) * y 7..12 (6) = 30.
        QCOMPARE(got.size(), 110);
        QVector<int> expected;
        for (int y = 0; y < 20; ++y)
            for (int x = 0; x < 20; ++x) {
                const bool outer = x >= 2 && x <= 15 && y >= 3 && y <= 12;
                const bool notch = x >= 6 && x <= 10 && y >= 7 && y <= 12;
                if (outer && !notch) expected << y * 20 + x;
            }
        QCOMPARE(got, expected);
        // The vertex order (clockwise or not) does not matter.
        QPolygonF reversed(u.rbegin(), u.rend());
        QCOMPARE(selectInPolygon(xy, reversed), expected);
    }

    // Points on edges and vertices: two concave pieces that tile [0,10]x[0,10] along a zigzag
    // through lattice points select disjoint sets whose union is the half-open square
    // [0,10) x [0,10), i.e. every boundary point is decided once and consistently.
    void lassoEdgesTileConsistently() {
        const QVector<float> xy = lattice(13);
        const QPolygonF a{{0, 0}, {5, 0}, {3, 4}, {7, 6}, {4, 10}, {0, 10}};
        const QPolygonF b{{5, 0}, {10, 0}, {10, 10}, {4, 10}, {7, 6}, {3, 4}};
        const QVector<int> sa = selectInPolygon(xy, a), sb = selectInPolygon(xy, b);
        std::set<int> all(sa.begin(), sa.end());
        for (int i : sb) QVERIFY2(all.insert(i).second, qPrintable(QStringLiteral("point %1 in both").arg(i)));
        std::set<int> square;
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 10; ++x) square.insert(y * 13 + x);
        QCOMPARE(all, square);
        // (4, 2) lies on the shared edge (5,0)-(3,4): it is in the piece to its right.
        QVERIFY(std::find(sb.begin(), sb.end(), 2 * 13 + 4) != sb.end());
        // The one-point routine agrees with the bucketed one.
        for (int i = 0; i < 13 * 13; ++i)
            QCOMPARE(pointInPolygon(a, xy[2 * i], xy[2 * i + 1]),
                     std::find(sa.begin(), sa.end(), i) != sa.end());
    }

    // Random concave star polygons against QPainterPath::contains (Qt's own, unrelated code),
    // for points not within 1e-4 of an edge, where the two may differ by rounding.
    void lassoAgainstPainterPath() {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(-1.2, 1.2), r(0.3, 1.0);
        QVector<float> xy;
        for (int i = 0; i < 20000; ++i) xy << float(u(rng)) << float(u(rng));
        for (int round = 0; round < 5; ++round) {
            QPolygonF star;
            const int k = 9 + 4 * round;
            for (int j = 0; j < k; ++j) {
                const double ang = 2 * M_PI * j / k, rad = r(rng);
                star << QPointF(rad * std::cos(ang), rad * std::sin(ang));
            }
            QPainterPath path;
            path.addPolygon(star);
            path.closeSubpath();
            path.setFillRule(Qt::OddEvenFill);
            const QVector<int> got = selectInPolygon(xy, star);
            const std::set<int> gotSet(got.begin(), got.end());
            int compared = 0, inside = 0;
            for (int i = 0; i < xy.size() / 2; ++i) {
                const QPointF p(xy[2 * i], xy[2 * i + 1]);
                double d = 1e9;
                for (int j = 0; j < k; ++j) d = std::min(d, distToSegment(p, star[j], star[(j + 1) % k]));
                if (d < 1e-4) continue;
                ++compared;
                const bool want = path.contains(p);
                inside += want;
                QVERIFY2(want == bool(gotSet.count(i)),
                         qPrintable(QStringLiteral("point (%1, %2)").arg(p.x()).arg(p.y())));
            }
            QVERIFY(compared > 19000);
            QVERIFY(inside > 1000);  // the polygons hold a real share of the points
        }
    }

    void rectIsClosedAndSkipsNonFinite() {
        QVector<float> xy = lattice(5);
        xy << std::nanf("") << 1.f << std::numeric_limits<float>::infinity() << 1.f;
        const QVector<int> got = selectInRect(xy, QRectF(QPointF(1, 1), QPointF(3, 2)));
        QCOMPARE(got, (QVector<int>{6, 7, 8, 11, 12, 13}));
        QPolygonF everything{{-100, -100}, {100, -100}, {100, 100}, {-100, 100}};
        QCOMPARE(selectInPolygon(xy, everything).size(), 25);
    }

    // The grid index finds the same point as a linear scan, and nothing beyond the radius.
    void hoverIndexMatchesLinearScan() {
        std::mt19937 rng(3);
        std::normal_distribution<float> g(0.f, 1.f);
        QVector<float> xy;
        for (int i = 0; i < 5000; ++i) xy << g(rng) * (i % 2 ? 5.f : 0.5f) << g(rng);
        const MapHoverIndex index(xy);
        QCOMPARE(index.finiteCount(), 5000);
        std::uniform_real_distribution<double> q(-6, 6);
        int found = 0;
        for (int t = 0; t < 2000; ++t) {
            const double x = q(rng), y = q(rng) / 2, radius = t % 2 ? 0.05 : 0.5;
            int best = -1;
            double bestD = radius;
            for (int i = 0; i < 5000; ++i) {
                const double d = std::hypot(xy[2 * i] - x, xy[2 * i + 1] - y);
                if (d < bestD || (d == bestD && best < 0)) bestD = d, best = i;
            }
            QCOMPARE(index.nearest(xy, x, y, radius), best);
            found += best >= 0;
        }
        QVERIFY(found > 200 && found < 1900);  // both outcomes were exercised
    }

    // Zoom keeps the world point under the cursor where it is; pan moves everything by the drag.
    void transformZoomAndPan() {
        MapTransform t;
        t.fit(QRectF(QPointF(-3, -1), QPointF(5, 2)), QSizeF(800, 600), 10);
        // Fitted: the box is inside the viewport and touches its margin on the limiting side.
        const QPointF tl = t.toScreen({-3, 2}), br = t.toScreen({5, -1});
        QVERIFY(tl.x() >= 10 - 1e-9 && br.x() <= 790 + 1e-9 && tl.y() >= 0 && br.y() <= 600);
        QVERIFY(std::abs(br.x() - tl.x() - 780) < 1e-9);
        const QPointF cursor(123.5, 456.25);
        const QPointF w = t.toWorld(cursor);
        for (double f : {1.7, 0.3, 12.0}) {
            t.zoomAt(cursor, f);
            const QPointF back = t.toScreen(w);
            QVERIFY(std::abs(back.x() - cursor.x()) < 1e-9 && std::abs(back.y() - cursor.y()) < 1e-9);
        }
        const QPointF before = t.toScreen({1, 1});
        t.panBy(17, -4);
        QCOMPARE(t.toScreen({1, 1}), before + QPointF(17, -4));
        // y grows upwards in the world.
        QVERIFY(t.toScreen({0, 1}).y() < t.toScreen({0, 0}).y());
    }

    // The same through the widget: a wheel turn keeps the point under the cursor.
    void wheelKeepsPointUnderCursor() {
        EmbeddingMapView view;
        view.resize(400, 300);
        QVERIFY(view.setPoints(latticePoints(10)));
        const QPointF cursor(150, 120);
        const QPointF w = view.transform().toWorld(cursor);
        const double before = view.transform().scale();
        QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(view.transform().scale() > 1.3 * before);  // two notches zoom in
        const QPointF back = view.transform().toScreen(w);
        QVERIFY(std::abs(back.x() - cursor.x()) < 1e-6 && std::abs(back.y() - cursor.y()) < 1e-6);
    }

    // Box mode by key, a drag with the mouse selects the points in the box; Shift adds,
    // Ctrl removes, Escape clears. Ids are not in point order.
    void boxSelectionByMouse() {
        EmbeddingMapView view;
        view.resize(400, 300);
        QVector<qint64> ids;
        for (int i = 0; i < 400; ++i) ids << (i * 7919) % 1009 + 1;  // distinct, unordered
        QVERIFY(view.setPoints(latticePoints(20, ids)));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setTransform(MapTransform(10, 50, 250));  // sx = 50 + 10x, sy = 250 - 10y
        QSignalSpy spy(&view, &EmbeddingMapView::selectionChanged);
        QTest::keyClick(&view, Qt::Key_B);
        QCOMPARE(view.mode(), EmbeddingMapView::Mode::Box);
        auto drag = [&view](QPoint from, QPoint to, Qt::KeyboardModifiers mods) {
            QTest::mousePress(&view, Qt::LeftButton, mods, from);
            QTest::mouseMove(&view, (from + to) / 2);
            QTest::mouseMove(&view, to);
            QTest::mouseRelease(&view, Qt::LeftButton, mods, to);
        };
        auto idsIn = [&ids](int x0, int x1, int y0, int y1) {
            std::set<qint64> s;
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) s.insert(ids[y * 20 + x]);
            return s;
        };
        // World x 4.5..11.5, y 4.5..11.5 → lattice 5..11 both ways.
        drag({95, 205}, {165, 135}, Qt::NoModifier);
        QCOMPARE(spy.count(), 1);
        const auto first = spy.takeFirst().at(0).value<QVector<qint64>>();
        QCOMPARE(first.size(), 49);
        QCOMPARE(idSet(first), idsIn(5, 11, 5, 11));
        QCOMPARE(idSet(view.selectedIds()), idsIn(5, 11, 5, 11));
        // Shift adds x 12..13, y 5..6.
        drag({165, 205}, {185, 185}, Qt::ShiftModifier);
        std::set<qint64> want = idsIn(5, 11, 5, 11);
        for (qint64 id : idsIn(12, 13, 5, 6)) want.insert(id);
        QCOMPARE(idSet(view.selectedIds()), want);
        // Ctrl removes x 5..6, y 5..11.
        drag({95, 205}, {115, 135}, Qt::ControlModifier);
        for (qint64 id : idsIn(5, 6, 5, 11)) want.erase(id);
        QCOMPARE(idSet(view.selectedIds()), want);
        QCOMPARE(spy.count(), 2);
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(view.selectedIds().isEmpty());
        QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(view.selectedIds().size(), 400);
    }

    // Lasso mode: a freehand concave path selects exactly the lattice points inside it.
    void lassoSelectionByMouse() {
        EmbeddingMapView view;
        view.resize(400, 300);
        QVERIFY(view.setPoints(latticePoints(20)));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setTransform(MapTransform(10, 50, 250));
        view.setMode(EmbeddingMapView::Mode::Lasso);
        // World "L": (2.5,2.5) (9.5,2.5) (9.5,4.5) (4.5,4.5) (4.5,9.5) (2.5,9.5).
        const QList<QPoint> path{{75, 225}, {145, 225}, {145, 205}, {95, 205}, {95, 155}, {75, 155}};
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, path[0]);
        for (int i = 1; i < path.size(); ++i) QTest::mouseMove(&view, path[i]);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, path.last());
        std::set<qint64> want;
        for (int y = 3; y <= 9; ++y)
            for (int x = 3; x <= 9; ++x)
                if (y <= 4 || x <= 4) want.insert(1000 + y * 20 + x);
        QCOMPARE(idSet(view.selectedIds()), want);  // 7*2 + 2*5 = 24 points
        QCOMPARE(int(want.size()), 24);
    }

    // Hover reports the nearest point within the radius, -1 away from points; the owner's
    // thumbnail appears beside the cursor.
    void hoverReportsNearestAndShowsThumbnail() {
        EmbeddingMapView view;
        view.resize(400, 300);
        MapPoints m;
        m.xy = {0.f, 0.f, 1.f, 0.f, 1.f, 1.f};
        m.sampleIds = {11, 22, 33};
        QVERIFY(view.setPoints(m));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setTransform(MapTransform(100, 100, 200));  // (0,0)→(100,200), (1,0)→(200,200), (1,1)→(200,100)
        QSignalSpy spy(&view, &EmbeddingMapView::hovered);
        QPixmap red(40, 40);
        red.fill(Qt::red);
        connect(&view, &EmbeddingMapView::hovered, &view, [&view, &red](qint64 id) {
            if (id >= 0) view.setHoverThumbnail(id, red, QStringLiteral("x"));
        });
        QTest::mouseMove(&view, QPoint(196, 197));  // 5 px from (200,200), 97 from others
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.last().at(0).toLongLong(), qint64(22));
        QCOMPARE(view.hoveredId(), qint64(22));
        const QImage shot = view.grab().toImage();
        // The thumbnail box starts 16 px right/below the cursor, the picture 6 px inside it.
        QCOMPARE(shot.pixelColor(196 + 16 + 6 + 20, 197 + 16 + 6 + 20), QColor(Qt::red));
        QTest::mouseMove(&view, QPoint(150, 150));  // 70 px from every point
        QCOMPARE(spy.last().at(0).toLongLong(), qint64(-1));
        QTest::mouseMove(&view, QPoint(103, 197));
        QCOMPARE(spy.last().at(0).toLongLong(), qint64(11));
        QCOMPARE(view.pointAt(QPointF(199, 104)), 2);
        QCOMPARE(view.pointAt(QPointF(199, 120)), -1);
    }

    // A new colouring changes the pixels and the legend but keeps the view, the selection and
    // the highlight; a colouring of another size is refused and changes nothing.
    void recolouringKeepsTheRest() {
        EmbeddingMapView view;
        view.resize(400, 300);
        MapPoints m;
        m.xy = {0.f, 0.f, 1.f, 0.f, 2.f, 0.f};
        m.sampleIds = {1, 2, 3};
        m.category = {0, 0, 0};
        m.categoryNames = {QStringLiteral("all")};
        m.categoryColors = {QColor(200, 10, 10)};
        QVERIFY(view.setPoints(m));
        view.setPointSize(3);
        view.setTransform(MapTransform(80, 100.5, 200.5));
        view.setSelectedIds({2});
        view.setHighlighted({3});
        MapPoints c;
        c.category = {1, 0, -1};
        c.categoryNames = {QStringLiteral("a"), QStringLiteral("b")};
        c.categoryColors = {QColor(10, 10, 200), QColor(10, 160, 20)};
        c.categoryTitle = QStringLiteral("New");
        QVERIFY(view.setColouring(c));
        QCOMPARE(view.legendLines(), (QStringList{"New", "a (1)", "b (1)", "(none) (1)"}));
        QCOMPARE(view.selectedIds(), (QVector<qint64>{2}));
        QCOMPARE(view.highlightedIds(), (QVector<qint64>{3}));
        QCOMPARE(view.transform().toScreen(QPointF(1, 0)), QPointF(180.5, 200.5));
        QCOMPARE(view.points().xy, m.xy);
        const QImage shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(180, 200), QColor(10, 10, 200));  // the selected point, now "a"
        QCOMPARE(view.pointAt(QPointF(180, 200)), 1);

        MapPoints wrong;
        wrong.category = {0, 1};
        QString error;
        QVERIFY(!view.setColouring(wrong, &error));
        QVERIFY2(error.contains(QStringLiteral("2")) && error.contains(QStringLiteral("3")), qPrintable(error));
        QCOMPARE(view.legendLines().value(0), QStringLiteral("New"));
        // Values and no categories: drawn as the ramp (title, max, min).
        MapPoints ramp;
        ramp.value = {0.5f, 3.0f, -1.0f};
        ramp.valueTitle = QStringLiteral("Score");
        QVERIFY(view.setColouring(ramp));
        QCOMPARE(view.colourBy(), EmbeddingMapView::ColourBy::Value);
        QCOMPARE(view.legendLines().value(0), QStringLiteral("Score"));
        QCOMPARE(view.grab().toImage().pixelColor(180, 200), QColor::fromRgb(rampColour(1.0)));
        QVERIFY(view.setColouring(c));
        QCOMPARE(view.colourBy(), EmbeddingMapView::ColourBy::Category);
    }

    // Colour by category paints a point's pixels in its category's colour; by value, the
    // largest value takes the ramp's top colour and the smallest its bottom.
    void coloursInThePicture() {
        EmbeddingMapView view;
        view.resize(400, 300);
        MapPoints m;
        m.xy = {0.f, 0.f, 1.f, 0.f, 2.f, 0.f};
        m.sampleIds = {1, 2, 3};
        m.category = {0, 1, -1};
        m.categoryNames = {QStringLiteral("cat"), QStringLiteral("dog")};
        m.categoryColors = {QColor(200, 10, 10), QColor(10, 160, 20)};
        m.value = {0.5f, 3.0f, -1.0f};
        QVERIFY(view.setPoints(m));
        view.setPointSize(3);
        view.setTransform(MapTransform(80, 100.5, 200.5));  // points at x 100.5, 180.5, 260.5; y 200.5
        QImage shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(100, 200), QColor(200, 10, 10));
        QCOMPARE(shot.pixelColor(101, 201), QColor(200, 10, 10));  // 3x3 square
        QCOMPARE(shot.pixelColor(180, 200), QColor(10, 160, 20));
        QCOMPARE(shot.pixelColor(260, 200), QColor::fromRgb(noneColour()));
        QCOMPARE(shot.pixelColor(140, 200), QColor::fromRgb(0xfffcfcfc));  // background between
        QCOMPARE(view.legendLines(), (QStringList{"Category", "cat (1)", "dog (1)", "(none) (1)"}));

        view.setColourBy(EmbeddingMapView::ColourBy::Value);
        shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(180, 200), QColor::fromRgb(rampColour(1.0)));
        QCOMPARE(shot.pixelColor(260, 200), QColor::fromRgb(rampColour(0.0)));
        QCOMPARE(rampColour(1.0), qRgb(253, 231, 37));
        QCOMPARE(view.legendLines().size(), 3);

        // Highlighted points get a dark outline one pixel outside the enlarged point.
        view.setColourBy(EmbeddingMapView::ColourBy::Category);
        view.setHighlighted({2});
        shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(180, 200), QColor(10, 160, 20));
        QCOMPARE(shot.pixelColor(177, 200), QColor(0x20, 0x20, 0x20));
        QCOMPARE(shot.pixelColor(97, 200), QColor::fromRgb(0xfffcfcfc));
        QCOMPARE(view.highlightedIds(), (QVector<qint64>{2}));
    }

    // The raster (cached cells, scanline writes, only the cells in view) equals a reference
    // drawn with QPainter one square per point, zoomed in so most points lie outside the view.
    void rasterMatchesPainterReference() {
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> u(-10.f, 10.f);
        MapPoints m;
        for (int i = 0; i < 40000; ++i) {
            m.xy << u(rng) << u(rng);
            m.sampleIds << i;
        }
        EmbeddingMapView view;
        view.resize(300, 200);
        QVERIFY(view.setPoints(m));
        for (int size : {1, 2, 3}) {
            view.setPointSize(size);
            view.setRasterThreads(size);  // 1, 2 and 3 bands
            for (const MapTransform& t : {MapTransform(15.3, 150.2, 100.7), MapTransform(61.0, -200.4, 300.1),
                                          MapTransform(7.7, 160.0, 90.0)}) {
                view.setTransform(t);
                QImage ref(view.size(), QImage::Format_RGB32);
                ref.fill(0xfffcfcfc);
                {
                    QPainter p(&ref);
                    const QColor c = QColor::fromRgb(noneColour());
                    for (int i = 0; i < m.size(); ++i) {
                        const QPointF s = t.toScreen(QPointF(m.x(i), m.y(i)));
                        const int x = int(std::floor(s.x())) - (size - 1) / 2, y = int(std::floor(s.y())) - (size - 1) / 2;
                        p.fillRect(QRect(x, y, size, size), c);
                    }
                }
                const QImage got = view.raster();
                QCOMPARE(got.size(), ref.size());
                int differ = 0, coloured = 0;
                for (int y = 0; y < ref.height(); ++y)
                    for (int x = 0; x < ref.width(); ++x) {
                        differ += got.pixel(x, y) != ref.pixel(x, y);
                        coloured += ref.pixel(x, y) != 0xfffcfcfc;
                    }
                QCOMPARE(differ, 0);
                QVERIFY(coloured > 500);
            }
        }
    }

    // Bands drawn by several threads give the very same picture as one thread, with
    // overlapping points of many colours, a selection (two passes) and large points.
    void threadedBandsEqualOneThread() {
        std::mt19937 rng(5);
        std::normal_distribution<float> g(0.f, 3.f);
        MapPoints m;
        for (int i = 0; i < 60000; ++i) {
            m.xy << g(rng) << g(rng);
            m.sampleIds << i;
            m.category << i % 7;
        }
        EmbeddingMapView view;
        view.resize(320, 240);
        QVERIFY(view.setPoints(m));
        QVector<qint64> sel;
        for (int i = 0; i < 60000; i += 3) sel << i;
        for (int pass = 0; pass < 2; ++pass) {
            for (int size : {2, 5}) {
                view.setPointSize(size);
                view.setTransform(MapTransform(23.7, 170.3, 110.9));
                view.setRasterThreads(1);
                const QImage one = view.raster().copy();
                for (int threads : {2, 3, 4}) {
                    view.setRasterThreads(threads);
                    QCOMPARE(view.raster(), one);
                }
            }
            view.setSelectedIds(sel);
        }
    }

    // Arrays that disagree are refused with a message naming the counts; nothing is drawn.
    void refusesInconsistentArrays() {
        EmbeddingMapView view;
        MapPoints m;
        m.xy = {0.f, 0.f, 1.f};
        m.sampleIds = {1, 2};
        QString error;
        QVERIFY(!view.setPoints(m, &error));
        QVERIFY2(error.contains(QLatin1String("3")) && error.contains(QLatin1String("2")), qPrintable(error));
        QCOMPARE(view.points().size(), 0);
        m.xy << 1.f;
        m.category = {0};
        QVERIFY(!view.setPoints(m, &error));
        QVERIFY(error.contains(QLatin1String("category")));
        m.category.clear();
        QVERIFY(view.setPoints(m, &error));
        QCOMPARE(view.points().size(), 2);
    }

    // F fits everything into view after the user moved away.
    void fitKeyShowsAllPoints() {
        EmbeddingMapView view;
        view.resize(400, 300);
        QVERIFY(view.setPoints(latticePoints(10)));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::keyClick(&view, Qt::Key_Plus);
        QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(view.transform().toScreen({0, 0}).x() < 0 || view.transform().toScreen({9, 9}).x() > 400);
        QTest::keyClick(&view, Qt::Key_F);
        for (QPointF w : {QPointF(0, 0), QPointF(9, 9)}) {
            const QPointF s = view.transform().toScreen(w);
            QVERIFY(s.x() >= 0 && s.x() < 400 && s.y() >= 0 && s.y() < 300);
        }
        QVERIFY(!EmbeddingMapView::keyHelpText().isEmpty());
    }
};

QTEST_MAIN(TestEmbeddingMapView)
#include "tst_embedding_map_view.moc"
