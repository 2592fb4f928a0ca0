// The map dock: computes the map of a project's thumbnails on a job, aligns labels and splits
// with the map's sample ids, recolours without losing the view, hands a selection on.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/curation/curation.h"
#include "core/store/project.h"
#include "grid_fixture.h"
#include "widgets/curation/embedding_map_view.h"
#include "widgets/curation/map_panel.h"
#include "widgets/job_runner.h"

using namespace winnow;
using namespace winnow::widgets;

namespace {

// 45 samples of three classes; splits cycle so they do not follow the class.
std::vector<testing::FixtureSample> samples() {
    std::vector<testing::FixtureSample> out;
    for (int i = 0; i < 45; ++i) out.push_back({Qt::black, QSize(32, 32), i % 3, (i / 3) % 3});
    return out;
}

// Each class its own shape (bright top half, bright left half, bright centre square), with
// brightness and a little noise varying within the class: the grey-thumbnail features
// separate the classes.
void drawShapes(const QString& dir) {
    for (int i = 0; i < 45; ++i) {
        QImage img(32, 32, QImage::Format_RGB32);
        const int c = i % 3, bright = 150 + (i / 3) * 7;
        quint32 noise = 2166136261u + quint32(i);
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x) {
                const bool on = c == 0 ? y < 16 : c == 1 ? x < 16 : (x >= 8 && x < 24 && y >= 8 && y < 24);
                noise = noise * 16777619u + 12345u;
                const int v = (on ? bright : 30) + int(noise >> 28);
                img.setPixel(x, y, qRgb(v, v, v));
            }
        QVERIFY(img.save(QStringLiteral("%1/img/s%2.png").arg(dir).arg(i), "PNG"));
    }
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
    void initTestCase() {
        m_ids = testing::makeImageProject(m_dir.path(), samples(), 3);
        drawShapes(m_dir.path());
    }

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
        // The shapes are far apart in the thumbnails: each point's nearest point on the map
        // has its class (independent of how the panel aligned labels).
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
        // The ringed sample stays ringed through a recolouring; without a scan over the map's
        // features it has no neighbours to ring.
        panel.highlightSample(m_ids[5]);
        panel.colourBy(0);
        QCOMPARE(panel.view()->highlightedIds(), (QVector<qint64>{m_ids[5]}));
        QVERIFY(panel.neighboursOf(m_ids[5]).isEmpty());
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

    // After a curation scan over the same thumbnail features, the grid's sample is ringed with
    // its k stored neighbours; the shapes are far apart, so they share its class.
    void selectedSampleRingedWithItsNeighbours() {
        const auto file = (m_dir.path() + "/p.winnow").toStdString();
        {
            auto p = core::Project::open(file);
            core::CurationOptions o;
            o.k = 5;
            core::CurationResult r = core::runCuration(*p, o);
            core::storeCuration(*p, r);
        }
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject(file, nullptr);
        panel.highlightSample(m_ids[4]);  // before the map exists: ringed once it is shown
        QVERIFY(computeAndWait(panel));
        const QVector<qint64> ringed = panel.view()->highlightedIds();
        QCOMPARE(ringed.size(), 6);
        QVERIFY(ringed.contains(m_ids[4]));
        const QVector<qint64> nb = panel.neighboursOf(m_ids[4]);
        QCOMPARE(nb.size(), 5);
        for (qint64 id : nb) {
            const auto i = std::find(m_ids.begin(), m_ids.end(), id) - m_ids.begin();
            QVERIFY(id != m_ids[4] && ringed.contains(id));
            QCOMPARE(int(i % 3), 4 % 3);
        }
        panel.highlightSample(-1);
        QVERIFY(panel.view()->highlightedIds().isEmpty());
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_map_panel.moc"
