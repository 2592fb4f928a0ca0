// The review queue model: order, filters, counts, and the Qt model contract on many rows.
#include <QAbstractItemModelTester>
#include <QtTest>
#include <algorithm>

#include "widgets/review/review_data.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/similar_samples.h"

using namespace winnow::widgets;

class TestReviewQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelContractUnderTester() {
        auto data = makeSyntheticReviewData(20000, 10, 0.2, 7);
        ReviewQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReviewData(data);
        QueueFilter f;
        f.classIdx = 3;
        model.setFilter(f);
        model.setDecision(data->ids[5], DecisionState::Exclude);
        f.state = QueueFilter::Undecided;
        model.setFilter(f);
        f = QueueFilter();
        f.flaggedOnly = false;
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 20000);
        std::vector<uint8_t> none(20000, 0);
        model.setFlags(none);
        QCOMPARE(model.rowCount(), 20000);  // not flagged-only any more
        model.setFilter(QueueFilter());
        QCOMPARE(model.rowCount(), 0);
    }

    void orderAndFilterMatchBruteForce() {
        auto data = makeSyntheticReviewData(5000, 4, 0.3, 11);
        ReviewQueueModel model;
        model.setReviewData(data);
        // Independent expectation: flagged rows of class 2, by score descending.
        std::vector<std::pair<float, int64_t>> expect;
        for (int64_t r = 0; r < data->n; ++r)
            if (data->flag[size_t(r)] && data->given[size_t(r)] == 2)
                expect.push_back({data->score[size_t(r)], data->ids[size_t(r)]});
        std::sort(expect.begin(), expect.end(), [](auto a, auto b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        QueueFilter f;
        f.classIdx = 2;
        model.setFilter(f);
        QCOMPARE(model.rowCount(), int(expect.size()));
        QVERIFY(!expect.empty());
        for (int i = 0; i < model.rowCount(); ++i)
            QCOMPARE(model.sampleIdAt(i), qint64(expect[size_t(i)].second));

        // Decisions keep rows in place; the state filter then selects them.
        const qint64 a = model.sampleIdAt(0), b = model.sampleIdAt(1);
        model.setDecision(a, DecisionState::Keep);
        model.setDecision(b, DecisionState::Relabel, 1);
        QCOMPARE(model.sampleIdAt(0), a);
        QCOMPARE(model.data(model.index(1), ReviewQueueModel::NewLabelRole).toInt(), 1);
        f.state = QueueFilter::Decided;
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 2);
        f.state = int(DecisionState::Relabel);
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.sampleIdAt(0), b);
        f.state = QueueFilter::Undecided;
        model.setFilter(f);
        QCOMPARE(model.rowCount(), int(expect.size()) - 2);
    }

    void countsFollowDecisions() {
        auto data = makeSyntheticReviewData(3000, 5, 0.25, 3);
        int64_t flagged = 0;
        for (auto v : data->flag) flagged += v;
        ReviewQueueModel model;
        model.setReviewData(data);
        QCOMPARE(model.flaggedCount(), flagged);
        QCOMPARE(model.reviewedFlaggedCount(), 0);
        const qint64 s0 = model.sampleIdAt(0);
        model.setDecision(s0, DecisionState::Keep);
        model.setDecision(s0, DecisionState::Exclude);  // a second decision: still one sample
        QCOMPARE(model.reviewedFlaggedCount(), 1);
        model.setDecision(s0, DecisionState::None);
        QCOMPARE(model.reviewedFlaggedCount(), 0);
        // A sample that is not flagged does not count.
        int64_t unflagged = -1;
        for (int64_t r = 0; r < data->n && unflagged < 0; ++r)
            if (!data->flag[size_t(r)]) unflagged = data->ids[size_t(r)];
        model.setDecision(unflagged, DecisionState::Keep);
        QCOMPARE(model.reviewedFlaggedCount(), 0);
    }

    void dashboardSelectionFilter() {
        auto data = makeSyntheticReviewData(1000, 3, 0.2, 5);
        ReviewQueueModel model;
        model.setReviewData(data);
        QueueFilter f;
        f.only = std::make_shared<const QSet<qint64>>(QSet<qint64>{10, 20, 30});
        model.setFilter(f);  // a selection shows its samples flagged or not
        QCOMPARE(model.rowCount(), 3);
        QSet<qint64> got;
        for (int i = 0; i < 3; ++i) got.insert(model.sampleIdAt(i));
        QCOMPARE(got, (QSet<qint64>{10, 20, 30}));
    }

    void cosineNeighboursByHand() {
        ReviewData d;
        d.resize(4, 2, false);
        for (int i = 0; i < 4; ++i) d.ids[size_t(i)] = i + 1;
        // Query (1,0); candidates (0,1) cos 0, (1,1) cos 0.7071, (-1,0) cos -1.
        static const float feats[] = {1, 0, 0, 1, 1, 1, -1, 0};
        d.features = feats;
        d.featureDim = 2;
        auto top = mostSimilarRows(d, 0, {1, 2, 3, 0}, 2);
        QCOMPARE(top.size(), 2);
        QCOMPARE(top[0].first, 2);
        QVERIFY(std::abs(top[0].second - float(std::sqrt(0.5))) < 1e-6f);
        QCOMPARE(top[1].first, 1);
        QVERIFY(std::abs(top[1].second) < 1e-6f);
    }
};

QTEST_MAIN(TestReviewQueue)
#include "tst_review_queue.moc"
