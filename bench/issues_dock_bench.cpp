// The Issues dock at a million samples (issue 14; bench/issues_dock.sh). Builds once a project of
// N 16x16 grey array records in 1,000 clusters (class = cluster mod 10, 10% of the labels flipped
// with the truth kept, so the dock shows self-test precision/recall; 20% in the test split;
// 1,000 uniform-noise outliers, 500 exact and 500 near copies put in the test split: leakage;
// 100 darkened images) and stores the real scan on it (core::runCuration with the thumbnail
// features, then storeCuration), timed. Then, like the app, it opens the dock on the project and
// times: the newest result read on the worker until shown, the longest the GUI thread was busy
// meanwhile, the near-duplicate slider's live recount, the quality histogram's property switch
// and cut move, "More like this", and reading each issue type's review queue.
// Usage: QT_QPA_PLATFORM=offscreen issues_dock_bench [--rows N] [--project FILE]. Figures only.
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QTimer>
#include <QTreeWidget>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

#include "bench/array_project.h"
#include "core/curation/curation.h"
#include "widgets/curation/curation_review_data.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/curation/quality_section.h"
#include "widgets/job_runner.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 16, kClusters = 1000, kOutliers = 1000, kCopies = 500, kDark = 100;

// Rows [0, kOutliers) are outliers; the last 2 x kCopies rows copy rows from kOutliers on,
// exactly then nearly; the kDark rows after the copied ones are darkened.
void buildProject(const fs::path& file, int64_t n) {
    std::printf("building %lld-sample project at %s\n", (long long)n, file.c_str());
    QElapsedTimer t;
    t.start();
    std::mt19937_64 rng(2026);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<std::array<float, kSide * kSide>> centre(kClusters);
    for (auto& c : centre) {  // two random plane waves: smooth, distinct patterns
        const float f1 = 0.2f + 0.8f * u(rng), f2 = 0.2f + 0.8f * u(rng), a = 6.3f * u(rng), b = 6.3f * u(rng);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                c[size_t(y * kSide + x)] = 128 + 60 * std::cos(f1 * float(x) + a) + 50 * std::sin(f2 * float(y) + b);
    }
    std::vector<int32_t> cluster(static_cast<size_t>(n));
    for (auto& c : cluster) c = int32_t(rng() % kClusters);
    std::vector<std::vector<char>> kept(2 * kCopies);  // the copied originals
    std::normal_distribution<float> g(0.0f, 10.0f);
    const int64_t firstCopy = n - 2 * kCopies;
    auto record = [&](int64_t i, char* rec) {
        const size_t m = size_t(kSide * kSide);
        if (i >= firstCopy) {
            const auto& src = kept[size_t(i - firstCopy)];
            for (size_t k = 0; k < m; ++k)
                rec[k] = i - firstCopy < kCopies ? src[k] : char(std::clamp(int(uint8_t(src[k])) + int(rng() % 3) - 1, 0, 255));
            return;
        }
        const auto& c = centre[size_t(cluster[size_t(i)])];
        for (size_t k = 0; k < m; ++k) {
            float v = i < kOutliers ? 255 * u(rng) : c[k] + g(rng);
            if (i >= kOutliers + 2 * kCopies && i < kOutliers + 2 * kCopies + kDark) v *= 0.08f;
            rec[k] = char(std::clamp(int(v), 0, 255));
        }
        if (i >= kOutliers && i < kOutliers + 2 * kCopies) kept[size_t(i - kOutliers)].assign(rec, rec + m);
    };
    std::mt19937 rowRng(7);
    auto row = [&](int64_t i) {
        bench::ArrayRow r;
        const int64_t source = i >= firstCopy ? kOutliers + (i - firstCopy) : i;
        const int truth = cluster[size_t(source)] % 10;
        r.split = i >= firstCopy ? 2 : (rowRng() % 10 < 8 ? 0 : 2);
        r.originalLabel = truth;
        r.label = rowRng() % 10 == 0 ? int((truth + 1 + rowRng() % 9) % 10) : truth;
        if (i >= firstCopy) r.label = truth;  // copies carry the true label
        return r;
    };
    bench::buildArrayProject(file, n, kSide, 10, record, row);
    std::printf("built in %.1f s\n", t.elapsed() / 1000.0);

    auto project = core::Project::open(file);
    t.restart();
    core::CurationOptions o;
    core::CurationResult r = core::runCuration(*project, o);
    const double scan = t.elapsed() / 1000.0;
    t.restart();
    core::storeCuration(*project, r);
    std::printf("runCuration (scan, thumbnail features, neighbour graph, every issue type) %.1f s, store %.1f s; "
                "%s, recall@10 %.3f, %zu issue rows\n",
                scan, t.elapsed() / 1000.0, r.graph.method.c_str(), r.graph.recall, r.issues.size());
}

