// Class distribution chart: counts per class and split, stacked bars holding those counts,
// and PNG/PDF export.
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/class_distribution_chart.h"

using namespace winnow;
using widgets::ClassDistributionChart;

class TestClassDistributionChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsAndBars() {
        core::SampleTable t;
        // (label, split): class 0 has 2 train + 1 test, class 2 has 1 val, one unlabelled.
        const int rows[][2] = {{0, 0}, {0, 0}, {0, 2}, {2, 1}, {-1, 0}};
        for (const auto& r : rows) {
            t.ids.push_back(int64_t(t.ids.size() + 1));
            t.label.push_back(r[0]);
            t.originalLabel.push_back(-1);
            t.split.push_back(int8_t(r[1]));
            t.status.push_back(0);
            t.trusted.push_back(0);
            t.kind.push_back(0);
        }
        const auto c = ClassDistributionChart::countTable(t, 3);
        QCOMPARE(c.size(), size_t(3));
        QCOMPARE(c[0], (std::array<qint64, 3>{2, 0, 1}));
        QCOMPARE(c[1], (std::array<qint64, 3>{0, 0, 0}));
        QCOMPARE(c[2], (std::array<qint64, 3>{0, 1, 0}));

        ClassDistributionChart chart;
        chart.setCounts({"a", "b", "c"}, c);
        QCOMPARE(chart.plot()->plottableCount(), 3);  // train, val, test all present
        auto* train = qobject_cast<QCPBars*>(chart.plot()->plottable(0));
        auto* test = qobject_cast<QCPBars*>(chart.plot()->plottable(2));
        QVERIFY(train && test);
        QCOMPARE(train->data()->size(), 3);
        QCOMPARE(train->data()->at(0)->value, 2.0);
        QCOMPARE(test->data()->at(0)->value, 1.0);
        QCOMPARE(test->barBelow(), qobject_cast<QCPBars*>(chart.plot()->plottable(1)));  // stacked
    }

    void exportsPngAndPdf() {
        QTemporaryDir dir;
        ClassDistributionChart chart;
        chart.resize(500, 300);
        chart.setCounts({"x", "y"}, {{5, 1, 2}, {3, 0, 4}});
        const QString png = dir.path() + "/c.png", pdf = dir.path() + "/c.pdf";
        QVERIFY(chart.exportPng(png, 640, 400));
        QVERIFY(chart.exportPdf(pdf, 640, 400));
        const QImage img(png);
        QCOMPARE(img.size(), QSize(640, 400));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.read(5), QByteArray("%PDF-"));
    }
};

QTEST_MAIN(TestClassDistributionChart)
#include "tst_class_distribution_chart.moc"
