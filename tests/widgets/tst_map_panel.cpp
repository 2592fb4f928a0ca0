// The map dock: computes the map of a project's thumbnails on a job, aligns labels and splits
// with the map's sample ids, recolours without losing the view, hands a selection on.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "grid_fixture.h"
#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/map_panel.h"
#include "widgets/job_runner.h"

using namespace winnow;
using namespace winnow::widgets;

namespace {

// Three classes of solid colours from far-apart families (reds, greens, blues), a little
// variation within each; splits cycle so they do not follow the class.
std::vector<testing::FixtureSample> samples() {
    std::vector<testing::FixtureSample> out;
    for (int i = 0; i < 45; ++i) {
        const int c = i % 3, v = (i / 3) * 4;
        const QColor colour = c == 0 ? QColor(200 + v % 50, 20 + v, 30) : c == 1 ? QColor(20, 180 + v % 60, 40 + v)
                                                                               : QColor(30 + v, 30, 190 + v % 60);
        out.push_back({colour, QSize(24 + i % 5, 24), c, (i / 3) % 3});
    }
    return out;
}

}  // namespace

class TestMapPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::vector<int64_t> m_ids;

    bool computeAndWait(MapPanel& panel) {
        QSignalSpy shown(&panel, &MapPanel::mapShown);
        panel.compute();
        return shown.wait(120000);
    }

private Q_SLOTS:
    void initTestCase() { m_ids = testing::makeImageProject(m_dir.path(), samples(), 3); }

    void layoutPlacesClassesApartWithTheirLabels() {
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject((m_dir.path() + "/p.winnow").toStdString(), nullptr);
        QVERIFY(computeAndWait(panel));
        const MapPoints& pts = panel.view()->points();
        QCOMPARE(int(pts.size()), 45);
        QCOMPARE(QVector<qint64>(pts.sampleIds), QVector<qint64>(m_ids.begin(), m_ids.end()));
        // Labels come with their ids: the class of sample i is i % 3.
        for (int i = 0; i < 45; ++i) QCOMPARE(int(pts.category[i]), i % 3);
        QVERIFY(panel.view()->legendLines().contains(QStringLiteral("c1 (15)")));
        // Colour families are far apart in the thumbnails: each point's nearest point on the
        // map has its class (independent of how the panel aligned labels).
        int same = 0;
        for (int i = 0; i < 45; ++i) {
            int best = -1;
            double bestD = 1e300;
            for (int j = 0; j < 45; ++j) {
                if (j == i) continue;
                const double d = std::hypot(pts.x(i) - pts.x(j), pts.y(i) - pts.y(j));
                if (d < bestD) bestD = d, best = j;
            }
            same += best % 3 == i % 3;
        }
        QVERIFY2(same >= 43, qPrintable(QStringLiteral("%1 of 45 nearest points share the class").arg(same)));
    }

    void recolourKeepsViewAndSelection() {
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject((m_dir.path() + "/p.winnow").toStdString(), nullptr);
        QVERIFY(computeAndWait(panel));  // from the cache of the first test
        QVERIFY(panel.view()->points().size() == 45);
        const QVector<qint64> chosen = {m_ids[3], m_ids[7]};
        panel.view()->setSelectedIds(chosen);
        const auto before = panel.view()->transform();
        panel.colourBy(1);  // split
        QCOMPARE(panel.view()->legendLines().value(0), QStringLiteral("Split"));
        for (int i = 0; i < 45; ++i) QCOMPARE(int(panel.view()->points().category[i]), (i / 3) % 3);
        QCOMPARE(panel.view()->selectedIds(), chosen);
        QCOMPARE(panel.view()->transform().toScreen(QPointF(1, 2)), before.toScreen(QPointF(1, 2)));
    }

    void selectionGoesToTheGrid() {
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject((m_dir.path() + "/p.winnow").toStdString(), nullptr);
        QVERIFY(computeAndWait(panel));
        QSignalSpy toGrid(&panel, &MapPanel::showInGridRequested);
        panel.view()->selectAll();
        auto* button = panel.findChild<QPushButton*>(QStringLiteral("mapToGrid"));
        QVERIFY(button && button->isEnabled());
        button->click();
        QCOMPARE(toGrid.count(), 1);
        QCOMPARE(toGrid.at(0).at(0).value<QVector<qint64>>().size(), 45);
    }

    void badProjectSaysWhy() {
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject((m_dir.path() + "/missing.winnow").toStdString(), nullptr);
        QSignalSpy done(&runner, &JobRunner::jobFinished);
        panel.compute();
        QVERIFY(done.wait(30000));
        auto* status = panel.findChild<QLabel*>(QStringLiteral("mapStatus"));
        QVERIFY(status->text().contains(QStringLiteral("missing.winnow")));
        QCOMPARE(int(panel.view()->points().size()), 0);
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_map_panel.moc"
