// Embedding-map redraw benchmark (issue 14: < 16 ms per frame, median, at 1M points).
// Builds N clustered random points (10 categories), shows the map at 1600x1000 and times, for a
// sequence of pan and zoom steps, (a) the full repaint of the widget (raster rebuilt for the new
// view + legend and overlays) and (b) the raster alone; then the same with a 10% selection and
// highlighted neighbours; then hover look-ups and a lasso selection over all points.
// Run offscreen: QT_QPA_PLATFORM=offscreen build/bench/map_redraw_bench [--points N] [--steps S]
// [--threads T]
#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/map_selection.h"

using namespace winnow::widgets;

namespace {

struct Stats {
    double median, p90;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.9)};
}

MapPoints clustered(int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> centre(-50.f, 50.f), spread(0.5f, 6.f);
    std::normal_distribution<float> g(0.f, 1.f);
    constexpr int kClusters = 30;
    std::vector<std::array<float, 3>> c(kClusters);
    for (auto& k : c) k = {centre(rng), centre(rng), spread(rng)};
    MapPoints m;
    m.xy.resize(2 * qsizetype(n));
    m.sampleIds.resize(n);
    m.category.resize(n);
    m.value.resize(n);
    for (int i = 0; i < n; ++i) {
        const int k = int(rng() % kClusters);
        m.xy[2 * i] = c[k][0] + g(rng) * c[k][2];
        m.xy[2 * i + 1] = c[k][1] + g(rng) * c[k][2];
        m.sampleIds[i] = i + 1;
        m.category[i] = k % 10;
        m.value[i] = std::abs(g(rng));
    }
    for (int k = 0; k < 10; ++k) m.categoryNames << QStringLiteral("class %1").arg(k);
    m.categoryTitle = QStringLiteral("Label");
    return m;
}

// Pan and zoom steps like a user exploring: zoom in towards a cluster, pan around, zoom out.
std::vector<MapTransform> viewSequence(MapTransform t, int steps) {
    std::vector<MapTransform> out;
    for (int s = 0; s < steps; ++s) {
        const int phase = (s / 20) % 3;
        if (phase == 0) t.zoomAt(QPointF(900, 420), 1.12);
        else if (phase == 1) t.panBy(23.0, -14.0);
        else t.zoomAt(QPointF(700, 560), 1 / 1.12);
        out.push_back(t);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    int n = 1000000, steps = 120, threads = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--points")) n = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--steps")) steps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[++i]);
    }
    std::printf("points %d, steps %d, raster threads %d (0: auto, %d here), view 1600x1000\n", n, steps,
                threads, std::clamp(QThread::idealThreadCount(), 1, 4));
    MapPoints pts = clustered(n, 42);
    EmbeddingMapView view;
    view.setRasterThreads(threads);
    view.resize(1600, 1000);
    view.show();
    QApplication::processEvents();
    QElapsedTimer t;
    t.start();
    view.setPoints(pts);
    std::printf("setPoints (hover index, colours, id order): %.1f ms\n", t.nsecsElapsed() / 1e6);
    std::printf("point size %d px\n", view.pointSize());
    const MapTransform fitted = view.transform();
    std::vector<MapTransform> views = viewSequence(fitted, steps);
    // The worst case: everything in view (the fitted view, panned a pixel at a time).
    std::vector<MapTransform> whole;
    for (int s = 0; s < 40; ++s) {
        MapTransform v = fitted;
        v.panBy(s % 2 ? 1.0 : -1.0, s % 3 - 1.0);
        whole.push_back(v);
    }

    auto run = [&](const char* what) {
        std::vector<double> paint, raster;
        for (const MapTransform& v : views) {
            view.setTransform(v);
            t.restart();
            view.repaint();
            paint.push_back(t.nsecsElapsed() / 1e6);
        }
        for (const MapTransform& v : views) {
            view.setTransform(v);
            t.restart();
            (void)view.raster();
            raster.push_back(t.nsecsElapsed() / 1e6);
        }
        const Stats p = stats(paint), r = stats(raster);
        std::printf("%-28s full repaint median %.2f ms p90 %.2f ms | raster only median %.2f ms p90 %.2f ms\n",
                    what, p.median, p.p90, r.median, r.p90);
    };
    std::swap(views, whole);
    run("fit view, by category:");
    std::swap(views, whole);
    run("by category:");
    view.setColourBy(EmbeddingMapView::ColourBy::Value);
    run("by value:");
    view.setColourBy(EmbeddingMapView::ColourBy::Category);
    QVector<qint64> sel, hi;
    for (int i = 0; i < n; i += 10) sel << i + 1;
    for (int i = 0; i < 10; ++i) hi << i * 997 + 1;
    view.setSelectedIds(sel);
    view.setHighlighted(hi);
    run("10% selected + highlight:");

    view.fitAll();
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> ux(0, 1600), uy(0, 1000);
    std::vector<double> hover;
    int hits = 0;
    for (int i = 0; i < 2000; ++i) {
        const QPointF p(ux(rng), uy(rng));
        t.restart();
        hits += view.pointAt(p) >= 0;
        hover.push_back(t.nsecsElapsed() / 1e6);
    }
    const Stats h = stats(hover);
    std::printf("hover look-up (fit view, 6 px): median %.4f ms p90 %.4f ms, %d of 2000 hit a point\n", h.median,
                h.p90, hits);
    QPolygonF lasso;
    for (int k = 0; k < 400; ++k) {
        const double a = 2 * M_PI * k / 400, r = 30 + 12 * std::sin(5 * a);
        lasso << QPointF(r * std::cos(a), r * std::sin(a));
    }
    t.restart();
    const QVector<int> inside = selectInPolygon(pts.xy, lasso);
    std::printf("lasso of 400 vertices over %d points: %.1f ms, %lld inside\n", n, t.nsecsElapsed() / 1e6,
                (long long)inside.size());
    // Recolouring (the map dock's colour switch): only the colours vs all points anew.
    MapPoints recolour;
    recolour.category = pts.category;
    for (qint32& c : recolour.category) c = (c + 3) % 10;
    recolour.categoryNames = pts.categoryNames;
    std::vector<double> swap, anew;
    for (int k = 0; k < 5; ++k) {
        t.restart();
        view.setColouring(recolour);
        swap.push_back(t.nsecsElapsed() / 1e6);
        t.restart();
        view.setPoints(pts);
        anew.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("recolour %d points: setColouring median %.1f ms, setPoints median %.1f ms (5 each)\n", n,
                stats(swap).median, stats(anew).median);
    return 0;
}
