// The review queue's position is saved by a timer on the GUI thread. While another
// connection (a CLI import) holds the project's write lock, saving used to throw "database is
// locked" into Qt's event loop (issue 13), which ends the process. Now the widget says so
// in its status line, keeps the reviewer working and saves once the lock is free.
#include <QApplication>
#include <QtTest>

#include "core/store/project.h"
#include "review_fixture.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

class TestReviewPosition : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void lockedProjectDoesNotThrowIntoTheEventLoop() {
        auto data = makeSyntheticReviewData(40, 3, 0.3, 5);
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / "pos.winnow";
        review_fixture::makeProject(file, dir / "media", *data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("tester"));
        w.show();
        QVERIFY(w.model()->rowCount() > 3);

        auto other = core::Project::open(file);  // as winnow-cli import would
        auto tx = std::make_unique<core::Transaction>(other->db());
        other->setMeta("import.busy", "1");  // the other writer holds the write lock now
        w.setCurrentRow(3);
        const qint64 wanted = w.currentSampleId();
        // The debounce timer fires inside the event loop; an exception would abort here.
        QTRY_VERIFY_WITH_TIMEOUT(w.statusText().contains(QStringLiteral("not saved")), 5000);
        QVERIFY2(w.lastError().contains(QStringLiteral("locked")), qPrintable(w.lastError()));
        // The reviewer goes on working meanwhile: moving is not blocked.
        w.setCurrentRow(4);
        const qint64 later = w.currentSampleId();
        QVERIFY(later != wanted);
        tx->commit();
        tx.reset();
        // Saved on the retry, without a key press.
        auto stored = [&] {
            auto p = core::Project::openReadOnly(file);
            return QString::fromStdString(p->meta(ReviewWidget::kPositionKey, "-1"));
        };
        QTRY_COMPARE_WITH_TIMEOUT(stored(), QString::number(later), 10000);
        QTRY_VERIFY(w.statusText().contains(QStringLiteral("saved")) && !w.statusText().contains(QStringLiteral("not")));
    }
};

QTEST_MAIN(TestReviewPosition)
#include "tst_review_position.moc"
