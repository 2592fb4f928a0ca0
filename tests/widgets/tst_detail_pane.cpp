// Detail pane: metadata, label history from label_changes, the image itself, and the import
// error of an unreadable sample; loading happens off the GUI thread.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "grid_fixture.h"
#include "widgets/detail_pane.h"

using namespace winnow;
using widgets::DetailPane;

namespace {
QString field(const widgets::SampleDetail& d, const QString& name) {
    for (const auto& f : d.fields)
        if (f.first == name) return f.second;
    return {};
}
}  // namespace

class TestDetailPane : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detailOfLabelledSample() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{QColor(10, 200, 30), {20, 10}, 1, 2, false}}, 3);
        const auto file = testing::projectFile(dir.path());
        {
            auto p = core::Project::open(file);
            auto& db = p->db();
            db.exec("INSERT INTO label_versions(id, parent_id, name, created_at)"
                    " VALUES(2, 1, 'review 1', '2026-01-02T03:04:05Z')");
            auto st = db.prepare(
                "INSERT INTO label_changes(version_id, sample_id, old_label, new_label, action)"
                " VALUES(2, ?, (SELECT id FROM classes WHERE idx=1),"
                " (SELECT id FROM classes WHERE idx=2), 'relabel')");
            st.bind(1, ids[0]).run();
        }
        const auto d = DetailPane::gather(file, ids[0]);
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(field(d, "Label"), QString("c1"));
        QCOMPARE(field(d, "Split"), QString("test"));
        QCOMPARE(field(d, "Id"), QString::number(ids[0]));
        QCOMPARE(d.history.size(), 1);
        QCOMPARE(d.history[0], (QStringList{"review 1", "2026-01-02T03:04:05Z", "c1", "c2", "relabel"}));
        QCOMPARE(d.image.size(), QSize(20, 10));  // full size, not a thumbnail
        QCOMPARE(QColor(d.image.pixel(3, 3)), QColor(10, 200, 30));
    }

    void unreadableSampleShowsItsError() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(dir.path(), {{QColor(), {4, 4}, 0, 0, true}}, 1);
        const auto file = testing::projectFile(dir.path());
        {
            auto p = core::Project::open(file);
            auto st = p->db().prepare("UPDATE samples SET status=1, error=? WHERE id=?");
            st.bind(1, "truncated PNG data").bind(2, ids[0]).run();
        }
        const auto d = DetailPane::gather(file, ids[0]);
        QVERIFY(d.image.isNull());
        QVERIFY(d.error.contains("truncated PNG data"));
    }

    void asyncShowAndMissingSample() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(dir.path(), {{Qt::red, {8, 8}, 0, 0, false}}, 1);
        DetailPane pane;
        pane.setProject(testing::projectFile(dir.path()));
        QSignalSpy shown(&pane, &DetailPane::detailShown);
        pane.showSample(ids[0] + 100);  // superseded before it can arrive
        pane.showSample(ids[0]);
        QVERIFY(QTest::qWaitFor([&] { return pane.current().id == ids[0]; }, 10000));
        QTest::qWait(50);
        QCOMPARE(shown.count(), 1);  // the stale request was dropped
        QVERIFY(!pane.current().image.isNull());
        const auto missing = DetailPane::gather(testing::projectFile(dir.path()), ids[0] + 100);
        QVERIFY(!missing.error.isEmpty());
    }
};

QTEST_MAIN(TestDetailPane)
#include "tst_detail_pane.moc"
