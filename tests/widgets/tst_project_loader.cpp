// Project loading for the grid: the preview holds the first rows in id order and arrives
// before the complete table, both on the GUI thread; failures become readable errors.
#include <QTemporaryDir>
#include <QtTest>

#include "grid_fixture.h"
#include "widgets/job_runner.h"
#include "widgets/project_loader.h"

using namespace winnow;

class TestProjectLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void previewThenFull() {
        QTemporaryDir dir;
        std::vector<testing::FixtureSample> samples;
        for (int i = 0; i < 25; ++i)
            samples.push_back({QColor(i, i, i), {4, 4}, i % 3, i % 2, false});
        const auto ids = testing::makeImageProject(dir.path(), samples, 3);
        widgets::JobRunner runner;
        std::vector<std::string> order;
        widgets::LoadedTable preview, full;
        bool done = false;
        widgets::startProjectLoad(
            runner, testing::projectFile(dir.path()),
            [&](const widgets::LoadedTable& t) {
                QCOMPARE(QThread::currentThread(), qApp->thread());
                order.push_back("preview");
                preview = t;
            },
            [&](const widgets::LoadedTable& t) {
                order.push_back("full");
                full = t;
                done = true;
            },
            [&](const widgets::JobResult&) { done = true; }, 10);
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
        QCOMPARE(order, (std::vector<std::string>{"preview", "full"}));
        QVERIFY(!preview.complete);
        QVERIFY(full.complete);
        QCOMPARE(full.classNames, (QStringList{"c0", "c1", "c2"}));
        QCOMPARE(preview.table->size(), size_t(10));
        QCOMPARE(full.table->size(), size_t(25));
        for (size_t i = 0; i < 25; ++i) {
            QCOMPARE(full.table->ids[i], ids[i]);
            QCOMPARE(full.table->label[i], int(i % 3));
            QCOMPARE(int(full.table->split[i]), int(i % 2));
            if (i < 10) {
                QCOMPARE(preview.table->ids[i], ids[i]);
                QCOMPARE(preview.table->label[i], int(i % 3));
            }
        }
    }

    void missingProjectFails() {
        QTemporaryDir dir;
        widgets::JobRunner runner;
        std::optional<widgets::JobResult> failure;
        bool loaded = false;
        widgets::startProjectLoad(
            runner, (dir.path() + "/absent.winnow").toStdString(), {},
            [&](const widgets::LoadedTable&) { loaded = true; },
            [&](const widgets::JobResult& r) { failure = r; });
        QVERIFY(QTest::qWaitFor([&] { return failure.has_value() || loaded; }, 20000));
        QVERIFY(!loaded);
        QVERIFY(!failure->error.isEmpty());
        QVERIFY(failure->error.contains("absent.winnow"));
    }
};

QTEST_MAIN(TestProjectLoader)
#include "tst_project_loader.moc"
