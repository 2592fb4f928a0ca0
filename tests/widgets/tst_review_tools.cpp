// The reviewer's everyday tools in the review queue (issue 16): "T" never silently trusts a
// label the model disputes; undo/redo say what they take back; the decision history of the
// current sample; the "?" / F1 key help generated from the key table; the large view with
// zoom, pan and ← / → between samples.
#include <QApplication>
#include <QCheckBox>
#include <QGraphicsView>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>

#include "core/store/project.h"
#include "review_fixture.h"
#include "widgets/review/key_help_overlay.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/zoom_view.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

class TestReviewTools : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_count = 0;

    fs::path fresh(const ReviewData& d) {
        ++m_count;
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / ("t" + std::to_string(m_count) + ".winnow");
        review_fixture::makeProject(file, dir / ("m" + std::to_string(m_count)), d);
        return file;
    }
    static bool storedTrusted(const fs::path& file, qint64 id) {
        auto p = core::Project::openReadOnly(file);
        return p->db().queryInt64("SELECT trusted FROM samples WHERE id=" + std::to_string(id)) != 0;
    }
    // Queue row of the first sample whose model prediction differs from its label, and of
    // the first sample neither flagged nor disputed (every scored sample shown).
    static int disputedRow(const ReviewWidget& w, const ReviewData& d) {
        for (int row = 0; row < w.model()->rowCount(); ++row) {
            const int r = w.model()->dataRowAt(row);
            if (d.topClass[size_t(r) * 5] != d.given[size_t(r)]) return row;
        }
        return -1;
    }
    static int undisputedRow(const ReviewWidget& w, const ReviewData& d) {
        for (int row = 0; row < w.model()->rowCount(); ++row) {
            const int r = w.model()->dataRowAt(row);
            if (d.topClass[size_t(r) * 5] == d.given[size_t(r)] && !w.model()->isFlagged(r)) return row;
        }
        return -1;
    }

