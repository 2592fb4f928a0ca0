// ThumbnailCache: decoded thumbnails show the file's pixels at the requested size, the
// memory cache respects its byte budget, the disk cache is read back, and an edited file is
// decoded again.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

#include "core/dataset/sample_store.h"
#include "grid_fixture.h"
#include "widgets/thumbnail_cache.h"

using namespace winnow;
using widgets::ThumbnailCache;

namespace {
bool waitReady(QSignalSpy& spy, int n) {
    return QTest::qWaitFor([&] { return spy.count() >= n; }, 20000);
}
core::Sample sampleOf(const QString& dir, int64_t id) {
    auto p = core::Project::open(testing::projectFile(dir));
    return *core::SampleStore(p->db()).sample(id);
}
}  // namespace

class TestThumbnailCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodesToRequestedSize() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{QColor(200, 10, 10), {64, 32}, 0, 0, false}}, 1);
        ThumbnailCache cache(testing::projectFile(dir.path()), 32);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QVERIFY(cache.lookup(ids[0]).isNull());
        cache.request(ids[0]);
        QVERIFY(waitReady(ready, 1));
        QCOMPARE(ready.at(0).at(0).toLongLong(), ids[0]);
        const QImage img = cache.lookup(ids[0]);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(32, 16));  // 64x32 fitted into 32x32, aspect kept
        QCOMPARE(QColor(img.pixel(10, 8)), QColor(200, 10, 10));
        QCOMPARE(cache.memoryBytes(), qint64(32 * 16 * 4));  // RGB32
    }

    void memoryBudgetEvicts() {
        QTemporaryDir dir;
        std::vector<testing::FixtureSample> samples;
        for (int i = 0; i < 6; ++i) samples.push_back({QColor(i * 40, 0, 0), {32, 32}, 0, 0, false});
        const auto ids = testing::makeImageProject(dir.path(), samples, 1);
        // Each thumbnail is 32*32*4 = 4096 bytes; 10,000 bytes hold two of them.
        ThumbnailCache cache(testing::projectFile(dir.path()), 32, 10000);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        for (int64_t id : ids) cache.request(id);
        QVERIFY(waitReady(ready, 6));
        QCOMPARE(cache.memoryCount(), 2);
        QCOMPARE(cache.memoryBytes(), qint64(2 * 4096));
        QVERIFY(cache.memoryBytes() <= cache.memoryBudget());
        int present = 0;
        for (int64_t id : ids) present += !cache.lookup(id).isNull();
        QCOMPARE(present, 2);
    }

    void diskCacheHitAndInvalidation() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{QColor(0, 120, 0), {40, 40}, 0, 0, false}}, 1);
        const auto file = testing::projectFile(dir.path());
        QString diskFile;
        {
            ThumbnailCache cache(file, 32);
            QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
            cache.request(ids[0]);
            QVERIFY(waitReady(ready, 1));
            QCOMPARE(cache.decodes(), 1);
            QCOMPARE(cache.diskHits(), 0);
            diskFile = cache.diskFileFor(sampleOf(dir.path(), ids[0]));
            QVERIFY(diskFile.startsWith(dir.path() + "/p.winnow-cache/"));
            QVERIFY(QFileInfo::exists(diskFile));
        }
        // Replace the cached thumbnail with a colour the source never had: a fresh cache
        // (empty memory) must show it, proving it read the disk cache and did not decode.
        QImage marker(32, 32, QImage::Format_RGB32);
        marker.fill(QColor(255, 0, 255));
        QVERIFY(marker.save(diskFile, "PNG"));
        {
            ThumbnailCache cache(file, 32);
            QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
            cache.request(ids[0]);
            QVERIFY(waitReady(ready, 1));
            QCOMPARE(cache.diskHits(), 1);
            QCOMPARE(cache.decodes(), 0);
            QCOMPARE(QColor(cache.lookup(ids[0]).pixel(5, 5)), QColor(255, 0, 255));
        }
        // Editing the source (new size and mtime) changes the key: decoded afresh.
        const core::Sample s = sampleOf(dir.path(), ids[0]);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        QImage edited(48, 48, QImage::Format_RGB32);
        edited.fill(QColor(0, 0, 200));
        QVERIFY(edited.save(QString::fromStdString(s.path), "PNG"));
        {
            ThumbnailCache cache(file, 32);
            QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
            QVERIFY(cache.diskFileFor(s) != diskFile);
            cache.request(ids[0]);
            QVERIFY(waitReady(ready, 1));
            QCOMPARE(cache.decodes(), 1);
            QCOMPARE(QColor(cache.lookup(ids[0]).pixel(5, 5)), QColor(0, 0, 200));
        }
    }

    void corruptFileIsMarkedFailed() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{QColor(), {8, 8}, 0, 0, true}, {QColor(9, 9, 9), {8, 8}, 0, 0, false}}, 1);
        ThumbnailCache cache(testing::projectFile(dir.path()), 32);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        cache.request(ids[0]);
        cache.request(ids[1]);
        QVERIFY(waitReady(ready, 2));
        QVERIFY(cache.failed(ids[0]));
        QVERIFY(cache.lookup(ids[0]).isNull());
        QVERIFY(!cache.failed(ids[1]));
        // A failed sample is not queued again (no decode loop while it stays on screen).
        cache.request(ids[0]);
        QTest::qWait(100);
        QCOMPARE(ready.count(), 2);
    }
};

QTEST_MAIN(TestThumbnailCache)
#include "tst_thumbnail_cache.moc"
