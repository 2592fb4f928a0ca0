// SampleGridModel: the item model contract (QAbstractItemModelTester) and filtering/sorting
// against a brute-force expectation computed here, independently of the bucket sort.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <random>

#include "widgets/sample_grid_model.h"

using namespace winnow;
using widgets::GridQuery;
using widgets::GridSortKey;
using widgets::SampleGridModel;

namespace {

std::shared_ptr<core::SampleTable> randomTable(size_t n, int classes, unsigned seed) {
    auto t = std::make_shared<core::SampleTable>();
    std::mt19937 rng(seed);
    int64_t id = 10;
    for (size_t i = 0; i < n; ++i) {
        id += 1 + int64_t(rng() % 3);  // gaps, as after deletions
        t->ids.push_back(id);
        t->label.push_back(int32_t(rng() % (classes + 1)) - 1);  // includes unlabelled (-1)
        t->originalLabel.push_back(-1);
        t->split.push_back(int8_t(rng() % 3));
        t->status.push_back(int8_t(rng() % 7 == 0 ? 1 : 0));
        t->trusted.push_back(int8_t(rng() % 2));
        t->kind.push_back(0);
    }
    return t;
}

// Brute force: filter with plain comparisons, then a comparison sort on (key, id).
std::vector<int64_t> expectedIds(const core::SampleTable& t, const GridQuery& q) {
    struct Row { int key; int64_t id; };
    std::vector<Row> rows;
    for (size_t i = 0; i < t.size(); ++i) {
        if (q.classIdx == -2 && t.label[i] != -1) continue;
        if (q.classIdx >= 0 && t.label[i] != q.classIdx) continue;
        if (q.split >= 0 && t.split[i] != q.split) continue;
        if (q.status >= 0 && t.status[i] != q.status) continue;
        if (q.onlyIds && std::find(q.onlyIds->begin(), q.onlyIds->end(), t.ids[i]) == q.onlyIds->end()) continue;
        int key = 0;
        if (q.sort == GridSortKey::Label) key = t.label[i];
        if (q.sort == GridSortKey::Split) key = t.split[i];
        if (q.sort == GridSortKey::Status) key = t.status[i];
        rows.push_back({key, t.ids[i]});
    }
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        if (a.key != b.key) return q.descending ? a.key > b.key : a.key < b.key;
        // Within a key, ids ascend; sorting by id alone descending reverses them.
        if (q.sort == GridSortKey::Id && q.descending) return a.id > b.id;
        return a.id < b.id;
    });
    std::vector<int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    return ids;
}

std::vector<int64_t> modelIds(const SampleGridModel& m) {
    std::vector<int64_t> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids.push_back(m.index(r).data(SampleGridModel::SampleIdRole).toLongLong());
    return ids;
}

bool waitApplied(SampleGridModel& m) {
    return QTest::qWaitFor([&] { return !m.busy(); }, 10000);
}

}  // namespace

class TestSampleGridModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelContract() {
        SampleGridModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(randomTable(500, 4, 1), {"a", "b", "c", "d"});
        QCOMPARE(model.rowCount(), 500);
        GridQuery q;
        q.classIdx = 2;
        q.sort = GridSortKey::Split;
        model.setQuery(q);
        QVERIFY(waitApplied(model));
        model.setTable(randomTable(50, 4, 2), {"a", "b", "c", "d"});
        QVERIFY(waitApplied(model));
        model.setQuery(GridQuery());
        QVERIFY(waitApplied(model));
        QCOMPARE(model.rowCount(), 50);
    }

    void roles() {
        auto t = std::make_shared<core::SampleTable>();
        t->ids = {5, 9};
        t->label = {1, -1};
        t->originalLabel = {-1, -1};
        t->split = {2, 0};
        t->status = {0, 1};
        t->trusted = {1, 0};
        t->kind = {0, 1};
        SampleGridModel model;
        model.setTable(t, {"cat", "dog"});
        const QModelIndex a = model.index(0), b = model.index(1);
        QCOMPARE(a.data(SampleGridModel::SampleIdRole).toLongLong(), 5);
        QCOMPARE(a.data(SampleGridModel::LabelNameRole).toString(), QString("dog"));
        QCOMPARE(a.data(SampleGridModel::SplitRole).toInt(), 2);
        QCOMPARE(a.data(SampleGridModel::TrustedRole).toBool(), true);
        QCOMPARE(b.data(SampleGridModel::StatusRole).toInt(), 1);
        QCOMPARE(b.data(SampleGridModel::KindRole).toInt(), 1);
        QCOMPARE(b.data(SampleGridModel::LabelIdxRole).toInt(), -1);
        QVERIFY(a.data(SampleGridModel::ThumbnailRole).value<QImage>().isNull());  // no cache
        QCOMPARE(model.rowOfSample(9), 1);
        QCOMPARE(model.rowOfSample(7), -1);
    }

    void filterAndSort_data() {
        QTest::addColumn<int>("classIdx");
        QTest::addColumn<int>("split");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<int>("onlyEvery");  // > 0: only every n-th id of the table plus unknown ids (a map selection)
        QTest::newRow("all by id") << -1 << -1 << -1 << 0 << false << 0;
        QTest::newRow("all by id desc") << -1 << -1 << -1 << 0 << true << 0;
        QTest::newRow("class 3") << 3 << -1 << -1 << 0 << false << 0;
        QTest::newRow("unlabelled") << -2 << -1 << -1 << 0 << false << 0;
        QTest::newRow("test split by label") << -1 << 2 << -1 << 1 << false << 0;
        QTest::newRow("by label desc") << -1 << -1 << -1 << 1 << true << 0;
        QTest::newRow("unreadable by split") << -1 << -1 << 1 << 2 << false << 0;
        QTest::newRow("class 0 val by status desc") << 0 << 1 << -1 << 3 << true << 0;
        QTest::newRow("empty result") << 4 << -1 << -1 << 0 << false << 0;  // no class 4
        QTest::newRow("map selection") << -1 << -1 << -1 << 0 << false << 7;
        QTest::newRow("map selection, class 1 by label") << 1 << -1 << -1 << 1 << true << 3;
    }

    void filterAndSort() {
        QFETCH(int, classIdx);
        QFETCH(int, split);
        QFETCH(int, status);
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(int, onlyEvery);
        auto table = randomTable(20000, 4, 42);
        SampleGridModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(table, {"a", "b", "c", "d"});
        GridQuery q{classIdx, split, status, GridSortKey(sort), descending};
        if (onlyEvery > 0) {
            auto ids = std::make_shared<std::vector<int64_t>>();
            ids->push_back(1);  // not in the table
            for (size_t i = 0; i < table->size(); i += size_t(onlyEvery)) ids->push_back(table->ids[i]);
            ids->push_back(table->ids.back() + 5);  // not in the table
            q.onlyIds = ids;
        }
        QSignalSpy applied(&model, &SampleGridModel::queryApplied);
        model.setQuery(q);
        QVERIFY(waitApplied(model));
        QCOMPARE(applied.count(), 1);
        const auto expected = expectedIds(*table, q);
        QCOMPARE(model.rowCount(), int(expected.size()));
        QVERIFY(modelIds(model) == expected);
        // The reverse map agrees with the rows.
        for (int r = 0; r < model.rowCount(); r += 97)
            QCOMPARE(model.rowOfSample(model.sampleIdAt(r)), r);
    }

    void staleResultsAreDropped() {
        auto table = randomTable(200000, 6, 7);
        SampleGridModel model;
        model.setTable(table, {"a", "b", "c", "d", "e", "f"});
        QSignalSpy applied(&model, &SampleGridModel::queryApplied);
        GridQuery first;
        first.classIdx = 1;
        GridQuery second;
        second.split = 2;
        second.sort = GridSortKey::Label;
        model.setQuery(first);
        model.setQuery(second);  // before the first result can be delivered
        QVERIFY(waitApplied(model));
        QTest::qWait(50);  // let any late delivery of the first result through
        QCOMPARE(applied.count(), 1);
        QVERIFY(modelIds(model) == expectedIds(*table, second));
    }
};

QTEST_MAIN(TestSampleGridModel)
#include "tst_sample_grid_model.moc"
