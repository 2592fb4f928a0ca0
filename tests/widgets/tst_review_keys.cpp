// Drives the review widget from the keyboard over a fixture project and checks the rows the
// audit log received, undo/redo rows, bulk actions, class search and the restored position.
#include <QListView>
#include <QLineEdit>
#include <QtTest>

#include "core/store/project.h"
#include "review_fixture.h"
#include "widgets/review/class_palette.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/similar_strip.h"
#include "widgets/review/trusted_set_manager.h"
#include <QTableWidget>
#include <QListWidget>
#include <QPushButton>

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

namespace {

struct Row {
    qint64 id, sample;
    QString reviewer, action;
    int oldIdx, newIdx;
    qint64 reverts;
    QString detector;
};

// Read back through a separate connection: what a crash-restart would see.
QList<Row> rows(const fs::path& file) {
    auto p = core::Project::openReadOnly(file);
    auto st = p->db().prepare(
        "SELECT d.id, d.sample_id, d.reviewer, d.action, coalesce(o.idx,-1), coalesce(n.idx,-1),"
        " coalesce(d.reverts,0), coalesce(d.detector,'') FROM review_decisions d"
        " LEFT JOIN classes o ON o.id=d.old_label LEFT JOIN classes n ON n.id=d.new_label ORDER BY d.id");
    QList<Row> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), QString::fromStdString(st.text(2)),
                       QString::fromStdString(st.text(3)), st.int32(4), st.int32(5), st.int64(6),
                       QString::fromStdString(st.text(7))});
    return out;
}

// The flagged samples by descending score, computed without the model.
QList<qint64> expectedQueue(const ReviewData& d) {
    QList<int> r;
    for (int i = 0; i < d.n; ++i)
        if (d.flag[size_t(i)]) r << i;
    std::stable_sort(r.begin(), r.end(), [&](int a, int b) { return d.score[size_t(a)] > d.score[size_t(b)]; });
    QList<qint64> ids;
    for (int i : r) ids << d.ids[size_t(i)];
    return ids;
}

}  // namespace

class TestReviewKeys : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_count = 0;

    fs::path fresh(const ReviewData& d) {
        ++m_count;
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / ("p" + std::to_string(m_count) + ".winnow");
        review_fixture::makeProject(file, dir / ("m" + std::to_string(m_count)), d);
        return file;
    }

