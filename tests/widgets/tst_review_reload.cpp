// Issue 16, bug 1: reopening the review widget (Reload results, Load/Open the new scoring)
// replaces its thumbnail caches. The queue model, the detail panel and the similar-sample
// strips keep pointing at the caches: reloading several times, then opening another
// scoring, must neither crash nor leave any of them on a deleted cache. After every reload
// thumbnails still reach the queue (through the new cache) and the detail image shows.
#include <QListView>
#include <QPointer>
#include <QtTest>

#include "core/store/project.h"
#include "review_fixture.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/thumbnail_cache.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

class TestReviewReload : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Waits until the queue's first row has its thumbnail, i.e. a decode went through the
    // cache the model holds now and its thumbnailReady reached the model.
    static bool firstThumbnailArrives(ReviewWidget& w) {
        const QModelIndex first = w.model()->index(0);
        w.model()->data(first, ReviewQueueModel::ThumbnailRole);  // asks for the decode
        QSignalSpy changed(w.model(), &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 200; ++i) {
            if (!w.model()->data(first, ReviewQueueModel::ThumbnailRole).value<QImage>().isNull()) return true;
            changed.wait(50);
        }
        return false;
    }

private Q_SLOTS:
    void reloadFiveTimesThenAnotherScoring() {
        auto data = makeSyntheticReviewData(60, 3, 0.3, 5);
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / "reload.winnow";
        review_fixture::makeProject(file, dir / "media", *data);
        ReviewWidget w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QList<QPointer<ThumbnailCache>> previous;
        // When a cache dies, neither the queue model nor the panel may still hold it (they
        // used to, and disconnected from it after its deletion: the segfault).
        int died = 0;
        QStringList heldWhenDeleted;
        auto watch = [&](ThumbnailCache* c) {
            connect(c, &QObject::destroyed, &w, [&, c](QObject*) {
                ++died;
                if (w.model()->thumbnailCache() == c) heldWhenDeleted << QStringLiteral("queue model");
                if (w.panel()->largeCache() == c) heldWhenDeleted << QStringLiteral("detail panel");
            });
        };
        for (int i = 0; i < 5; ++i) {
            w.open(file, data, QStringLiteral("tester"));
            QVERIFY2(heldWhenDeleted.isEmpty(), qPrintable(heldWhenDeleted.join(QLatin1Char(','))));
            QCOMPARE(died, 2 * i);
            // The caches of the previous opening are gone: nothing may still use them.
            for (const auto& c : previous) QVERIFY(c.isNull());
            previous = {};
            for (auto* c : w.findChildren<ThumbnailCache*>()) {
                previous << c;
                watch(c);
            }
            QCOMPARE(previous.size(), 2);
            QVERIFY(w.model()->rowCount() > 0);
            QVERIFY2(firstThumbnailArrives(w), qPrintable(QStringLiteral("reload %1").arg(i + 1)));
            QTRY_VERIFY_WITH_TIMEOUT(w.panel()->imageShown(), 10000);
            w.moveBy(1);
            QVERIFY(w.decide(core::ReviewAction::Keep));
        }
        // "Open the new scoring": other data of the same project.
        auto other = makeSyntheticReviewData(60, 3, 0.3, 9);
        other->detector = QStringLiteral("confident-learning");
        w.open(file, other, QStringLiteral("tester"));
        QVERIFY2(heldWhenDeleted.isEmpty(), qPrintable(heldWhenDeleted.join(QLatin1Char(','))));
        QCOMPARE(died, 10);
        for (const auto& c : previous) QVERIFY(c.isNull());
        QCOMPARE(w.model()->reviewData()->detector, QStringLiteral("confident-learning"));
        QVERIFY(firstThumbnailArrives(w));
        QTRY_VERIFY_WITH_TIMEOUT(w.panel()->imageShown(), 10000);
        QVERIFY(w.decide(core::ReviewAction::Exclude));
    }
};

QTEST_MAIN(TestReviewReload)
#include "tst_review_reload.moc"
