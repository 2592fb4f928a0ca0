// The RoCOCO failure browser under the offscreen platform, on the hand-built set of
// tests/core/retrieval_fixture.h whose failures are worked out by hand: image B's best ground
// truth "a red bird sings" (hB) scores 0.5 against B (e2) while its adversarial "a red plane
// sings" (e2) scores 1.0, so B's failure has margin 0.5, the adversarial caption is top-1 and
// the swap is bird > plane; image C's adversarial "a man rides a zebra" ties with its ground
// truth (margin 0, counted against the truth); image A's adversarial caption scores 0 (no
// failure). Clean and attacked image -> text R@1 (3/4 and 1/4) are the numbers worked out in
// tst_retrieval_evaluation.cpp.
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTableView>
#include <QTest>

#include "../core/retrieval_fixture.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_import.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "widgets/retrieval/retrieval_browser.h"
#include "widgets/retrieval/retrieval_failure_detail.h"
#include "widgets/retrieval/retrieval_failure_model.h"
#include "widgets/retrieval/retrieval_results_view.h"

using namespace winnow;
namespace fs = std::filesystem;

class TestRetrievalBrowser : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;

    void waitLoaded(widgets::RetrievalBrowser& b) {
        if (!b.isLoading()) return;
        QSignalSpy spy(&b, &widgets::RetrievalBrowser::loaded);
        QVERIFY(spy.wait(20000));
    }

private Q_SLOTS:
    void initTestCase() {
        const fs::path d = m_tmp.path().toStdString();
        test::FakeEncoder encoder;
        test::writeHandBuiltSet(d, encoder);
        m_project = d / "p.winnow";
        auto project = core::Project::create(m_project);
        core::CaptionImportOptions o;
        o.imageFolder = d / "images";
        o.attacks = core::AttackLayout::Rococo;
        const auto imported = core::importCaptionSet(*project, d / "handbuilt.json", o);
        const core::CaptionSet set = core::loadStoredCaptionSet(project->db(), imported.setId);
        core::RetrievalEvalInput in;
        in.setId = imported.setId;
        in.set = &set;
        in.setAttackName = "handbuilt";
        core::runRetrievalEvaluation(*project, encoder, in);
    }

    void showsTheKnownFailureFirst() {
        widgets::RetrievalBrowser b;
        b.resize(1366, 768);
        b.open(m_project);
        waitLoaded(b);
        QVERIFY2(b.errorText().isEmpty(), qPrintable(b.errorText()));
        auto* model = b.failureModel();
        // B (margin 0.5), then C and D in query order (ties: C with its own adversarial caption,
        // D with B's "a red plane sings", both 0.5); A is no failure.
        QCOMPARE(model->rowCount(), 3);
        const auto* first = model->failureAt(0);
        QVERIFY(first);
        QCOMPARE(first->failure.direction, std::string("i2t"));
        QVERIFY2(first->query.endsWith("b.png"), qPrintable(first->query));
        QCOMPARE(first->failure.margin, 0.5f);
        QVERIFY(first->top1IsAttack);
        QVERIFY2(first->top1.contains("plane", Qt::CaseInsensitive), qPrintable(first->top1));
        QVERIFY2(first->swapped.contains("bird>plane"), qPrintable(first->swapped));
        const auto* second = model->failureAt(1);
        QVERIFY2(second->query.endsWith("c.png"), qPrintable(second->query));
        QCOMPARE(second->failure.margin, 0.0f);

        // The detail pane shows the selected (first) failure, the swapped word highlighted.
        QCOMPARE(b.failureView()->currentIndex().row(), 0);
        const QString text = b.detail()->plainText();
        QVERIFY2(text.contains("a red bird sings", Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(text.contains("plane"), qPrintable(text));
        QVERIFY(widgets::RetrievalFailureDetail::highlightSwaps("A red plane sings.", "bird>plane").contains("<b>plane</b>"));
        // Whole words only: "man" is not lit inside "woman".
        QVERIFY(!widgets::RetrievalFailureDetail::highlightSwaps("a woman", "boy>man").contains("<b>"));

        // step(1) (L or → in the list) moves to the next failure like the review queue.
        b.step(1);
        QCOMPARE(b.failureView()->currentIndex().row(), 1);
        QVERIFY(b.detail()->plainText().contains("zebra"));
    }

    void filtersBySwappedWordAndDirection() {
        widgets::RetrievalBrowser b;
        b.open(m_project);
        waitLoaded(b);
        b.wordFilter()->setText("zebra");
        QCOMPARE(b.failureModel()->rowCount(), 1);
        QVERIFY(b.failureModel()->failureAt(0)->query.endsWith("c.png"));
        b.wordFilter()->clear();
        b.directionFilter()->setCurrentIndex(b.directionFilter()->findData(QStringLiteral("t2i")));
        QCOMPARE(b.failureModel()->rowCount(), 0);  // no image attack in this run
    }

    void resultsAndLeaderboards() {
        widgets::RetrievalBrowser b;
        b.open(m_project);
        waitLoaded(b);
        auto* results = b.results();
        // One caption attack (the set's own): one bar for image -> text.
        QCOMPARE(results->barLabels(), QStringList{"handbuilt (i2t)"});
        QCOMPARE(results->cleanBars().value(0), 75.0);     // 3 of 4 images
        QCOMPARE(results->attackedBars().value(0), 25.0);  // only A keeps its caption first
        // The winning swaps include bird>plane (B's top-1).
        QVERIFY(b.swapBoard()->rowCount() >= 1);
        bool bird = false;
        for (int r = 0; r < b.swapBoard()->rowCount(); ++r) bird |= b.swapBoard()->item(r, 0)->text().contains("bird>plane");
        QVERIFY(bird);
    }

    void emptyProjectSaysWhatToDo() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "empty.winnow";
        core::Project::create(file);
        widgets::RetrievalBrowser b;
        b.open(file);
        QCOMPARE(b.failureModel()->rowCount(), 0);
        QVERIFY(b.errorText().isEmpty());
    }
};

QTEST_MAIN(TestRetrievalBrowser)
#include "tst_retrieval_browser.moc"