private Q_SLOTS:
    void keySequenceWritesAuditRows() {
        auto data = makeSyntheticReviewData(300, 4, 0.3, 21);
        const fs::path file = fresh(*data);
        const QList<qint64> queue = expectedQueue(*data);
        QVERIFY(queue.size() > 12);
        auto given = [&](qint64 id) { return data->given[size_t(data->rowOf(id))]; };
        auto suggested = [&](qint64 id) { return data->suggested[size_t(data->rowOf(id))]; };

        ReviewWidget w;
        w.resize(1000, 700);
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        QListView* v = w.queueView();
        QCOMPARE(w.currentSampleId(), queue[0]);

        QTest::keyClick(v, Qt::Key_K);                    // keep queue[0]
        QCOMPARE(w.currentSampleId(), queue[1]);          // advanced
        QTest::keyClick(v, Qt::Key_X);                    // exclude queue[1]
        QTest::keyClick(v, Qt::Key_A);                    // ambiguous queue[2]
        // Number key 2 = class index 1; a same-class pick is recorded as keep.
        QTest::keyClick(v, Qt::Key_2);                    // queue[3]
        QTest::keyClick(v, Qt::Key_Return);               // accept suggestion for queue[4]
        QTest::keyClick(v, Qt::Key_Z);                    // undo queue[4]
        QCOMPARE(w.currentSampleId(), queue[4]);          // undo shows the item again
        QTest::keyClick(v, Qt::Key_Z, Qt::ShiftModifier); // redo it
        QTest::keyClick(v, Qt::Key_L);                    // move on without deciding
        QTest::keyClick(v, Qt::Key_J);
        QTest::keyClick(v, Qt::Key_L);
        // queue[5] is flagged: "T" asks before trusting a disputed label (tst_review_tools).
        w.setTrustConfirmation([](const QString&) { return true; });
        QTest::keyClick(v, Qt::Key_T);                    // trust queue[5]

        const QList<Row> got = rows(file);
        QCOMPARE(got.size(), 8);
        auto check = [&](int i, qint64 sample, const char* action, int oldIdx, int newIdx) {
            QCOMPARE(got[i].sample, sample);
            QCOMPARE(got[i].action, QString::fromLatin1(action));
            QCOMPARE(got[i].oldIdx, oldIdx);
            QCOMPARE(got[i].newIdx, newIdx);
            QCOMPARE(got[i].reviewer, QStringLiteral("ann"));
        };
        check(0, queue[0], "keep", given(queue[0]), -1);
        QCOMPARE(got[0].detector, QStringLiteral("influential-rank"));
        check(1, queue[1], "exclude", given(queue[1]), -1);
        check(2, queue[2], "ambiguous", given(queue[2]), -1);
        if (given(queue[3]) == 1) check(3, queue[3], "keep", 1, -1);
        else check(3, queue[3], "relabel", given(queue[3]), 1);
        if (suggested(queue[4]) >= 0) check(4, queue[4], "relabel", given(queue[4]), suggested(queue[4]));
        else check(4, queue[4], "keep", given(queue[4]), -1);
        QCOMPARE(got[5].action, QStringLiteral("undo"));
        QCOMPARE(got[5].reverts, got[4].id);
        QCOMPARE(got[6].action, got[4].action);  // redo re-records the same decision
        QCOMPARE(got[6].newIdx, got[4].newIdx);
        check(7, queue[5], "trust", given(queue[5]), -1);
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=" + std::to_string(queue[5])), 1);
        QCOMPARE(w.model()->reviewedFlaggedCount(), 6);
        QVERIFY(w.progressText().contains(QStringLiteral("6 / %1").arg(queue.size())));
    }

    void bulkActionOnSelection() {
        auto data = makeSyntheticReviewData(200, 3, 0.3, 4);
        const fs::path file = fresh(*data);
        const QList<qint64> queue = expectedQueue(*data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("bob"));
        w.show();
        QListView* v = w.queueView();
        QTest::keyClick(v, Qt::Key_Right, Qt::ShiftModifier);  // extend the selection natively
        QTest::keyClick(v, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(v->selectionModel()->selectedIndexes().size(), 3);
        QTest::keyClick(v, Qt::Key_X);
        const QList<Row> got = rows(file);
        QCOMPARE(got.size(), 3);
        QSet<qint64> samples;
        for (const auto& r : got) {
            QCOMPARE(r.action, QStringLiteral("exclude"));
            QCOMPARE(r.reviewer, QStringLiteral("bob"));
            samples.insert(r.sample);
        }
        QCOMPARE(samples, (QSet<qint64>{queue[0], queue[1], queue[2]}));
        QCOMPARE(w.currentSampleId(), queue[3]);
    }

    // Issue 16, bug 6: a relabel of 8 selected tiles with one key is one step for Z (undo)
    // and Shift+Z (redo); before, Z took back only the last of the eight.
    void undoAndRedoTakeABatchAsOneStep() {
        auto data = makeSyntheticReviewData(200, 3, 0.3, 6);
        const fs::path file = fresh(*data);
        const QList<qint64> queue = expectedQueue(*data);
        QVERIFY(queue.size() > 10);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("bob"));
        w.show();
        QListView* v = w.queueView();
        QTest::keyClick(v, Qt::Key_K);  // a single decision first: its own step
        for (int i = 0; i < 7; ++i) QTest::keyClick(v, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(v->selectionModel()->selectedIndexes().size(), 8);
        // "1" relabels all eight to class 0 (a tile already of class 0 records a keep).
        auto effective = [&](qint64 id) { return w.model()->decision(id); };
        auto relabelled = [&](qint64 id) {
            return effective(id) == (data->given[size_t(data->rowOf(id))] == 0 ? DecisionState::Keep
                                                                               : DecisionState::Relabel);
        };
        QTest::keyClick(v, Qt::Key_1);
        for (int i = 1; i <= 8; ++i) QVERIFY(relabelled(queue[i]));

        QTest::keyClick(v, Qt::Key_Z);
        for (int i = 1; i <= 8; ++i) QCOMPARE(effective(queue[i]), DecisionState::None);
        QCOMPARE(effective(queue[0]), DecisionState::Keep);  // the earlier step stays
        int undoRows = 0;
        for (const auto& r : rows(file)) undoRows += r.action == QStringLiteral("undo");
        QCOMPARE(undoRows, 8);
        // The reviewer is back at the batch's first tile.
        QCOMPARE(w.currentSampleId(), queue[1]);

        QTest::keyClick(v, Qt::Key_Z, Qt::ShiftModifier);
        for (int i = 1; i <= 8; ++i) QVERIFY(relabelled(queue[i]));
        QTest::keyClick(v, Qt::Key_Z);
        for (int i = 1; i <= 8; ++i) QCOMPARE(effective(queue[i]), DecisionState::None);
        QTest::keyClick(v, Qt::Key_Z);  // now the single keep
        QCOMPARE(effective(queue[0]), DecisionState::None);
        // A new reopen reads the same from the log.
        ReviewWidget again;
        again.open(file, data, QStringLiteral("bob"));
        for (int i = 0; i <= 8; ++i) QCOMPARE(again.model()->decision(queue[i]), DecisionState::None);
    }

    void classSearchWithManyClasses() {
        auto data = makeSyntheticReviewData(400, 12, 0.3, 9);
        const fs::path file = fresh(*data);
        const QList<qint64> queue = expectedQueue(*data);
        ReviewWidget w;
        w.open(file, data, QStringLiteral("cy"));
        w.show();
        QVERIFY(!w.palette()->usesNumberKeys());
        QTest::keyClick(w.queueView(), Qt::Key_Slash);
        QTest::keyClicks(w.palette()->searchBox(), QStringLiteral("ASS11"));
        QTest::keyClick(w.palette()->searchBox(), Qt::Key_Return);
        const QList<Row> got = rows(file);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].sample, queue[0]);
        if (data->given[size_t(data->rowOf(queue[0]))] == 11) QCOMPARE(got[0].action, QStringLiteral("keep"));
        else QCOMPARE(got[0].newIdx, 11);
        QCOMPARE(w.currentSampleId(), queue[1]);
    }

    void reopeningRestoresPositionAndStates() {
        auto data = makeSyntheticReviewData(300, 4, 0.3, 13);
        const fs::path file = fresh(*data);
        const QList<qint64> queue = expectedQueue(*data);
        {
            ReviewWidget w;
            w.open(file, data, QStringLiteral("ann"));
            QTest::keyClick(w.queueView(), Qt::Key_X);
            QTest::keyClick(w.queueView(), Qt::Key_K);
            for (int i = 0; i < 5; ++i) QTest::keyClick(w.queueView(), Qt::Key_L);
            QCOMPARE(w.currentSampleId(), queue[7]);
        }  // closing stores the position
        ReviewWidget again;
        again.open(file, data, QStringLiteral("ann"));
        QCOMPARE(again.currentSampleId(), queue[7]);
        QCOMPARE(again.model()->decision(queue[0]), DecisionState::Exclude);
        QCOMPARE(again.model()->decision(queue[1]), DecisionState::Keep);
        QCOMPARE(again.model()->reviewedFlaggedCount(), 2);
    }

    void trustedSetCoverageAndUnmark() {
        auto data = makeSyntheticReviewData(90, 3, 0.2, 23);
        const fs::path file = fresh(*data);
        {
            auto p = core::Project::open(file);
            p->db().exec("UPDATE samples SET trusted=1 WHERE id <= 20");
        }
        // Brute force: trusted samples (ids 1..20) per given class.
        QVector<int> expect(3, 0);
        for (int r = 0; r < data->n; ++r)
            if (data->ids[size_t(r)] <= 20) ++expect[data->given[size_t(r)]];
        ReviewWidget w;
        w.open(file, data, QStringLiteral("ann"));
        TrustedSetManager m(&w);
        m.refresh();
        QCOMPARE(m.coverage(), expect);
        int below = 0;
        for (int c : expect) below += c < TrustedSetManager::kMinPerClass;
        QCOMPARE(m.classesBelowMinimum(), below);
        // Unmark the first trusted sample of class 0 through the manager: an audited untrust.
        m.table()->setCurrentCell(0, 0);
        auto* list = m.findChild<QListWidget*>();
        QVERIFY(list && list->count() == expect[0]);
        const qint64 id = list->item(0)->data(Qt::UserRole).toLongLong();
        list->item(0)->setSelected(true);
        for (auto* b : m.findChildren<QPushButton*>())
            if (b->text() == TrustedSetManager::tr("Unmark selected")) b->click();
        QCOMPARE(m.coverage()[0], expect[0] - 1);
        const QList<Row> got = rows(file);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].action, QStringLiteral("untrust"));
        QCOMPARE(got[0].sample, id);
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=" + std::to_string(id)), 0);
    }

    void panelShowsItemAndSimilarTrusted() {
        auto data = makeSyntheticReviewData(120, 3, 0.3, 17);
        const fs::path file = fresh(*data);
        {
            auto p = core::Project::open(file);
            p->db().exec("UPDATE samples SET trusted=1 WHERE id % 10 = 0");
        }
        ReviewWidget w;
        w.open(file, data, QStringLiteral("ann"));
        w.show();
        ReviewPanel* panel = w.panel();
        QTRY_VERIFY(panel->imageShown());
        QCOMPARE(panel->currentSampleId(), w.currentSampleId());
        QSignalSpy spy(panel, &ReviewPanel::similarShown);
        QTest::keyClick(w.queueView(), Qt::Key_L);
        QTRY_VERIFY(!spy.isEmpty());
        // Independent check: brute-force cosine over trusted samples of the given class.
        const auto item = panel->currentItem();
        const auto got = panel->similarGiven()->items();
        QVERIFY(!got.isEmpty());
        const int L = data->featureDim;
        auto cosine = [&](int a, int b) {
            double dot = 0, na = 0, nb = 0;
            for (int j = 0; j < L; ++j) {
                const double x = data->features[size_t(a) * L + j], y = data->features[size_t(b) * L + j];
                dot += x * y;
                na += x * x;
                nb += y * y;
            }
            return dot / std::sqrt(na * nb);
        };
        qint64 best = -1;
        double bestSim = -2;
        for (int r = 0; r < data->n; ++r) {
            if (data->ids[size_t(r)] % 10 != 0 || data->given[size_t(r)] != item.given || r == item.row) continue;
            const double c = cosine(item.row, r);
            if (c > bestSim) bestSim = c, best = data->ids[size_t(r)];
        }
        QCOMPARE(got[0].first, best);
        QVERIFY(std::abs(got[0].second - bestSim) < 1e-4);
        for (const auto& [id, sim] : got) {
            QCOMPARE(id % 10, 0);
            QCOMPARE(data->given[size_t(data->rowOf(id))], item.given);
        }
    }
};

QTEST_MAIN(TestReviewKeys)
#include "tst_review_keys.moc"