struct Stats {
    double median, max;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v.empty() ? 0 : v[v.size() / 2], v.empty() ? 0 : v.back()};
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"rows", "samples in the project", "n", "1000000"});
    p.addOption({"project", "project file (built and scanned when missing)", "file",
                 "/tmp/winnow-issues-bench/issues-1m.winnow"});
    p.process(app);
    const fs::path file = p.value("project").toStdString();
    if (!fs::exists(file)) {
        fs::create_directories(file.parent_path());
        buildProject(file, p.value("rows").toLongLong());
    }

    widgets::JobRunner runner;
    widgets::IssuesPanel panel(&runner);
    panel.resize(420, 1000);
    panel.show();
    QCoreApplication::processEvents();

    // (1) Open: the snapshot is read on a worker; a 1 ms timer measures the GUI thread's longest
    // busy stretch meanwhile (the snapshot applied, the issue list and histograms filled).
    QElapsedTimer clock, gap;
    double longestBusy = 0;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        longestBusy = std::max(longestBusy, gap.nsecsElapsed() / 1e6);
        gap.restart();
    });
    bool loaded = false;
    QObject::connect(&panel, &widgets::IssuesPanel::loaded, [&] { loaded = true; });
    clock.start();
    gap.start();
    tick.start();
    panel.setProject(file);
    const double setProjectMs = clock.nsecsElapsed() / 1e6;
    while (!loaded) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const double loadedMs = clock.nsecsElapsed() / 1e6;
    for (int i = 0; i < 20; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    tick.stop();
    if (!panel.result()) qFatal("no stored result in %s", file.c_str());
    std::printf("open: setProject %.1f ms, result shown after %.0f ms, GUI thread longest busy %.1f ms\n", setProjectMs,
                loadedMs, longestBusy);
    std::printf("summary: %s\n", qPrintable(panel.summaryText()));

    // (2) Issue types with their counts (and self-test precision/recall), and each one's review
    // queue read as the review window reads it (on its worker).
    QTreeWidget* list = panel.issueList();
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const auto* item = list->topLevelItem(i);
        const QString type = item->data(0, Qt::UserRole).toString();
        QElapsedTimer t;
        t.start();
        const auto data = widgets::loadCurationReviewData(file, panel.result()->id, type);
        std::printf("  %-26s %9s  P %-6s R %-6s  queue read %7.1f ms (%lld rows)\n", qPrintable(type),
                    qPrintable(item->text(1)), qPrintable(item->text(2)), qPrintable(item->text(3)),
                    t.nsecsElapsed() / 1e6, data ? (long long)data->n : 0LL);
    }

    // (3) The near-duplicate slider: each move recounts the groups live on the GUI thread.
    std::vector<double> slider;
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer t;
        t.start();
        panel.setSliderThreshold(0.0005 + 0.0025 * i);
        slider.push_back(t.nsecsElapsed() / 1e6);
    }
    const Stats s = stats(slider);
    std::printf("slider move (live groups): median %.1f ms, max %.1f ms (21 moves); at 0.05: %s\n", s.median, s.max,
                qPrintable(panel.liveText()));

    // (4) Quality histogram: switching the property rebuilds it over every scanned sample; a cut
    // move recounts the samples beyond it.
    widgets::QualitySection* q = panel.qualitySection();
    std::vector<double> propertyMs, cutMs;
    for (int i = 0; i < q->propertyChoice()->count(); ++i) {
        QElapsedTimer t;
        t.start();
        q->propertyChoice()->setCurrentIndex(i);
        QCoreApplication::processEvents();
        propertyMs.push_back(t.nsecsElapsed() / 1e6);
        const double lo = q->cutBox()->minimum(), hi = q->cutBox()->maximum();
        for (int c = 1; c <= 5; ++c) {
            t.restart();
            q->cutBox()->setValue(lo + (hi - lo) * c / 6.0);
            cutMs.push_back(t.nsecsElapsed() / 1e6);
        }
    }
    const Stats ps = stats(propertyMs), cs = stats(cutMs);
    std::printf("quality: property switch median %.1f ms, max %.1f ms (%zu properties); cut move median %.1f ms, max %.1f "
                "ms (%zu moves)\n",
                ps.median, ps.max, propertyMs.size(), cs.median, cs.max, cutMs.size());

    // (5) More like this: the stored neighbours of a sample.
    std::vector<double> similar;
    std::mt19937 rng(3);
    const qint64 rows = p.value("rows").toLongLong();
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer t;
        t.start();
        if (!panel.showMoreLikeThis(1 + qint64(rng() % uint32_t(rows)))) qFatal("More like this failed");
        similar.push_back(t.nsecsElapsed() / 1e6);
    }
    const Stats ms = stats(similar);
    std::printf("more like this: median %.2f ms, max %.2f ms (21 samples)\n", ms.median, ms.max);
    return 0;
}
