// Influence dashboard responsiveness (bench/review_dashboard.sh): building the dashboard over
// n samples x K classes and moving one class's cut (re-threshold, redraw that class, live
// counts). Prints figures only. Moved out of tests/: a timing is a benchmark, not a test.
#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <vector>

#include "widgets/review/influence_dashboard.h"
#include "widgets/review/review_data.h"

using namespace winnow::widgets;

class ReviewDashboardBench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Opt-in timing (WINNOW_DASHBOARD_BENCH=n, WINNOW_DASHBOARD_BENCH_CLASSES=K, default 10):
    // building the dashboard over n samples x K classes and moving one class's cut (re-threshold, redraw that class, live counts).
    // Prints figures only; nothing here asserts on time.
    void cutMoveTiming() {
        const int64_t n = qEnvironmentVariableIntValue("WINNOW_DASHBOARD_BENCH");
        if (!qEnvironmentVariableIsSet("WINNOW_DASHBOARD_BENCH_CLASSES")) qputenv("WINNOW_DASHBOARD_BENCH_CLASSES", "10");
        if (n <= 0) QFAIL("set WINNOW_DASHBOARD_BENCH=<samples> to time the dashboard");
        const int K = std::max(2, qEnvironmentVariableIntValue("WINNOW_DASHBOARD_BENCH_CLASSES"));
        auto d = makeSyntheticReviewData(n, K, 0.2, 3, 4);
        auto other = makeSyntheticReviewData(n, K, 0.2, 4, 4);
        InfluenceDashboard dash;
        dash.resize(1400, 1000);
        QElapsedTimer t;
        t.start();
        dash.setReviewData(d);
        dash.setOtherDetectors({other});
        const qint64 build = t.elapsed();
        std::vector<double> ms;
        for (int i = 0; i < 21; ++i) {
            t.restart();
            dash.setThreshold(i % K, 0.05 * (i + 1));
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("n = %lld, K = %d: build %lld ms; cut move median %.1f ms, max %.1f ms", static_cast<long long>(n), K,
              static_cast<long long>(build), ms[ms.size() / 2], ms.back());
    }

};

QTEST_MAIN(ReviewDashboardBench)
#include "review_dashboard_bench.moc"
