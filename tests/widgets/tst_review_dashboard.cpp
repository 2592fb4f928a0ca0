// Dashboard statistics against hand computations, live re-thresholding against brute force,
// plot export formats, and a click on a bar selecting that bar's samples.
#include <QAbstractButton>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <QTableWidget>
#include <cmath>
#include <numeric>
#include <qcustomplot.h>

#include "widgets/review/dashboard_stats.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/osd_small_multiples.h"
#include "widgets/review/plot_frame.h"
#include "widgets/review/review_queue_model.h"

using namespace winnow::widgets;

namespace {
// Three samples, two classes; OSD rows (1, -1), (0.5, 2), (NaN, 0).
std::shared_ptr<ReviewData> tiny() {
    auto d = std::make_shared<ReviewData>();
    d->resize(3, 2, true);
    d->classNames = {QStringLiteral("a"), QStringLiteral("b")};
    d->ids = {1, 2, 3};
    d->given = {0, 1, 0};
    d->original = {0, 0, 1};  // samples 2 and 3 are noisy
    d->osd = {1.f, -1.f, 0.5f, 2.f, NAN, 0.f};
    d->score = {0.1f, 0.9f, 0.5f};
    d->flag = {0, 1, 1};
    d->sortByScore();
    return d;
}

// A detector without OSD (no consensus): four samples, the first two flagged.
std::shared_ptr<ReviewData> noOsd() {
    auto d = std::make_shared<ReviewData>();
    d->resize(4, 2, false);
    d->detector = QStringLiteral("disagreement");
    d->classNames = {QStringLiteral("a"), QStringLiteral("b")};
    d->ids = {1, 2, 3, 4};
    d->given = {0, 1, 0, 1};
    d->score = {0.9f, 0.8f, 0.1f, 0.2f};
    d->flag = {1, 1, 0, 0};
    d->sortByScore();
    return d;
}
}  // namespace

class TestReviewDashboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Issue 16, bug 8: a detector without OSD has no consensus. Its dashboard showed a
    // consensus chart with every sample at c = 0 beside "N flagged"; now that panel and the
    // γ / cut controls are hidden and the summary names no γ.
    void detectorWithoutConsensusHidesThatPanel() {
        auto d = noOsd();
        InfluenceDashboard dash;
        dash.resize(1366, 700);
        dash.show();
        dash.setReviewData(d);
        QVERIFY(!dash.showsConsensus());
        QVERIFY(!dash.consensusFrame()->isVisible());
        QVERIFY(!dash.plotFrames().contains(dash.consensusFrame()));
        QCOMPARE(dash.flaggedCount(), 2);
        QVERIFY2(!dash.summaryText().contains(QStringLiteral("γ")), qPrintable(dash.summaryText()));
        for (QSlider* s : dash.findChildren<QSlider*>()) QVERIFY(!s->isVisible());
        // Issue 16: neither OSM nor loss: no empty "Loss vs OSM" plot either.
        QVERIFY(!dash.scatterFrame()->isVisible());
        QVERIFY(!dash.plotFrames().contains(dash.scatterFrame()));
        // A detector with OSD shows it again.
        dash.setReviewData(tiny());
        QVERIFY(dash.showsConsensus());
        QVERIFY(dash.consensusFrame()->isVisible());
        // OSM and loss: the scatter is back.
        dash.setReviewData(makeSyntheticReviewData(200, 3, 0.2, 1));
        QVERIFY(dash.scatterFrame()->isVisible());
        QVERIFY(dash.plotFrames().contains(dash.scatterFrame()));
    }

    // Issue 16 at 1366×768: the "Export all plots" menu arrow clear of its text; every bar of
    // the OSM histogram (clean and noisy stacked) under the top of the y range; the detector
    // comparison giving each detector name its width (or eliding it with a tooltip).
    void dashboardLayoutAt1366() {
        auto d = makeSyntheticReviewData(3000, 10, 0.2, 5);
        auto other = makeSyntheticReviewData(3000, 10, 0.2, 6);
        other->detector = QStringLiteral("small-loss");
        other->runId = 1;
        other->scoringId = 1;
        InfluenceDashboard dash;
        dash.resize(1366, 650);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        dash.setReviewData(d);
        dash.setOtherDetectors({other});
        QCoreApplication::processEvents();

        auto* exportAll = dash.findChild<QAbstractButton*>(QStringLiteral("exportAllPlots"));
        QVERIFY(exportAll);
        const int text = exportAll->fontMetrics().horizontalAdvance(exportAll->text());
        const int arrow = exportAll->style()->pixelMetric(QStyle::PM_MenuButtonIndicator, nullptr, exportAll);
        QVERIFY2(exportAll->width() >= text + arrow + 8,
                 qPrintable(QStringLiteral("%1 px for %2 px of text and a %3 px arrow").arg(exportAll->width()).arg(text).arg(arrow)));

        QCustomPlot* osm = dash.osmFrame()->plot();
        QMap<double, double> stacked;  // clean and noisy bars stack
        for (int i = 0; i < osm->plottableCount(); ++i)
            if (auto* bars = qobject_cast<QCPBars*>(osm->plottable(i)))
                for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) stacked[it->key] += it->value;
        double top = 0;
        for (double v : stacked) top = std::max(top, v);
        QVERIFY(top > 0);
        QVERIFY2(osm->yAxis->range().upper > top,
                 qPrintable(QStringLiteral("y up to %1, tallest bar %2").arg(osm->yAxis->range().upper).arg(top)));

        QTableWidget* t = dash.detectorTable();
        QCOMPARE(t->rowCount(), 1);
        QTableWidgetItem* name = t->item(0, 0);
        const int need = t->fontMetrics().horizontalAdvance(name->text()) + 8;
        QVERIFY2(t->columnWidth(0) >= need || name->toolTip() == name->text(),
                 qPrintable(QStringLiteral("'%1' gets %2 px, needs %3").arg(name->text()).arg(t->columnWidth(0)).arg(need)));
        QVERIFY2(t->columnWidth(0) >= need, qPrintable(QStringLiteral("'%1' gets %2 px, needs %3").arg(name->text()).arg(t->columnWidth(0)).arg(need)));
        QVERIFY(!t->wordWrap());
    }

    // Issue 16, bug 8: an OSM-only Influential Rank scoring (a class without trusted samples:
    // OSD all NaN, γ = 0, flagged = D_M) showed a consensus chart of c = 0 and counted no
    // flagged sample on the dashboard while the queue listed the scorer's flags.
    void osmOnlyScoringCountsLikeTheQueue() {
        auto d = tiny();
        std::fill(d->osd.begin(), d->osd.end(), NAN);
        d->flag = {1, 0, 1};
        d->gamma = 0;
        InfluenceDashboard dash;
        dash.resize(1366, 700);
        dash.show();
        dash.setReviewData(d);
        QVERIFY(!dash.showsConsensus());
        QVERIFY(!dash.consensusFrame()->isVisible());
        QCOMPARE(dash.flaggedCount(), 2);
        ReviewQueueModel queue;
        queue.setReviewData(d);
        QCOMPARE(queue.flaggedCount(), dash.flaggedCount());
        // "Use these flags in the queue" keeps the count.
        queue.setFlags(dash.currentFlags());
        QCOMPARE(queue.flaggedCount(), 2);
    }

    // Issue 16, bug 8: queue and dashboard counted flagged samples differently once a flagged
    // sample had been trusted before the scores were loaded (after applying decisions and
    // reloading): the dashboard left it out, the queue did not. Both follow one rule now.
    void queueAndDashboardCountTheSameFlagged() {
        auto d = noOsd();  // flagged: samples 1 and 2
        d->trusted = {0, 1, 0, 0};  // sample 2 trusted since it was scored
        ReviewQueueModel model;
        model.setReviewData(d);
        InfluenceDashboard dash;
        dash.setReviewData(d);
        QCOMPARE(dash.flaggedCount(), 1);
        QCOMPARE(model.flaggedCount(), dash.flaggedCount());
        QCOMPARE(model.rowCount(), 1);  // the flagged-only queue holds sample 1 alone
        QCOMPARE(model.sampleIdAt(0), qint64(1));
        // "Use these flags in the queue" hands the dashboard's flags over: still agreeing.
        model.setFlags(dash.currentFlags());
        QCOMPARE(model.flaggedCount(), dash.flaggedCount());
    }

    void consensusAndQualityByHand() {
        auto d = tiny();
        // Cuts (0.6, 0): sample1 1>=.6 and -1<0 -> 1; sample2 .5<.6, 2>=0 -> 1; sample3 NaN, 0>=0 -> 1.
        auto c = consensusAt(*d, {0.6, 0.0});
        QCOMPARE(c, (std::vector<uint8_t>{1, 1, 1}));
        c = consensusAt(*d, {0.4, -2.0});  // 2, 2, 1
        QCOMPARE(c, (std::vector<uint8_t>{2, 2, 1}));
        const auto f = flagsAt(c, 2);
        QCOMPARE(f, (std::vector<uint8_t>{1, 1, 0}));
        const auto q = detectionQuality(*d, f);  // flagged {1,2}, noisy {2,3}: TP 1
        QCOMPARE(q.flagged, 2);
        QCOMPARE(q.truePositives, 1);
        QCOMPARE(q.noisy, 2);
        QCOMPARE(q.precision, 0.5);
        QCOMPARE(q.recall, 0.5);
        QCOMPARE(q.f1, 0.5);
    }

    void histogramAndDensity() {
        const std::vector<float> v{0.f, 0.1f, 0.5f, 0.99f, 1.f, NAN};
        const auto h = makeHistogram(v, 6, 1, 0, 2, nullptr, nullptr, 0.0, 1.0);
        QCOMPARE(h.counts, (std::vector<int64_t>{2, 3}));  // [0,.5): 0, .1; [.5,1]: .5, .99, 1
        ReviewGmm g;
        g.weight[0] = 0.3;
        g.mean[0] = 1.0;
        g.var[0] = 4.0;
        // Riemann sum of the weighted density over ±10σ is the weight.
        double s = 0;
        for (double x = -19; x <= 21; x += 0.01) s += componentDensity(g, 0, x) * 0.01;
        QVERIFY(std::abs(s - 0.3) < 1e-4);
        QVERIFY(std::abs(componentDensity(g, 0, 1.0) - 0.3 / std::sqrt(2 * M_PI * 4.0)) < 1e-12);
    }

    void spearmanKnownValues() {
        QCOMPARE(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
        QCOMPARE(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        // Ranks a = (1,2,3,4,5), b = (2,1,4,3,5): 1 - 6*Σd²/(n(n²-1)) = 1 - 6*4/120 = 0.8.
        QVERIFY(std::abs(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) - 0.8) < 1e-12);
        // Ties take average ranks: b = (1, 1, 2) -> ranks (1.5, 1.5, 3); Pearson with (1,2,3) = √3/2.
        QVERIFY(std::abs(spearman({1, 2, 3}, {1, 1, 2}) - std::sqrt(3.0) / 2) < 1e-12);
    }

    // The stored γ's rule is said in words, and one click goes to METHODS' γ.
    void gammaRuleShownAndMethodsGammaOneClickAway() {
        auto d = makeSyntheticReviewData(2000, 10, 0.25, 3);
        d->gamma = 4;
        d->gammaRule = QStringLiteral("data");
        d->gammaMethods = 8;
        InfluenceDashboard dash;
        dash.resize(1200, 900);
        dash.show();
        dash.setReviewData(d);
        auto* rule = dash.findChild<QLabel*>(QStringLiteral("gammaRule"));
        auto* methods = dash.findChild<QAbstractButton*>(QStringLiteral("methodsGamma"));
        QVERIFY(rule && methods);
        QVERIFY(rule->isVisible() && methods->isVisible());
        QVERIFY2(rule->text().contains(QStringLiteral("γ = 4, chosen from the data")), qPrintable(rule->text()));
        QVERIFY2(rule->text().contains(QStringLiteral("gives γ = 8")), qPrintable(rule->text()));
        QCOMPARE(dash.gamma(), 4);
        methods->click();
        QCOMPARE(dash.gamma(), 8);
        // A scoring made by METHODS' rule has nothing to go back to.
        d->gammaRule = QStringLiteral("methods");
        d->gamma = 8;
        dash.setReviewData(d);
        QVERIFY(rule->text().contains(QStringLiteral("METHODS' rule")));
        QVERIFY(!methods->isVisible());
    }

    void gammaAndCutsUpdateFlagsLive() {
        auto d = makeSyntheticReviewData(5000, 6, 0.25, 42);
        InfluenceDashboard dash;
        dash.resize(1200, 900);
        dash.setReviewData(d);
        auto brute = [&](int gamma, const std::vector<double>& cut) {
            int64_t n = 0;
            for (int64_t i = 0; i < d->n; ++i) {
                int c = 0;
                for (int k = 0; k < 6; ++k) c += d->osd[size_t(i) * 6 + size_t(k)] >= cut[size_t(k)];
                n += c >= gamma;
            }
            return n;
        };
        std::vector<double> cut(6, 0.0);  // the synthetic G_low means
        QCOMPARE(dash.gamma(), d->gamma);
        QCOMPARE(dash.flaggedCount(), brute(d->gamma, cut));
        dash.setGamma(2);
        QCOMPARE(dash.flaggedCount(), brute(2, cut));
        dash.setThreshold(3, 1.25);
        cut[3] = 1.25;
        QCOMPARE(dash.flaggedCount(), brute(2, cut));
        // Live precision/recall against the injected truth, by brute force.
        int64_t tp = 0, noisy = 0, flagged = 0;
        for (int64_t i = 0; i < d->n; ++i) {
            const bool isNoisy = d->given[size_t(i)] != d->original[size_t(i)];
            const bool f = dash.currentFlags()[size_t(i)];
            noisy += isNoisy;
            flagged += f;
            tp += f && isNoisy;
        }
        QCOMPARE(dash.quality().precision, double(tp) / double(flagged));
        QCOMPARE(dash.quality().recall, double(tp) / double(noisy));
        QVERIFY(dash.summaryText().contains(QStringLiteral("precision")));
        if (qEnvironmentVariableIsSet("WINNOW_DASHBOARD_SCREENSHOT"))  // for a visual check
            dash.grab().save(qEnvironmentVariable("WINNOW_DASHBOARD_SCREENSHOT"));
    }

    // Every class at once: one frame per class with its own histogram, both fitted
    // components, its cut at μ(G_low) and the counts, all checked against brute force.
    void osdSmallMultiplesShowEveryClass() {
        const int K = 5;
        auto d = makeSyntheticReviewData(2000, K, 0.25, 11);
        for (int k = 0; k < K; ++k) {  // distinct fits per class
            d->gmm[size_t(k)].mean[0] = -0.1 * k;
            d->gmm[size_t(k)].var[0] = 0.3 + 0.05 * k;
        }
        d->gmm[3].valid = false;  // a class without a fit: bars and cut, no curves
        InfluenceDashboard dash;
        dash.resize(1200, 900);
        dash.setReviewData(d);
        OsdSmallMultiples* grid = dash.osdGrid();
        QCOMPARE(grid->count(), K);
        QCOMPARE(dash.plotFrames().size(), 3 + K);
        for (int k = 0; k < K; ++k) {
            QCustomPlot* p = grid->frame(k)->plot();
            int64_t inClass = 0, above = 0;
            const double cut = k == 3 ? 0.0 : -0.1 * k;
            for (int64_t i = 0; i < d->n; ++i) {
                const float v = d->osd[size_t(i) * K + size_t(k)];
                if (std::isnan(v)) continue;
                ++inClass;
                above += double(v) >= cut;
            }
            QCOMPARE(grid->inClass(k), inClass);
            QCOMPARE(grid->aboveCut(k), above);
            QCOMPARE(dash.threshold(k), cut);
            // Bars (clean + noisy stacked) add up to the class's samples.
            double barTotal = 0;
            for (int b = 0; b < p->plottableCount(); ++b)
                if (auto* bars = qobject_cast<QCPBars*>(p->plottable(b)))
                    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) barTotal += it->value;
            QCOMPARE(int64_t(barTotal), inClass);
            QVERIFY(grid->frame(k)->findChildren<QLabel*>().size() >= 2);
            // The cut line sits at the cut.
            QCOMPARE(p->itemCount(), 1);
            auto* line = qobject_cast<QCPItemStraightLine*>(p->item(0));
            QVERIFY(line);
            QCOMPARE(line->point1->coords().x(), cut);
            if (k == 3) {
                QCOMPARE(p->graphCount(), 0);
                continue;
            }
            // Two components; G_low at its mean: n_k · bin width · w0 / sqrt(2π σ0²).
            QCOMPARE(p->graphCount(), 2);
            const Histogram& h = grid->histogram(k);
            const auto& g = d->gmm[size_t(k)];
            const double peak = double(inClass) * h.binWidth() * g.weight[0] / std::sqrt(2 * M_PI * g.var[0]);
            double best = 0, bestX = 0;
            for (auto it = p->graph(0)->data()->constBegin(); it != p->graph(0)->data()->constEnd(); ++it)
                if (it->value > best) best = it->value, bestX = it->key;
            QVERIFY2(std::abs(bestX - g.mean[0]) <= (h.hi - h.lo) / 120.0 + 1e-9, qPrintable(QString::number(bestX)));
            QVERIFY(best <= peak + 1e-9 && best > 0.97 * peak);
        }
    }

    void draggingOneClassCutMovesOnlyThatClass() {
        const int K = 4;
        auto d = makeSyntheticReviewData(3000, K, 0.3, 5);
        InfluenceDashboard dash;
        dash.resize(1400, 1000);
        dash.show();
        dash.setReviewData(d);
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        dash.showOsdClass(2);
        QCustomPlot* p = dash.osdGrid()->frame(2)->plot();
        p->replot();
        const double pixel = std::abs(p->xAxis->pixelToCoord(1) - p->xAxis->pixelToCoord(0));
        const int y = p->axisRect()->center().y();
        const int x0 = int(p->xAxis->coordToPixel(0.0));
        const int x1 = x0 + 40;
        QTest::mousePress(p, Qt::LeftButton, Qt::NoModifier, QPoint(x0, y));
        QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), p->mapToGlobal(QPointF(x1, y)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(p, &move);
        QTest::mouseRelease(p, Qt::LeftButton, Qt::NoModifier, QPoint(x1, y));
        const double moved = dash.threshold(2);
        QVERIFY(moved > 0.0);
        // Where the pointer was let go (the axis may shift by a pixel as the labels redraw).
        QVERIFY2(std::abs(moved - p->xAxis->pixelToCoord(x1)) <= 2 * pixel, qPrintable(QString::number(moved)));
        for (int k : {0, 1, 3}) QCOMPARE(dash.threshold(k), 0.0);
        int64_t above = 0, flagged = 0;
        for (int64_t i = 0; i < d->n; ++i) {
            int c = 0;
            for (int k = 0; k < K; ++k) {
                const double v = d->osd[size_t(i) * K + size_t(k)];
                const bool in = v >= (k == 2 ? moved : 0.0);
                c += in;
                if (k == 2) above += in;
            }
            flagged += c >= dash.gamma();
        }
        QCOMPARE(dash.osdGrid()->aboveCut(2), above);
        QCOMPARE(dash.flaggedCount(), flagged);
        // A press away from the cut does not grab it.
        QTest::mousePress(p, Qt::LeftButton, Qt::NoModifier, QPoint(x0 - 60, y));
        QTest::mouseRelease(p, Qt::LeftButton, Qt::NoModifier, QPoint(x0 - 60, y));
        QCOMPARE(dash.threshold(2), moved);
    }

    void clickingAClassBarSelectsItsSamples() {
        const int K = 3;
        auto d = makeSyntheticReviewData(1500, K, 0.2, 9);
        InfluenceDashboard dash;
        dash.resize(1400, 1000);
        dash.show();
        dash.setReviewData(d);
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        dash.showOsdClass(1);  // the click goes through the window: the frame must be in view
        QCustomPlot* p = dash.osdGrid()->frame(1)->plot();
        p->replot();
        const Histogram& h = dash.osdGrid()->histogram(1);
        // The fullest bin of class 1 away from the cut (a press on the cut grabs the handle).
        int bin = -1;
        for (int b = 0; b < int(h.counts.size()); ++b)
            if (std::abs(p->xAxis->coordToPixel(h.binCentre(b)) - p->xAxis->coordToPixel(dash.threshold(1))) > 12 &&
                (bin < 0 || h.counts[size_t(b)] > h.counts[size_t(bin)]))
                bin = b;
        QVERIFY(bin >= 0 && h.counts[size_t(bin)] >= 3);
        QSet<qint64> expect;
        for (int64_t i = 0; i < d->n; ++i) {
            const double v = d->osd[size_t(i) * K + 1];
            const double lo = h.lo + bin * h.binWidth();
            if ((v >= lo || bin == 0) && (v < lo + h.binWidth() || bin == int(h.counts.size()) - 1)) expect.insert(d->ids[size_t(i)]);
        }
        QCOMPARE(int64_t(expect.size()), h.counts[size_t(bin)]);
        QCOMPARE(dash.samplesInOsdBin(1, bin), expect);
        QSignalSpy spy(&dash, &InfluenceDashboard::samplesSelected);
        const QPoint at(int(p->xAxis->coordToPixel(h.binCentre(bin))), int(p->yAxis->coordToPixel(1.0)));
        QTest::mouseClick(p, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().value<QSet<qint64>>(), expect);
        // Above the bar is no bar.
        const QPoint above(at.x(), int(p->yAxis->coordToPixel(h.counts[size_t(bin)] + 0.1 * p->yAxis->range().size())));
        QTest::mouseClick(p, Qt::LeftButton, Qt::NoModifier, above);
        QCOMPARE(spy.count(), 1);
    }

    void exportAllWritesEveryPlot() {
        auto d = makeSyntheticReviewData(400, 4, 0.2, 2);
        InfluenceDashboard dash;
        dash.setReviewData(d);
        QTemporaryDir tmp;
        for (const char* ext : {"png", "svg"}) {
            QCOMPARE(dash.exportAll(tmp.path(), QLatin1String(ext)), 3 + 4);
            QCOMPARE(QDir(tmp.path()).entryList({QStringLiteral("*.") + QLatin1String(ext)}, QDir::Files).size(), 3 + 4);
        }
    }

    // The comparison with another detector follows γ live; ρ by the rank-difference formula.
    void detectorComparisonFollowsGamma() {
        auto d = makeSyntheticReviewData(800, 4, 0.25, 21);
        auto other = makeSyntheticReviewData(800, 4, 0.25, 22);
        other->detector = QStringLiteral("small-loss");
        InfluenceDashboard dash;
        dash.setReviewData(d);
        dash.setOtherDetectors({other});
        QTableWidget* t = dash.detectorTable();
        QCOMPARE(t->rowCount(), 1);
        // Distinct float scores: ρ = 1 - 6 Σ d² / (n (n² - 1)) with plain ranks.
        auto rankOf = [](const std::vector<float>& v) {
            std::vector<size_t> idx(v.size());
            std::iota(idx.begin(), idx.end(), 0);
            std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
            std::vector<double> r(v.size());
            for (size_t i = 0; i < idx.size(); ++i) r[idx[i]] = double(i + 1);
            return r;
        };
        const auto ra = rankOf(d->score), rb = rankOf(other->score);
        double d2 = 0;
        for (size_t i = 0; i < ra.size(); ++i) d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        const double n = double(ra.size());
        const double rho = 1 - 6 * d2 / (n * (n * n - 1));
        QCOMPARE(t->item(0, 5)->text(), QString::number(rho, 'f', 3));
        for (int gamma : {1, 2, 4}) {
            dash.setGamma(gamma);
            int64_t mine = 0, theirs = 0, both = 0;
            for (int64_t i = 0; i < d->n; ++i) {
                const bool a = dash.currentFlags()[size_t(i)], b = other->flag[size_t(i)];
                mine += a;
                theirs += b;
                both += a && b;
            }
            QCOMPARE(t->item(0, 1)->text(), QString::number(theirs));
            QCOMPARE(t->item(0, 2)->text(), QString::number(mine));
            QCOMPARE(t->item(0, 3)->text(), QString::number(both));
            QCOMPARE(t->item(0, 4)->text(), QString::number(double(both) / double(mine + theirs - both), 'f', 3));
            QCOMPARE(t->item(0, 5)->text(), QString::number(rho, 'f', 3));
        }
        // A smaller scoring replaces this one: the comparison is rebuilt for its rows (ids 1..100).
        auto small = makeSyntheticReviewData(100, 4, 0.25, 23);
        dash.setReviewData(small);
        int64_t both = 0;
        for (int64_t i = 0; i < small->n; ++i) both += dash.currentFlags()[size_t(i)] && other->flag[size_t(i)];
        QCOMPARE(t->item(0, 3)->text(), QString::number(both));
    }

    void exportsPngPdfSvg() {
        auto d = makeSyntheticReviewData(500, 3, 0.2, 1);
        InfluenceDashboard dash;
        dash.setReviewData(d);
        QTemporaryDir tmp;
        for (PlotFrame* f : {dash.osmFrame(), dash.osdFrame(), dash.consensusFrame(), dash.scatterFrame()}) {
            for (const char* ext : {"png", "pdf", "svg"}) {
                const QString file = tmp.filePath(QStringLiteral("plot.%1").arg(QLatin1String(ext)));
                QFile::remove(file);
                QVERIFY2(f->exportTo(file), qPrintable(file));
                QFile in(file);
                QVERIFY(in.open(QIODevice::ReadOnly));
                const QByteArray head = in.read(256);
                if (QLatin1String(ext) == QLatin1String("png")) QVERIFY(head.startsWith("\x89PNG"));
                if (QLatin1String(ext) == QLatin1String("pdf")) QVERIFY(head.startsWith("%PDF"));
                if (QLatin1String(ext) == QLatin1String("svg")) QVERIFY(head.contains("<svg") || head.contains("<?xml"));
            }
        }
    }

    void clickingABarSelectsItsSamples() {
        auto d = makeSyntheticReviewData(3000, 5, 0.3, 8);
        InfluenceDashboard dash;
        dash.resize(1200, 900);
        dash.show();
        dash.setReviewData(d);
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        QCustomPlot* plot = dash.consensusFrame()->plot();
        plot->replot();
        // The bar of consensus value 5 (all classes): its samples by brute force.
        QSet<qint64> expect;
        for (int64_t i = 0; i < d->n; ++i) {
            int c = 0;
            for (int k = 0; k < 5; ++k) c += d->osd[size_t(i) * 5 + size_t(k)] >= 0.0;
            if (c == 5) expect.insert(d->ids[size_t(i)]);
        }
        QVERIFY(!expect.isEmpty());
        QSignalSpy spy(&dash, &InfluenceDashboard::samplesSelected);
        const QPoint at(int(plot->xAxis->coordToPixel(5.0)), int(plot->yAxis->coordToPixel(expect.size() / 3.0)));
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().value<QSet<qint64>>(), expect);
    }
};

QTEST_MAIN(TestReviewDashboard)
#include "tst_review_dashboard.moc"
