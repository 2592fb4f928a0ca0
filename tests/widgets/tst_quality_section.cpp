// The Issues dock's image-quality section over hand-made quality values: dragging the cut line
// with the mouse moves the cut to the value under the pointer (computed here from the axis
// range and the axis rect, linear and logarithmic), the live count is the number of values
// beyond it counted here, keys and the spin box move it too, "Review these" asks for exactly
// the samples beyond the cut, worst first, and that queue keeps the order. The dock reads a
// stored result on a worker thread: it says "Loading" meanwhile, and a result switched while
// loading never shows the older one; its sections scroll rather than outgrow a small screen.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "core/curation/curation.h"
#include "core/curation/curation_arrays.h"
#include "core/store/project.h"
#include "grid_fixture.h"
#include "widgets/curation/curation_review_data.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/curation/quality_histogram_view.h"
#include "widgets/curation/quality_section.h"
#include "widgets/job_runner.h"
#include "widgets/review/review_queue_model.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

const std::vector<float> kBrightness = {0.05f, 0.9f, 0.3f, 0.1f, 0.6f, 0.45f, 0.05f, 0.97f, 0.2f, 0.7f, 0.35f, 0.55f};
const std::vector<float> kBlur = {3, 8000, 120, 45, 900, 15, 2500, 60, 300, 7, 1500, 30};

std::shared_ptr<const core::CurationArrays> handMade() {
    auto a = std::make_shared<core::CurationArrays>();
    for (size_t i = 0; i < kBrightness.size(); ++i) {
        a->qualityIds.push_back(int64_t(101 + i));
        core::ImageQuality q;
        q.brightness = kBrightness[i];
        q.blur = kBlur[i];
        q.width = q.height = 32;
        a->quality.push_back(q);
        a->qualityFlags.push_back(0);
    }
    return a;
}

int64_t countBelow(const std::vector<float>& v, double cut) {
    return std::count_if(v.begin(), v.end(), [cut](float x) { return double(x) < cut; });
}

// The ids below a cut, smallest value first, ties by id: what "Review these" must ask for.
QVector<qint64> idsBelow(const std::vector<float>& v, double cut) {
    std::vector<std::pair<float, qint64>> rows;
    for (size_t i = 0; i < v.size(); ++i)
        if (double(v[i]) < cut) rows.push_back({v[i], qint64(101 + i)});
    std::sort(rows.begin(), rows.end());
    QVector<qint64> out;
    for (const auto& r : rows) out << r.second;
    return out;
}

// Drags the cut line from where it is to pixel column `x` of the plot.
void drag(QCustomPlot* plot, double fromValue, int x) {
    const QRect r = plot->axisRect()->rect();
    const int y = r.center().y();
    const int from = int(std::lround(plot->xAxis->coordToPixel(fromValue)));
    QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(from, y));
    QTest::mouseMove(plot, QPoint((from + x) / 2, y));
    QTest::mouseMove(plot, QPoint(x, y));
    QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(x, y));
}

void storeResult(const fs::path& file, int samples) {
    auto p = core::Project::create(file);
    core::CurationResult r;
    r.features = "thumbnail-grey16";
    for (int i = 0; i < samples; ++i) {
        r.featureIds.push_back(i + 1);
        r.qualityIds.push_back(i + 1);
        r.quality.push_back({});
        r.qualityFlags.push_back(0);
    }
    r.graph.n = samples;
    r.graph.k = 0;
    r.outlierScore.assign(size_t(samples), 0);
    r.neighbourConflict.assign(size_t(samples), 0);
    r.summary = {{"samples", samples}};
    core::storeCuration(*p, r);
}

}  // namespace

