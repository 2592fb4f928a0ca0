// The grid view offscreen: tiles are laid out in a wrapping grid, thumbnails arrive and are
// painted, and a million-row model scrolls to its end without a per-row widget.
#include <QApplication>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QtTest>

#include "grid_fixture.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/thumbnail_cache.h"
#include "widgets/thumbnail_delegate.h"

using namespace winnow;

namespace {
std::shared_ptr<core::SampleTable> bigTable(size_t n) {
    auto t = std::make_shared<core::SampleTable>();
    t->ids.resize(n);
    for (size_t i = 0; i < n; ++i) t->ids[i] = int64_t(i + 1);
    t->label.assign(n, 0);
    t->originalLabel.assign(n, -1);
    t->split.assign(n, 0);
    t->status.assign(n, 0);
    t->trusted.assign(n, 0);
    t->kind.assign(n, 0);
    return t;
}
}  // namespace

class TestGridView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Issue 16: the selected tile must stand out while its window is inactive too (another
    // window has the focus); the view paints with the palette's Inactive group then.
    void selectedTileShowsWhenInactive() {
        QStandardItemModel model(1, 1);
        widgets::ThumbnailDelegate delegate(96);
        QStyleOptionViewItem opt;
        opt.palette = QApplication::palette();
        opt.palette.setCurrentColorGroup(QPalette::Inactive);
        opt.font = QApplication::font();
        opt.rect = QRect(QPoint(0, 0), delegate.sizeHint(opt, model.index(0, 0)));
        auto paint = [&](bool selected) {
            QImage img(opt.rect.size(), QImage::Format_ARGB32);
            img.fill(Qt::transparent);
            QStyleOptionViewItem o = opt;
            o.state = QStyle::State_Enabled | (selected ? QStyle::State_Selected : QStyle::State_None);
            QPainter p(&img);
            delegate.paint(&p, o, model.index(0, 0));
            return img;
        };
        const QColor plain = paint(false).pixelColor(1, 1), selected = paint(true).pixelColor(1, 1);
        const int diff = std::abs(plain.red() - selected.red()) + std::abs(plain.green() - selected.green()) +
                         std::abs(plain.blue() - selected.blue());
        QVERIFY2(diff >= 60, qPrintable(QStringLiteral("tile background %1 vs selected %2")
                                            .arg(plain.name(), selected.name())));
    }

    void paintsThumbnails() {
        QTemporaryDir dir;
        const QColor colors[] = {QColor(220, 30, 30), QColor(30, 200, 30), QColor(30, 30, 220)};
        std::vector<testing::FixtureSample> samples;
        for (int i = 0; i < 12; ++i) samples.push_back({colors[i % 3], {64, 64}, i % 3, 0, false});
        const auto ids = testing::makeImageProject(dir.path(), samples, 3);
        const auto file = testing::projectFile(dir.path());

        auto table = std::make_shared<core::SampleTable>();
        for (size_t i = 0; i < ids.size(); ++i) {
            table->ids.push_back(ids[i]);
            table->label.push_back(int(i % 3));
            table->originalLabel.push_back(-1);
            table->split.push_back(0);
            table->status.push_back(0);
            table->trusted.push_back(0);
            table->kind.push_back(0);
        }
        widgets::ThumbnailCache cache(file, 64);
        widgets::SampleGridModel model;
        model.setThumbnailCache(&cache);
        model.setTable(table, {"c0", "c1", "c2"});
        widgets::SampleGridView view(64);
        view.setGridModel(&model);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // Painting asked for every visible thumbnail; wait until all twelve are cached.
        QVERIFY(QTest::qWaitFor([&] {
            view.viewport()->repaint();
            int n = 0;
            for (int64_t id : ids) n += !cache.lookup(id).isNull();
            return n == int(ids.size());
        }, 20000));

        // Grid layout: the second tile is right of the first, on the same row.
        const QRect r0 = view.visualRect(model.index(0));
        const QRect r1 = view.visualRect(model.index(1));
        QVERIFY(r0.isValid() && r1.isValid());
        QCOMPARE(r1.top(), r0.top());
        QVERIFY(r1.left() > r0.right());
        QVERIFY(view.viewport()->rect().contains(r0));

        // The centre of each thumbnail shows its file's colour.
        const QImage shot = view.viewport()->grab().toImage();
        for (int row = 0; row < 3; ++row) {
            const QRect r = view.visualRect(model.index(row));
            const QPoint centre(r.left() + 4 + 32, r.top() + 4 + 32);  // kPad + side/2
            QCOMPARE(QColor(shot.pixel(centre)), colors[row]);
        }
        QCOMPARE(view.indexAt(r1.center()).row(), 1);
        // No child widget per item: only the viewport and scroll bars exist.
        QVERIFY(view.viewport()->findChildren<QWidget*>().isEmpty());
    }

    void millionRowsScrollToEnd() {
        widgets::SampleGridModel model;
        model.setTable(bigTable(1000000), {"only"});
        widgets::SampleGridView view(64);
        view.setGridModel(&model);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex last = model.index(999999);
        // Batched layout finishes in a few event-loop turns.
        QVERIFY(QTest::qWaitFor([&] {
            view.scrollTo(last);
            return view.viewport()->rect().intersects(view.visualRect(last));
        }, 30000));
        const QRect r = view.visualRect(last);
        QCOMPARE(view.indexAt(r.center()).data(widgets::SampleGridModel::SampleIdRole).toLongLong(),
                 qint64(1000000));
        view.viewport()->repaint();  // paints the last screen without trouble
    }
};

QTEST_MAIN(TestGridView)
#include "tst_grid_view.moc"