private Q_SLOTS:
    // "T" on a disputed label asks, naming both labels; No leaves it untrusted, Yes trusts.
    // An undisputed label, or one the reviewer kept with K first, is trusted without a word.
    void trustAsksWhenTheModelDisputes() {
        auto data = makeSyntheticReviewData(120, 4, 0.3, 41);
        const fs::path file = fresh(*data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        auto* flagged = w.findChild<QCheckBox*>();
        QVERIFY(flagged);
        flagged->setChecked(false);  // every scored sample
        QStringList asked;
        bool answer = false;
        w.setTrustConfirmation([&](const QString& q) {
            asked << q;
            return answer;
        });
        const int row = disputedRow(w, *data);
        QVERIFY(row >= 0);
        w.setCurrentRow(row);
        const qint64 id = w.currentSampleId();
        const int r = data->rowOf(id);
        const QString given = data->classNames[data->given[size_t(r)]];
        const QString predicted = data->classNames[data->topClass[size_t(r) * 5]];

        QTest::keyClick(w.queueView(), Qt::Key_T);  // answered No
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].contains(given) && asked[0].contains(predicted), qPrintable(asked[0]));
        QVERIFY(!w.model()->trusted(id));
        QVERIFY(!storedTrusted(file, id));
        QCOMPARE(w.currentSampleId(), id);  // still on it
        QVERIFY(w.statusText().contains(QStringLiteral("Not trusted")));

        answer = true;
        QTest::keyClick(w.queueView(), Qt::Key_T);  // answered Yes
        QCOMPARE(asked.size(), 2);
        QVERIFY(w.model()->trusted(id));
        QVERIFY(storedTrusted(file, id));

        // Untrusting never asks.
        w.setCurrentRow(w.model()->rowOfSample(id));
        QVERIFY(w.toggleTrusted());
        QCOMPARE(asked.size(), 2);
        QVERIFY(!storedTrusted(file, id));

        // A decision first: K keeps the label, then T trusts without a question.
        w.setCurrentRow(w.model()->rowOfSample(id));
        QTest::keyClick(w.queueView(), Qt::Key_K);
        w.setCurrentRow(w.model()->rowOfSample(id));
        answer = false;
        QTest::keyClick(w.queueView(), Qt::Key_T);
        QCOMPARE(asked.size(), 2);
        QVERIFY(storedTrusted(file, id));

        // An undisputed label: no question.
        const int calm = undisputedRow(w, *data);
        QVERIFY(calm >= 0);
        w.setCurrentRow(calm);
        const qint64 calmId = w.currentSampleId();
        QTest::keyClick(w.queueView(), Qt::Key_T);
        QCOMPARE(asked.size(), 2);
        QVERIFY(storedTrusted(file, calmId));
    }

    // Without a test hook the question is a message box naming both labels; No is the default.
    void trustQuestionIsAMessageBox() {
        auto data = makeSyntheticReviewData(60, 3, 0.3, 42);
        const fs::path file = fresh(*data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        w.findChild<QCheckBox*>()->setChecked(false);
        const int row = disputedRow(w, *data);
        QVERIFY(row >= 0);
        w.setCurrentRow(row);
        const qint64 id = w.currentSampleId();
        const int r = data->rowOf(id);
        QString seen;
        QTimer::singleShot(50, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            seen = box->objectName() + QLatin1Char('|') + box->text();
            QTest::keyClick(box, Qt::Key_Escape);
        });
        QVERIFY(!w.toggleTrusted());
        QVERIFY2(seen.startsWith(QStringLiteral("confirmTrust|")), qPrintable(seen));
        QVERIFY(seen.contains(data->classNames[data->given[size_t(r)]]));
        QVERIFY(seen.contains(data->classNames[data->topClass[size_t(r) * 5]]));
        QVERIFY(!storedTrusted(file, id));
    }

    // Undo and redo name what they take back; a batch is one step; the history of the
    // current sample lists its decisions from the audit log, undo rows included.
    void undoNamesTheActionAndHistoryShowsIt() {
        auto data = makeSyntheticReviewData(200, 4, 0.3, 43);
        const fs::path file = fresh(*data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        QVERIFY(!w.canUndo());
        QVERIFY(w.undoText().isEmpty());
        QSignalSpy changed(&w, &ReviewWidget::undoStateChanged);
        // Pick a sample whose label is not class 2, relabel it as class 2 with key 3.
        int row = 0;
        while (data->given[size_t(w.model()->dataRowAt(row))] == 2) ++row;
        w.setCurrentRow(row);
        const qint64 id = w.currentSampleId();
        const QString given = data->classNames[data->given[size_t(data->rowOf(id))]];
        QTest::keyClick(w.queueView(), Qt::Key_3);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(w.undoText(), QStringLiteral("relabel of #%1 %2 → class2").arg(id).arg(given));

        // Eight tiles, one key: one step named after the batch.
        w.setCurrentRow(20);
        QItemSelection sel(w.model()->index(20), w.model()->index(27));
        w.queueView()->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(w.queueView(), Qt::Key_2);
        QCOMPARE(w.undoText(), QStringLiteral("relabel of 8 samples → class1"));
        QVERIFY(w.undo());
        QCOMPARE(w.redoText(), QStringLiteral("relabel of 8 samples → class1"));
        QCOMPARE(w.undoText(), QStringLiteral("relabel of #%1 %2 → class2").arg(id).arg(given));
        QVERIFY(w.statusText().contains(QStringLiteral("relabel of 8 samples")));
        QVERIFY(w.redo());
        QCOMPARE(w.undoText(), QStringLiteral("relabel of 8 samples → class1"));
        QVERIFY(w.redoText().isEmpty());

        // History of the first sample: relabel, then (after undo) its undo row.
        w.queueView()->clearSelection();
        w.setCurrentRow(w.model()->rowOfSample(id));
        QLabel* h = w.historyLabel();
        QVERIFY2(h->text().contains(QStringLiteral("relabel %1 → class2").arg(given)), qPrintable(h->text()));
        QVERIFY(h->text().contains(QStringLiteral("ann")));
        QVERIFY(w.undo());  // the batch
        QVERIFY(w.undo());  // the first relabel: shows the sample again
        QCOMPARE(w.currentSampleId(), id);
        QVERIFY2(h->text().contains(QStringLiteral("undo of decision")), qPrintable(h->text()));
        QVERIFY(h->isVisible());
        // A sample nobody decided on says so.
        w.setCurrentRow(w.model()->rowCount() - 1);
        QVERIFY2(h->text().startsWith(QStringLiteral("No decisions")), qPrintable(h->text()));
    }

    // "?" and F1 show every key of the key table, with what it does; any key closes the sheet.
    void keyHelpListsTheKeyTable() {
        auto data = makeSyntheticReviewData(60, 4, 0.3, 44);
        const fs::path file = fresh(*data);
        ReviewWidget w;
        w.resize(1000, 700);
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto keys = w.keyHelp();
        QVERIFY(keys.size() >= 12);
        KeyHelpOverlay* overlay = w.keyHelpOverlay();
        QVERIFY(!overlay->isVisible());
        w.queueView()->setFocus();
        QTest::keyClick(w.queueView(), Qt::Key_Question, Qt::ShiftModifier);
        QVERIFY(overlay->isVisible());
        for (const auto& k : keys) {
            QVERIFY2(overlay->text().contains(k.keys.toHtmlEscaped()), qPrintable(k.keys));
            QVERIFY2(overlay->text().contains(k.what.toHtmlEscaped()), qPrintable(k.what));
        }
        for (const char* expected : {"K", "X", "A", "T", "Z", "Shift+Z", "Enter", "/"})
            QVERIFY2(std::any_of(keys.begin(), keys.end(), [&](const KeyHelpEntry& e) { return e.keys == QLatin1String(expected); }),
                     expected);
        const qint64 before = w.currentSampleId();
        QTest::keyClick(overlay, Qt::Key_K);  // closes the sheet, decides nothing
        QVERIFY(!overlay->isVisible());
        QCOMPARE(w.currentSampleId(), before);
        QTest::keyClick(w.queueView(), Qt::Key_F1);
        QVERIFY(overlay->isVisible());
        QCOMPARE(overlay->geometry(), w.rect());
    }

    // Double-click a tile: the large view at full resolution; Fit, 1:1, Ctrl+wheel; ← / →
    // move the queue and the view follows.
    void largeViewZoomsAndFollowsTheQueue() {
        auto data = makeSyntheticReviewData(40, 3, 0.3, 45);
        const fs::path file = fresh(*data);
        ReviewWidget w;
        w.resize(1000, 700);
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QListView* v = w.queueView();
        const QRect tile = v->visualRect(w.model()->index(2));
        // A double-click as a mouse makes it: press and release, then the second press.
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, tile.center());
        QTest::mouseDClick(v->viewport(), Qt::LeftButton, {}, tile.center());
        QCOMPARE(w.currentRow(), 2);
        ZoomView* z = w.zoomView();
        QVERIFY(z && z->isVisible());
        QCOMPARE(z->sampleId(), w.currentSampleId());
        // The fixture's files are 8×8: the full-resolution decode arrives at that size.
        QTRY_COMPARE_WITH_TIMEOUT(z->image().size(), QSize(8, 8), 10000);
        QVERIFY(z->fitted());
        QVERIFY2(z->zoom() > 10.0, qPrintable(QString::number(z->zoom())));  // 8 px fitted to the window
        QTest::keyClick(z->view(), Qt::Key_1);
        QCOMPARE(z->zoom(), 1.0);
        QVERIFY(!z->fitted());
        QWheelEvent wheel(QPointF(10, 10), z->view()->viewport()->mapToGlobal(QPointF(10, 10)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(z->view()->viewport(), &wheel);
        QCOMPARE(z->zoom(), 1.25);
        QTest::keyClick(z->view(), Qt::Key_F);
        QVERIFY(z->fitted());
        QVERIFY(z->zoom() > 10.0);
        QTest::keyClick(z->view(), Qt::Key_Right);
        QCOMPARE(w.currentRow(), 3);
        QCOMPARE(z->sampleId(), w.currentSampleId());
        QTest::keyClick(z->view(), Qt::Key_Left);
        QTest::keyClick(z->view(), Qt::Key_Left);
        QCOMPARE(w.currentRow(), 1);
        QCOMPARE(z->sampleId(), w.currentSampleId());
        QVERIFY(z->caption().contains(QStringLiteral("#%1").arg(w.currentSampleId())));
        // The detail image opens it too.
        z->close();
        Q_EMIT w.panel()->imageDoubleClicked();
        QVERIFY(z->isVisible());
    }
};

QTEST_MAIN(TestReviewTools)
#include "tst_review_tools.moc"