class TestQualitySection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void draggingTheLineMovesTheCut() {
        widgets::QualitySection s;
        s.resize(640, 420);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.setArrays(handMade(), 0);
        QCOMPARE(s.property(), core::QualityProperty::Brightness);
        QCOMPARE(s.direction(), core::CutDirection::Below);
        // The scan's cut: QualityOptions' darkBelow.
        QCOMPARE(s.cut(), double(core::QualityOptions{}.darkBelow));
        QCOMPARE(s.countBeyond(), countBelow(kBrightness, s.cut()));
        QCustomPlot* plot = s.histogram()->plot();
        plot->replot();
        const QRect r = plot->axisRect()->rect();
        const QCPRange range = plot->xAxis->range();
        // Pixel column of 0.5 on the linear axis, and the value that column stands for.
        const int x = int(std::lround(r.left() + (0.5 - range.lower) / range.size() * r.width()));
        const double expected = range.lower + double(x - r.left()) / r.width() * range.size();
        QSignalSpy moved(s.histogram(), &widgets::QualityHistogramView::cutChanged);
        drag(plot, s.cut(), x);
        QVERIFY(moved.count() >= 2);  // live while dragging, not only on release
        QVERIFY2(std::abs(s.cut() - expected) < 1e-9 * range.size(),
                 qPrintable(QStringLiteral("%1 vs %2").arg(s.cut()).arg(expected)));
        QCOMPARE(s.countBeyond(), countBelow(kBrightness, s.cut()));
        QVERIFY(s.countLabel()->text().contains(QString::number(countBelow(kBrightness, s.cut()))));
        QCOMPARE(s.cutBox()->value(), std::round(s.cut() * 1e4) / 1e4);

