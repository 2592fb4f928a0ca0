// Dashboard statistics against hand computations, live re-thresholding against brute force,
// plot export formats, and a click on a bar selecting that bar's samples.
#include <QFile>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/review/dashboard_stats.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/plot_frame.h"

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
}  // namespace

class TestReviewDashboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
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
