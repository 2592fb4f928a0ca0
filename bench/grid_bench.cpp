// Grid benchmark: builds (once) a project of N array-backed samples with direct SQL inserts,
// then measures, like the app does it, (1) open + load the sample table on a worker thread +
// swap the model in + first paint of the grid, (2) until every thumbnail of the first screen
// is decoded and painted, and (3) paint time of the viewport while scrolling through the
// whole grid. Run offscreen: QT_QPA_PLATFORM=offscreen build/bench/grid_bench [options].
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScrollBar>
#include <QtTest/QTest>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>

#include "bench/array_project.h"
#include "widgets/job_runner.h"
#include "widgets/project_loader.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/thumbnail_cache.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 16;  // array records are 16x16 grey: 256 bytes each

void buildProject(const fs::path& file, int64_t n) {
    std::printf("building %lld-sample project at %s\n", (long long)n, file.c_str());
    QElapsedTimer t;
    t.start();
    std::mt19937 rng(1);
    bench::buildArrayProject(
        file, n, kSide, 10,
        [](int64_t i, char* rec) {
            // A diagonal gradient whose phase depends on the record: tiles look different.
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x) rec[y * kSide + x] = char((x * 13 + y * 7 + i * 29) & 0xff);
        },
        [&](int64_t) {
            bench::ArrayRow r;
            r.split = rng() % 10 < 8 ? 0 : (rng() % 2 ? 1 : 2);
            r.label = int(rng() % 10);
            r.status = rng() % 1000 == 0 ? 1 : 0;
            return r;
        });
    std::printf("built in %.1f s\n", t.elapsed() / 1000.0);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"rows", "samples in the project", "n", "1000000"});
    p.addOption({"project", "project file (built when missing)", "file",
                 "/tmp/winnow-grid-bench/grid-1m.winnow"});
    p.addOption({"steps", "scroll positions sampled", "n", "400"});
    p.addOption({"list-mode", "compare: a wrapping QListView::ListMode instead of IconMode"});
    p.process(app);
    const fs::path file = p.value("project").toStdString();
    if (!fs::exists(file)) {
        fs::create_directories(file.parent_path());
        buildProject(file, p.value("rows").toLongLong());
    }

    QElapsedTimer clock;
    clock.start();
    // (1) What MainWindow::openProject does: a worker reads a preview of the first rows and
    // then the whole table; each is swapped into the model on the GUI thread.
    widgets::JobRunner jobs;
    widgets::SampleGridModel model;
    widgets::ThumbnailCache cache(file, 96);
    model.setThumbnailCache(&cache);
    widgets::SampleGridView view(96);
    if (p.isSet("list-mode")) {
        view.setViewMode(QListView::ListMode);
        view.setFlow(QListView::LeftToRight);
        view.setWrapping(true);
        view.setResizeMode(QListView::Adjust);
    }
    view.setGridModel(&model);
    view.resize(1000, 700);
    view.show();
    auto firstScreenReady = [&] {
        for (int r = 0; r < 60 && r < model.rowCount(); ++r) {
            const QRect vr = view.visualRect(model.index(r));
            if (!view.viewport()->rect().intersects(vr)) continue;
            if (cache.lookup(model.sampleIdAt(r)).isNull()) return false;
        }
        return true;
    };
    double tPreviewPaint = -1, tPreviewThumbs = -1, tFullPaint = -1;
    bool loaded = false;
    widgets::startProjectLoad(
        jobs, file,
        [&](const widgets::LoadedTable& preview) {
            model.setTable(preview.table, preview.classNames);
            view.viewport()->repaint();
            tPreviewPaint = clock.nsecsElapsed() / 1e6;
        },
        [&](const widgets::LoadedTable& full) {
            model.setTable(full.table, full.classNames);
            QCoreApplication::processEvents();
            view.viewport()->repaint();
            tFullPaint = clock.nsecsElapsed() / 1e6;
            loaded = true;
        },
        [&](const widgets::JobResult& r) { qFatal("open failed: %s", qPrintable(r.error)); });
    while (!loaded) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        if (tPreviewPaint >= 0 && tPreviewThumbs < 0 && firstScreenReady()) {
            view.viewport()->repaint();
            tPreviewThumbs = clock.nsecsElapsed() / 1e6;
        }
    }
    while (!firstScreenReady()) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (tPreviewThumbs < 0) tPreviewThumbs = clock.nsecsElapsed() / 1e6;
    std::printf("rows %d  first-screen painted %.0f ms  with thumbnails %.0f ms  "
                "full table swapped in and painted %.0f ms\n",
                model.rowCount(), tPreviewPaint, tPreviewThumbs, tFullPaint);

    // Let the batched layout finish: done when the last row can be scrolled into view.
    const QModelIndex lastIndex = model.index(model.rowCount() - 1);
    while (true) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        view.scrollTo(lastIndex);
        if (view.viewport()->rect().intersects(view.visualRect(lastIndex))) break;
        if (clock.elapsed() > 300000) qFatal("layout did not finish in 300 s");
    }
    view.verticalScrollBar()->setValue(0);
    std::printf("layout complete after %.0f ms, scroll range %d px\n",
                (clock.nsecsElapsed() / 1e6), view.verticalScrollBar()->maximum());

    // (3) Scroll: jump through the whole range (cold thumbnails), then page by page (warm).
    auto scrollPaint = [&](const std::vector<int>& positions) {
        std::vector<double> ms;
        QScrollBar* bar = view.verticalScrollBar();
        for (int pos : positions) {
            QElapsedTimer t;
            t.start();
            bar->setValue(pos);
            view.viewport()->repaint();
            ms.push_back(t.nsecsElapsed() / 1e6);
            QCoreApplication::processEvents();  // deliver thumbnails as the app would
        }
        return ms;
    };
    const int steps = p.value("steps").toInt();
    const int maxPos = view.verticalScrollBar()->maximum();
    std::vector<int> jumps, pages;
    for (int i = 0; i < steps; ++i) jumps.push_back(int(int64_t(maxPos) * i / std::max(1, steps - 1)));
    const int page = view.viewport()->height() / 4;
    for (int i = 0; i < steps; ++i) pages.push_back(std::min(maxPos, maxPos / 2 + i * page));
    const auto jumpMs = scrollPaint(jumps);
    const auto pageMs = scrollPaint(pages);
    std::printf("scroll-jumps  paint median %.2f ms  p95 %.2f ms  max %.2f ms (%d positions)\n",
                percentile(jumpMs, 0.5), percentile(jumpMs, 0.95), percentile(jumpMs, 1.0), steps);
    std::printf("scroll-pages  paint median %.2f ms  p95 %.2f ms  max %.2f ms (%d steps of %d px)\n",
                percentile(pageMs, 0.5), percentile(pageMs, 0.95), percentile(pageMs, 1.0), steps,
                page);
    std::printf("thumbnail memory %.1f MB in %d images\n", cache.memoryBytes() / 1048576.0,
                cache.memoryCount());
    return 0;
}