        // "Review these": exactly the samples below the cut, darkest first.
        QSignalSpy review(&s, &widgets::QualitySection::reviewRequested);
        s.reviewButton()->click();
        QCOMPARE(review.count(), 1);
        QCOMPARE(review.front().at(0).value<QVector<qint64>>(), idsBelow(kBrightness, s.cut()));
        QCOMPARE(idsBelow(kBrightness, s.cut()).size(), 7);  // 0.05 (x2), 0.1, 0.2, 0.3, 0.35, 0.45
        QVERIFY(review.front().at(1).toString().contains(QStringLiteral("Brightness")));
    }

    void blurDragsOnALogAxis() {
        widgets::QualitySection s;
        s.resize(640, 420);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.setArrays(handMade(), 500.0);
        s.propertyChoice()->setCurrentIndex(s.propertyChoice()->findData(int(core::QualityProperty::Blur)));
        QVERIFY(s.histogram()->logScale());
        QCOMPARE(s.cut(), double(core::QualityOptions{}.blurFractionOfMedian) * 500.0);  // x the median blur
        QCOMPARE(s.countBeyond(), countBelow(kBlur, s.cut()));
        QCOMPARE(s.countBeyond(), qint64(5));  // 3, 7, 15, 30, 45
        QCustomPlot* plot = s.histogram()->plot();
        plot->replot();
        const QRect r = plot->axisRect()->rect();
        const QCPRange range = plot->xAxis->range();
        const double span = std::log10(range.upper / range.lower);
        const int x = int(std::lround(r.left() + std::log10(200.0 / range.lower) / span * r.width()));
        const double expected = range.lower * std::pow(10.0, double(x - r.left()) / r.width() * span);
        drag(plot, s.cut(), x);
        QVERIFY2(std::abs(s.cut() / expected - 1) < 1e-9, qPrintable(QStringLiteral("%1 vs %2").arg(s.cut()).arg(expected)));
        QCOMPARE(s.countBeyond(), countBelow(kBlur, s.cut()));
        QSignalSpy review(&s, &widgets::QualitySection::reviewRequested);
        s.reviewButton()->click();
        QCOMPARE(review.front().at(0).value<QVector<qint64>>(), idsBelow(kBlur, s.cut()));
    }

    void keysSpinBoxAndDirection() {
        widgets::QualitySection s;
        s.resize(640, 420);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.setArrays(handMade(), 0);
        s.cutBox()->setValue(0.4);
        QCOMPARE(s.cut(), 0.4);
        QCOMPARE(s.countBeyond(), countBelow(kBrightness, 0.4));
        QCustomPlot* plot = s.histogram()->plot();
        const QCPRange range = plot->xAxis->range();
        const double onePixel = range.size() / plot->axisRect()->rect().width();
        s.histogram()->setFocus();
        QTest::keyClick(s.histogram(), Qt::Key_Right);
        QVERIFY2(std::abs(s.cut() - (0.4 + onePixel)) < 1e-9, qPrintable(QString::number(s.cut())));
        QTest::keyClick(s.histogram(), Qt::Key_Left, Qt::ShiftModifier);
        QVERIFY(std::abs(s.cut() - (0.4 - 9 * onePixel)) < 1e-9);
        // Above: the overexposed cut, the brightest first.
        s.directionChoice()->setCurrentIndex(s.directionChoice()->findData(int(core::CutDirection::Above)));
        QCOMPARE(s.cut(), double(core::QualityOptions{}.overexposedAbove));
        QCOMPARE(s.countBeyond(), qint64(1));
        QCOMPARE(s.idsBeyond(), (QVector<qint64>{108}));
        s.cutBox()->setValue(0.65);
        QCOMPARE(s.idsBeyond(), (QVector<qint64>{108, 102, 110}));
    }

    void reviewQueueKeepsTheOrder() {
        QTemporaryDir dir;
        std::vector<testing::FixtureSample> samples(5, {Qt::gray, QSize(8, 8), 0, 0});
        const auto ids = testing::makeImageProject(dir.path(), samples, 1);
        const QVector<qint64> order = {ids[3], ids[0], ids[4], ids[3], ids[1]};
        const auto data = widgets::loadSampleListReviewData(testing::projectFile(dir.path()), order,
                                                            QStringLiteral("Brightness below 0.1"), true);
        QVERIFY(data);
        QCOMPARE(data->detector, QStringLiteral("quality-cut"));
        widgets::ReviewQueueModel model;
        model.setReviewData(data);
        QCOMPARE(model.rowCount(), 4);  // the repeated id once, at its first place
        const QVector<qint64> expected = {ids[3], ids[0], ids[4], ids[1]};
        for (int r = 0; r < model.rowCount(); ++r) QCOMPARE(model.sampleIdAt(r), expected[r]);
    }

    void dockLoadsOffTheGuiThreadAndDropsStaleResults() {
        QTemporaryDir dir;
        const fs::path a = fs::path(dir.path().toStdString()) / "a.winnow";
        const fs::path b = fs::path(dir.path().toStdString()) / "b.winnow";
        storeResult(a, 3);
        storeResult(b, 7);
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        QSignalSpy changed(&panel, &widgets::IssuesPanel::resultChanged);
        panel.setProject(a);
        QVERIFY(panel.loading());  // returned before the result was read
        QVERIFY(panel.summaryText().contains(QStringLiteral("Loading")));
        QVERIFY(!panel.qualitySection()->isEnabled());
        panel.setProject(b);  // switched while the first read runs
        // "More like this" asked meanwhile is answered when the result arrives.
        QVERIFY(!panel.showMoreLikeThis(2));
        QVERIFY(panel.moreLikeThisText().contains(QStringLiteral("Loading")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
        QVERIFY2(panel.moreLikeThisText().contains(QStringLiteral("most like #2")), qPrintable(panel.moreLikeThisText()));
        QTest::qWait(300);  // any read still on its way has arrived by now
        QCOMPARE(changed.count(), 1);
        QVERIFY(panel.result().has_value());
        QCOMPARE(core::jsonInt(core::jsonField(panel.result()->summary, "samples")), int64_t(7));
        QVERIFY2(panel.summaryText().contains(QLocale().toString(7)), qPrintable(panel.summaryText()));
        QVERIFY(panel.qualitySection()->isEnabled());
        // With the quality section the dock's sections are taller than a 1366x768 screen's
        // dock (854 pixels at least): they scroll, and the dock asks for little.
        QVERIFY2(panel.minimumSizeHint().height() < 400, qPrintable(QString::number(panel.minimumSizeHint().height())));
    }
};

QTEST_MAIN(TestQualitySection)
#include "tst_quality_section.moc"
